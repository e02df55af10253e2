// The cost of computing typed expressions carefully (issue 15): core.evaluateExpression() over the
// plotted points (481, as the page plots them, and 100,000), with this build's stable forms against
// the core as it was before them (commit BEFORE below, built by scripts/bench.sh into
// build-bench-before/), both loaded in this one process and timed interleaved; and how long the
// accuracy report (core.accuracy(), which adds the double-double reference and the bisection) takes
// for the page's 481 points. Prints JSON; the ratio is careful / before.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCore } from 'activation-derivations';
import { recordResults } from './results.mjs';
import { median, time } from './timing.mjs';

export const BEFORE = '53ac83f';
const here = path.dirname(fileURLToPath(import.meta.url));
const { default: createBefore } = await import(pathToFileURL(path.join(here, '../build-bench-before/wasm/activation-core.mjs')).href);
const before = await createBefore();
const core = await loadCore();

const EXPRESSIONS = [
  'sigmoid(z)', '1/(1+exp(-z))', 'tanh(z)', '(exp(z)-exp(-z))/(exp(z)+exp(-z))', 'log(1+exp(z))',
  'z*sigmoid(z)', 'z/(1+exp(-z))', 'z*tanh(log(1+exp(z)))', '0.5*z*(1+erf(z/sqrt(2)))',
  '0.5*z*(1+tanh(sqrt(2/pi)*(z+0.044715*z^3)))', 'log(cosh(z))', 'z^2',
];
const grid = (n) => Float64Array.from({ length: n }, (_, i) => -6 + (12 * i) / (n - 1));
const NO_PARAMS = [[], []];

function compare(expression, z, repeats) {
  const old = [];
  const careful = [];
  for (let i = 0; i < 15; i += 1) {
    old.push(time(() => before.evaluateExpression(expression, z, ...NO_PARAMS), repeats));
    careful.push(time(() => core.evaluateExpression(expression, z), repeats));
  }
  return { beforeMs: median(old), carefulMs: median(careful) };
}

const rows = EXPRESSIONS.map((expression) => {
  const plotted = compare(expression, grid(481), 20);
  const many = compare(expression, grid(100_000), 1);
  const accuracyMs = time(() => core.accuracy(expression, grid(481)), 5);
  return {
    expression,
    plotted481: { beforeMs: Number(plotted.beforeMs.toFixed(3)), carefulMs: Number(plotted.carefulMs.toFixed(3)),
      ratio: Number((plotted.carefulMs / plotted.beforeMs).toFixed(2)) },
    points100k: { beforeMs: Number(many.beforeMs.toFixed(2)), carefulMs: Number(many.carefulMs.toFixed(2)),
      ratio: Number((many.carefulMs / many.beforeMs).toFixed(2)) },
    accuracy481Ms: Number(accuracyMs.toFixed(2)),
  };
});
const figures = {
  before: BEFORE,
  worstRatio481: Math.max(...rows.map((r) => r.plotted481.ratio)),
  worstRatio100k: Math.max(...rows.map((r) => r.points100k.ratio)),
  worstAccuracy481Ms: Math.max(...rows.map((r) => r.accuracy481Ms)),
  byExpression: rows,
};
console.log(JSON.stringify(figures, null, 2));
recordResults('careful-speed', figures);
