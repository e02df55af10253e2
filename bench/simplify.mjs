// The engine's simplified derivatives against math.js's (simplify(derivative(...)), the usual JS
// symbolic calculator, an npm devDependency used only here), on typed activations both can read
// (issue 14: the engine's result no longer than math.js's, except where it stops at a g-form).
//
// One printer: the API has no parse-and-print of its own, so both results are read by the engine's
// parser and written by its plain-text printer (core.derive(text).input.text), the engine's own
// result too, so neither side gains from what the parser's factories tidy. A result the engine cannot
// read is measured as its side printed it, and marked so with the reason.
// Length: tokens of that text (numbers, names, the operators + - * / ^; not parentheses or spaces),
// so `2*z/2` is 5 and `z` is 1; characters without spaces are reported beside it.
// The allowed exception: the engine writes tanh' as 1 - tanh(u)^2 (the g-form 1 - g^2 the page
// teaches) where math.js writes sech(u)^2, 2 tokens more for each such term. A longer result is
// excused when it is the engine's g-form itself (`stopsAtGForm`), or when it would be no longer with
// each whole term 1 - tanh(u)^2 counted as sech(u)^2 (`onlyByTanhChoice`); every other longer
// result is listed in `longerNotExcused`, with the g-form found, if any.
// Time: median of 50 calls each, core.derive() (which also finds the g-form, checks the result
// against automatic differentiation at 101 points and looks for kinks) against math.derivative()
// then math.simplify(); `ratio` is math.js's time over the engine's. Prints JSON and records it.
import { loadCore } from 'activation-derivations';
import { derivative, simplify } from 'mathjs';
import { recordResults } from './results.mjs';
import { median, time } from './timing.mjs';

const core = await loadCore();

// Written once where both parsers read the same text; {engine, mathjs} where spellings must differ.
const SUITE = [
  'z*exp(-z^2/2)', '(sqrt(z^2+1)-1)/2 + z', 'abs(z)*z', 'z/(1+abs(z))', 'sinh(z)/cosh(z)', 'tanh(z)',
  '1/(1+exp(-z))', 'log(1+exp(z))', 'z/(1+exp(-z))', 'z*tanh(log(1+exp(z)))',
  '0.5*z*(1+tanh(sqrt(2/pi)*(z+0.044715*z^3)))', '(exp(z)-exp(-z))/(exp(z)+exp(-z))', 'z^3', 'exp(z)-1',
  'z^2/2', 'sqrt(z^2+1)', 'log(cosh(z))', 'z*(1+z)', 'exp(-abs(z))', 'z/sqrt(1+z^2)', 'exp(z)/(1+exp(z))',
  'z^2*exp(-z)', 'log(1+z^2)', 'z/(1+z^2)', 'cosh(z)^2', 'sinh(z)*cosh(z)', 'z*exp(z)', '(2*z+1)^3',
  'exp(2*z)', 'z/3 + z/6', '1/(1+e^(-z))', 'e^(-z^2)',
];

const tokens = (text) => (text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_]+|[-+*/^]/g) ?? []).length;
const characters = (text) => text.replace(/\s+/g, '').length;
const differs = (a, b) => a.replace(/\s+/g, '') !== b.replace(/\s+/g, '');

// `text` as the engine's printer writes it, or as given with the reason the engine could not read it.
function reprint(text) {
  try {
    return { text: core.derive(text).input.text };
  } catch (error) {
    return { text, unread: error.message };
  }
}

// How many whole terms 1 - tanh(u)^2 the engine's text holds (at its start or just inside a
// parenthesis, and ending there or at a + or -), each of which math.js writes sech(u)^2.
function oneMinusTanhSquared(text) {
  let found = 0;
  for (let at = text.indexOf('1 - tanh('); at >= 0; at = text.indexOf('1 - tanh(', at + 1)) {
    if (at > 0 && text[at - 1] !== '(') continue;
    let depth = 0;
    let end = at + '1 - tanh'.length;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')') depth -= 1;
      if (depth === 0) break;
    }
    const rest = text.slice(end + 1);
    if (/^\^2(?:$|\)| [-+] )/.test(rest)) found += 1;
  }
  return found;
}

// Whether the engine's result is its g-form with g(z) written out as the input.
function stopsAtGForm(result) {
  if (!result.gForm) return false;
  const written = result.gForm.text.replaceAll('g(z)', `(${result.input.text})`);
  return reprint(written).text === reprint(result.derivative.text).text;
}

function compare(entry) {
  const { engine: ours, mathjs: theirs } = typeof entry === 'string' ? { engine: entry, mathjs: entry } : entry;
  const row = { expression: ours };
  if (theirs !== ours) row.mathjsExpression = theirs;
  let result;
  let mathjsText;
  try {
    result = core.derive(ours);
  } catch (error) {
    return { ...row, skipped: `the engine cannot read it: ${error.message}` };
  }
  try {
    mathjsText = simplify(derivative(theirs, 'z')).toString();
  } catch (error) {
    return { ...row, skipped: `math.js cannot read it: ${error.message}` };
  }
  const engine = reprint(result.derivative.text);
  const mathjs = reprint(mathjsText);
  Object.assign(row, { engine: result.derivative.text, mathjs: mathjsText });
  // What was measured, where it differs from what was printed by more than spaces.
  if (mathjs.unread) row.mathjsNotReprinted = mathjs.unread;
  else if (differs(mathjs.text, mathjsText)) row.mathjsReprinted = mathjs.text;
  if (engine.unread) row.engineNotReprinted = engine.unread;
  else if (differs(engine.text, result.derivative.text)) row.engineReprinted = engine.text;
  row.engineLength = tokens(engine.text);
  row.mathjsLength = tokens(mathjs.text);
  row.engineCharacters = characters(engine.text);
  row.mathjsCharacters = characters(mathjs.text);
  if (row.engineLength < row.mathjsLength) row.verdict = 'shorter';
  else row.verdict = row.engineLength === row.mathjsLength ? 'equal' : 'longer';
  if (row.verdict === 'longer') {
    row.gForm = result.gForm?.text ?? null;
    row.stopsAtGForm = stopsAtGForm(result);
    row.onlyByTanhChoice = row.engineLength - 2 * oneMinusTanhSquared(engine.text) <= row.mathjsLength;
  }
  const engineMs = time(() => core.derive(ours), 50);
  const mathjsMs = time(() => simplify(derivative(theirs, 'z')), 50);
  row.engineMs = Number(engineMs.toFixed(4));
  row.mathjsMs = Number(mathjsMs.toFixed(4));
  row.ratio = Number((mathjsMs / engineMs).toFixed(1));
  return row;
}

const rows = SUITE.map(compare);
const compared = rows.filter((r) => r.verdict);
const longer = compared.filter((r) => r.verdict === 'longer');
const excused = (r) => r.stopsAtGForm || r.onlyByTanhChoice;
const ratios = compared.map((r) => r.ratio);
const figures = {
  expressions: SUITE.length,
  compared: compared.length,
  skipped: rows.filter((r) => r.skipped).map(({ expression, skipped }) => ({ expression, skipped })),
  shorter: compared.filter((r) => r.verdict === 'shorter').length,
  equal: compared.filter((r) => r.verdict === 'equal').length,
  longer: longer.length,
  longerWithAGForm: longer.filter((r) => r.gForm)
    .map(({ expression, gForm, stopsAtGForm: at }) => ({ expression, gForm, stopsAtGForm: at })),
  longerExcused: longer.filter(excused).map(({ expression, stopsAtGForm: at }) => ({
    expression, why: at ? 'stops at its g-form' : "tanh' written 1 - tanh(u)^2, not sech(u)^2",
  })),
  longerNotExcused: longer.filter((r) => !excused(r)).map((r) => r.expression),
  ratioRange: ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : [],
  ratioMedian: ratios.length ? median(ratios) : null,
  rows,
};
console.log(JSON.stringify(figures, null, 2));
recordResults('simplify', figures);
