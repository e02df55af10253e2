// The practice checker through the BUILT module: core.checkDerivative() accepts right answers in
// other forms (at the tails too), refuses wrong ones with a counterexample and names the classic
// mistakes; malformed answers throw with their column.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

import { readTable } from './reference.js';

const core = await loadCore();

// tests/reference/answers.csv, the table tests/core/answer_test.cpp checks natively.
const table = readTable('answers.csv', 'target,answer,verdict,mistake')
  .map(([target, answer, verdict, mistake]) => ({ target, answer, verdict, mistake: mistake || null }));

test('the table of 130 answers gets the verdicts and mistakes it gets natively', () => {
  assert.ok(table.every((r) => r.verdict === 'right' || r.verdict === 'wrong'), 'a malformed row');
  assert.ok(table.filter((r) => r.verdict === 'right').length >= 60);
  assert.ok(table.filter((r) => r.verdict === 'wrong').length >= 60);
  const failures = [];
  for (const row of table) {
    const r = core.checkDerivative(row.target, row.answer);
    if (r.equivalent !== (row.verdict === 'right')) failures.push(`${row.target}: ${row.answer} judged ${r.equivalent}`);
    if ((r.mistake?.id ?? null) !== row.mistake) failures.push(`${row.target}: ${row.answer} named ${r.mistake?.id}`);
    if (row.verdict === 'wrong' && !(r.counterexample && r.counterexample.expected !== r.counterexample.got)) {
      failures.push(`${row.target}: ${row.answer} has no counterexample`);
    }
  }
  assert.deepEqual(failures, []);
});

test('right answers in other forms are accepted, the walkthrough form proved', () => {
  for (const [target, answer] of [
    ['sigmoid', 'g(z)*(1 - g(z))'], ['sigmoid', 'sigmoid(z)*(1-sigmoid(z))'], ['sigmoid', 'exp(-z)/(1+exp(-z))^2'],
    ['tanh', '1 - g(z)^2'], ['tanh', 'sech(z)^2'], ['relu', 'piecewise(z >= 0, 1, z < 0, 0)'],
    ['leaky_relu', 'piecewise(z > 0, 1, z <= 0, alpha)'], ['z*sigmoid(z)', 'sigmoid(z)*(1 + z*sigmoid(-z))'],
  ]) {
    const r = core.checkDerivative(target, answer);
    assert.equal(r.equivalent, true, `${target}: ${answer} ${JSON.stringify(r.counterexample)}`);
    assert.equal(r.counterexample, null);
    assert.equal(r.mistake, null);
  }
  assert.equal(core.checkDerivative('z^2', '2*z').proved, true);
  const { answer } = core.checkDerivative('sigmoid', 'g(z)*(1 - g(z))');
  assert.deepEqual(answer, { latex: 'g(z) (1 - g(z))', text: 'g(z)*(1 - g(z))' });
});

test('wrong answers are refused with a real counterexample and the mistake named', () => {
  const r = core.checkDerivative('tanh', '1 - g(z)');
  assert.equal(r.equivalent, false);
  assert.equal(r.mistake.id, '1 - g for 1 - g squared');
  assert.match(r.mistake.message, /in terms of g/);
  assert.ok(Number.isFinite(r.counterexample.z) && r.counterexample.expected !== r.counterexample.got);
  assert.equal(core.checkDerivative('leaky_relu', 'piecewise(z > 0, 1, z <= 0, 0)').mistake.id, 'a parameter forgotten');
  assert.equal(core.checkDerivative('relu', 'piecewise(z > 0, 0, z <= 0, 1)').mistake.id,
    'the slopes of the two sides swapped');
  assert.equal(core.checkDerivative('sigmoid', 'g(z)^2').mistake, null);
  // The parameters given are those checked against.
  assert.equal(core.checkDerivative('leaky_relu', 'piecewise(z > 0, 1, z <= 0, 0.3)', { alpha: 0.3 }).equivalent, true);
});

test('malformed answers and bad arguments throw clear Errors', () => {
  assert.throws(() => core.checkDerivative('sigmoid', 'g(z)*(1 - '), (error) => error.column === 11);
  assert.throws(() => core.checkDerivative('sigmoid', 'x'.repeat(1_000_000)), /longer than 500 characters/);
  assert.throws(() => core.checkDerivative('sigmoid', '<script>alert(1)</script>'), /column 1/);
  assert.throws(() => core.checkDerivative('sigmoid', 'z\u202e+1'), /U\+202E at column 2/);
  assert.throws(() => core.checkDerivative('sigmoid', 42), /must be a string/);
  assert.throws(() => core.checkDerivative('leaky_relu', '1', { alpha: 7 }), /alpha/);
});

test('answerValues() gives the answer as the checker evaluates it: careful in the tails, NaN where it has no real value', () => {
  const z = [-40, 0, 2, 40];
  const v = core.answerValues('sigmoid', 'g(z)*(1 - g(z))', z);
  assert.ok(v instanceof Float64Array && v.length === 4);
  // At z = 40 the plain product is 0; the checker's careful form is sigma'(40) = e^-40 to 1 part in 1e12.
  assert.ok(Math.abs(v[3] / Math.exp(-40) - 1) < 1e-12, String(v[3]));
  assert.equal(v[1], 0.25);
  const wrong = core.answerValues('relu', 'log(z)', z);
  assert.ok(Number.isNaN(wrong[0]) && wrong[1] === -Infinity && Math.abs(wrong[2] - Math.log(2)) < 1e-15);
  assert.throws(() => core.answerValues('tanh', '1 - (', z), (e) => typeof e.column === 'number');
});
