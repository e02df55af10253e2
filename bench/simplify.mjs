// The engine's simplified derivatives against math.js's (simplify(derivative(...)), the usual JS
// symbolic calculator, an npm devDependency used only here), on typed activations both can read.
//
// Length: both results are printed by the same printer, the engine's own plain text (math.js's
// result is read back by the engine's parser: core.derive(text).input.text), and counted in tokens
// (numbers, names, operators; not parentheses), so neither printer's habits count. A math.js result
// the engine cannot read is counted as math.js prints it, and marked so. The engine writes tanh' as
// 1 - tanh^2, the g-form the page teaches, where math.js writes sech^2: a longer result whose
// difference is that choice is reported apart. Time: median of 50 calls
// each (core.derive() against math.derivative() then math.simplify()). Prints JSON and records it.
import { loadCore } from 'activation-derivations';
import { derivative, simplify } from 'mathjs';
import { recordResults } from './results.mjs';

const core = await loadCore();

// Written once where both parsers read the same text; [engine, math.js] where spellings differ.
const SUITE = [
  'z*exp(-z^2/2)', '(sqrt(z^2+1)-1)/2 + z', 'abs(z)*z', 'z/(1+abs(z))', 'sinh(z)/cosh(z)', 'tanh(z)',
  '1/(1+exp(-z))', 'log(1+exp(z))', 'z/(1+exp(-z))', 'z*tanh(log(1+exp(z)))',
  '0.5*z*(1+tanh(sqrt(2/pi)*(z+0.044715*z^3)))', '(exp(z)-exp(-z))/(exp(z)+exp(-z))', 'z^3', 'exp(z)-1',
  'z^2/2', 'sqrt(z^2+1)', 'log(cosh(z))', 'z*(1+z)', 'exp(-abs(z))', 'z/sqrt(1+z^2)', 'exp(z)/(1+exp(z))',
  'z^2*exp(-z)', 'log(1+z^2)', 'z/(1+z^2)', 'cosh(z)^2', 'sinh(z)*cosh(z)', 'z*exp(z)', '(2*z+1)^3',
  'exp(2*z)', 'z/3 + z/6',
];

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const time = (run) => {
  const samples = [];
  for (let i = 0; i < 50; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
};
// An expression's length: its tokens (numbers, names, operators), not its parentheses or spaces.
const characters = (text) => (text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_]+|[-+*\/^]/g) ?? []).length;

// math.js's text as the engine prints it, or as math.js prints it if the engine cannot read it.
function measured(text) {
  try {
    return { text: core.derive(text).input.text, readByEngine: true };
  } catch {
    return { text, readByEngine: false };
  }
}

const rows = [];
for (const entry of SUITE) {
  const [ours, theirs] = Array.isArray(entry) ? entry : [entry, entry];
  const row = { expression: ours };
  let engine;
  let mathjs;
  try {
    engine = core.derive(ours);
  } catch (error) {
    rows.push({ ...row, skipped: `the engine cannot read it: ${error.message}` });
    continue;
  }
  try {
    mathjs = simplify(derivative(theirs, 'z')).toString();
  } catch (error) {
    rows.push({ ...row, skipped: `math.js cannot read it: ${error.message}` });
    continue;
  }
  const other = measured(mathjs);
  const engineLength = characters(engine.derivative.text);
  const mathjsLength = characters(other.text);
  row.engine = engine.derivative.text;
  row.mathjs = other.text;
  if (!other.readByEngine) row.mathjsAsPrinted = true;
  row.engineLength = engineLength;
  row.mathjsLength = mathjsLength;
  row.verdict = engineLength < mathjsLength ? 'shorter' : engineLength === mathjsLength ? 'equal' : 'longer';
  // The engine deliberately stops at a form in terms of g (tanh' as 1 - g^2) where it finds one.
  if (row.verdict === 'longer' && engine.gForm) row.gForm = engine.gForm.text;
  if (row.verdict === 'longer' && /1 - tanh\(/.test(row.engine) && /sech\(/.test(row.mathjs)) row.tanhAsOneMinusSquare = true;
  const engineMs = time(() => core.derive(ours));
  const mathjsMs = time(() => simplify(derivative(theirs, 'z')));
  row.engineMs = Number(engineMs.toFixed(4));
  row.mathjsMs = Number(mathjsMs.toFixed(4));
  row.speedup = Number((mathjsMs / engineMs).toFixed(1));
  rows.push(row);
}

const compared = rows.filter((r) => r.verdict);
const count = (verdict) => compared.filter((r) => r.verdict === verdict).length;
const figures = {
  expressions: SUITE.length,
  compared: compared.length,
  skipped: rows.filter((r) => r.skipped).map(({ expression, skipped }) => ({ expression, skipped })),
  shorter: count('shorter'),
  equal: count('equal'),
  longer: count('longer'),
  longerAtAGForm: compared.filter((r) => r.verdict === 'longer' && r.gForm).map((r) => r.expression),
  longerByOneMinusTanhSquared: compared.filter((r) => r.verdict === 'longer' && !r.gForm && r.tanhAsOneMinusSquare)
    .map((r) => r.expression),
  longerOtherwise: compared.filter((r) => r.verdict === 'longer' && !r.gForm && !r.tanhAsOneMinusSquare)
    .map((r) => r.expression),
  speedupRange: compared.length
    ? [Math.min(...compared.map((r) => r.speedup)), Math.max(...compared.map((r) => r.speedup))]
    : [],
  rows,
};
console.log(JSON.stringify(figures, null, 2));
recordResults('simplify', figures);
