// Benchmark of the practice checker through the built WASM module, in Node: the time of one
// core.checkDerivative() call (median of 21 per answer), over the answers of
// tests/reference/answers.csv, right and wrong, and over seeded exercises (core.exercise(), seeds
// 0..24 of each family), each checked with its own derivative (right) and that derivative's negation
// (wrong, the sign lost), with how many got the expected verdict. Issue 16 asks for a median under
// 2 ms. Prints JSON.
import { loadCore } from 'activation-derivations';
import { readTable } from '../tests/wasm/reference.js';
import { recordResults } from './results.mjs';
import { median, time } from './timing.mjs';

const REPEATS = 21;
const SEEDS = 25;
const FAMILIES = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

const core = await loadCore();

// The median time in ms of each check, each run once first (the first check of a built-in derives
// it and keeps it, which the page pays once per visit), and how many got the verdict `equivalent`.
function timesOf(checks, equivalent) {
  let asExpected = 0;
  const times = checks.map(({ target, answer, params }) => {
    asExpected += core.checkDerivative(target, answer, params).equivalent === equivalent;
    return time(() => core.checkDerivative(target, answer, params), REPEATS);
  });
  return { times, asExpected };
}

// {answers, asExpected, medianMs, p95Ms, maxMs} of per-answer times.
function summary({ times, asExpected }) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms) => Number(ms.toFixed(3));
  return {
    answers: times.length,
    asExpected,
    medianMs: round(median(times)),
    p95Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

const rows = readTable('answers.csv', 'target,answer,verdict,mistake')
  .map(([target, answer, verdict]) => ({ target, answer, verdict, params: {} }));
const exercises = FAMILIES.flatMap((family) => Array.from({ length: SEEDS }, (_, seed) => {
  const { target, params } = core.exercise(family, seed);
  return { target, params, derivative: core.derive(target, params).derivative.text };
}));
const right = exercises.map(({ target, params, derivative }) => ({ target, params, answer: derivative }));
const wrong = exercises.map(({ target, params, derivative }) => ({ target, params, answer: `-(${derivative})` }));

const groups = {
  csvRight: timesOf(rows.filter((r) => r.verdict === 'right'), true),
  csvWrong: timesOf(rows.filter((r) => r.verdict === 'wrong'), false),
  exerciseRight: timesOf(right, true),
  exerciseWrong: timesOf(wrong, false),
};
const everything = Object.values(groups);
const figures = {
  budgetMs: 2,
  all: summary({ times: everything.flatMap((g) => g.times), asExpected: everything.reduce((n, g) => n + g.asExpected, 0) }),
  answersCsv: { right: summary(groups.csvRight), wrong: summary(groups.csvWrong) },
  exercises: { seedsPerFamily: SEEDS, right: summary(groups.exerciseRight), wrong: summary(groups.exerciseWrong) },
};
console.log(JSON.stringify(figures, null, 2));
recordResults('practice-check', figures);
