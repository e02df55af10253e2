// How carefully a typed activation is evaluated: core.evaluateExpression() (value and derivative,
// as the page plots them) against the correctly rounded references of tests/reference/typed.csv
// (typed_generate.py, mpmath), at the tails where the formulas as written break down. Reports, per
// expression, the worst error in ULP where the reference is a normal double, and the results lost:
// 0, inf or NaN, or off by more than 1e-6 relative, where the truth is a normal double; and, from
// the core before the stable forms (bench/careful-speed.mjs's BEFORE, which scripts/bench.sh builds
// into build-bench-before/), the results the forms as written lose. Prints JSON.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCore } from 'activation-derivations';
import { isLost as lost, isNormal, loadTyped, ulpDistance } from '../tests/wasm/reference.js';
import { recordResults } from './results.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = loadTyped();
const ulps = (a, b) => Number(ulpDistance(a, b));

const core = await loadCore();
const beforeModule = path.join(here, '../build-bench-before/wasm/activation-core.mjs');
const before = existsSync(beforeModule) ? await (await import(pathToFileURL(beforeModule).href)).default() : null;
const byExpression = new Map();
let lostBefore = 0;
for (const row of rows) {
  const entry = byExpression.get(row.expression) ?? { expression: row.expression, points: 0, lost: 0,
    worstValueUlp: 0, worstDerivativeUlp: 0, lostAt: [] };
  const { value, derivative } = core.evaluateExpression(row.expression, [row.z]);
  if (before) {
    const old = before.evaluateExpression(row.expression, [row.z], [], []);
    lostBefore += lost(old.value[0], row.value) + lost(old.derivative[0], row.derivative);
  }
  entry.points += 1;
  for (const [kind, got, truth] of [['value', value[0], row.value], ['derivative', derivative[0], row.derivative]]) {
    if (lost(got, truth)) {
      entry.lost += 1;
      entry.lostAt.push(`${kind} at z = ${row.z}: ${got} (true ${truth})`);
    } else if (isNormal(truth)) {
      const key = kind === 'value' ? 'worstValueUlp' : 'worstDerivativeUlp';
      entry[key] = Math.max(entry[key], ulps(got, truth));
    }
  }
  byExpression.set(row.expression, entry);
}
const expressions = [...byExpression.values()];
const normal = rows.reduce((n, r) => n + isNormal(r.value) + isNormal(r.derivative), 0);
const figures = {
  expressions: expressions.length,
  points: rows.length,
  resultsWhoseTruthIsNormal: normal,
  lost: expressions.reduce((n, e) => n + e.lost, 0),
  lostAsWrittenBefore: before ? lostBefore : null,
  expressionsLosingResults: expressions.filter((e) => e.lost > 0).length,
  byExpression: expressions,
};
console.log(JSON.stringify(figures, null, 2));
recordResults('typed-accuracy', figures);
