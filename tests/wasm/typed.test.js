// A typed activation computed as carefully as the built-ins (issue 15), through the BUILT module:
// evaluateExpression() against the correctly rounded references of tests/reference/typed.csv
// (typed_generate.py, mpmath), derive()'s stable forms, and the accuracy report.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

import { isLost as lost, isNormal, loadTyped } from './reference.js';

const core = await loadCore();
const rows = loadTyped();

test('no typed activation loses a result at its tails: 0, inf, NaN or worse than 1e-6', () => {
  const expressions = [...new Set(rows.map((r) => r.expression))];
  assert.ok(expressions.length >= 20, `${expressions.length} expressions`);
  const failures = [];
  for (const expression of expressions) {
    const points = rows.filter((r) => r.expression === expression);
    const { value, derivative } = core.evaluateExpression(expression, points.map((p) => p.z));
    points.forEach((p, i) => {
      if (lost(value[i], p.value)) failures.push(`${expression} at ${p.z}: ${value[i]} (true ${p.value})`);
      if (lost(derivative[i], p.derivative)) failures.push(`${expression}' at ${p.z}: ${derivative[i]} (true ${p.derivative})`);
      // Where the truth is subnormal or 0, still a number, and within the subnormals' reach.
      for (const [got, truth] of [[value[i], p.value], [derivative[i], p.derivative]]) {
        if (Number.isFinite(truth) && !isNormal(truth) && !(Math.abs(got - truth) < 2.2250738585072014e-308)) {
          failures.push(`${expression} at ${p.z}: ${got} where the truth ${truth} is below the normal range`);
        }
      }
    });
  }
  assert.deepEqual(failures, []);
});

test('derive() names the stable forms and the identities that made them', () => {
  const { stable, derivative } = core.derive('sigmoid(z)');
  assert.equal(derivative.text, 'sigmoid(z)*(1 - sigmoid(z))');
  assert.equal(stable.derivative.text, 'sigmoid(z)*sigmoid(-z)');
  assert.deepEqual(stable.derivativeRewrites.map((s) => s.rule), ['one minus a sigmoid']);
  assert.match(stable.derivativeRewrites[0].note, /\\sigma\(-u\)/);
  assert.equal(stable.input.text, 'sigmoid(z)');
  assert.deepEqual(stable.inputRewrites, []);
  const ratio = core.derive('(exp(z)-exp(-z))/(exp(z)+exp(-z))').stable;
  assert.equal(ratio.input.text, 'tanh(z)');
  assert.deepEqual(ratio.inputRewrites.map((s) => s.rule),
    ['a pair of exponentials', 'a pair of exponentials', 'tanh from exponentials']);
  assert.deepEqual(core.derive('z^2').stable.derivativeRewrites, []);
});

test('accuracy() finds where the form as written breaks down, by bisection', () => {
  const z = Float64Array.from({ length: 401 }, (_, i) => -50 + i / 4);
  const report = core.accuracy('sigmoid(z)', z);
  const [breakdown, ...more] = report.derivative.breakdowns;
  assert.equal(more.length, 0);
  assert.ok(breakdown.z > 20 && breakdown.z < 37, String(breakdown.z));
  assert.ok(Math.abs(breakdown.got - breakdown.truth) > 1e-6 * breakdown.truth, JSON.stringify(breakdown));
  assert.ok(report.derivative.plainLost > 0);
  assert.equal(report.derivative.carefulLost, 0);
  assert.ok(report.derivative.worstCarefulUlp <= 4, String(report.derivative.worstCarefulUlp));
  assert.ok(report.derivative.worstPlainUlp === Infinity || report.derivative.worstPlainUlp > 1e10);
  for (const key of ['plain', 'careful', 'plainUlp', 'carefulUlp', 'condition']) {
    assert.ok(report.derivative[key] instanceof Float64Array && report.derivative[key].length === z.length, key);
  }
  const nan = core.accuracy('(exp(z)-exp(-z))/(exp(z)+exp(-z))', [-800, -400, 0, 400, 800]);
  assert.ok(Number.isNaN(nan.value.plain[0]) && nan.value.careful[0] === -1);
  assert.equal(nan.value.plainUlp[0], Infinity);
  assert.equal(nan.value.carefulUlp[0], 0);
});

test('accuracy() gives the condition number of what no identity removes', () => {
  const z = Float64Array.from({ length: 11 }, (_, i) => 1e6 + i * 9e5);
  const report = core.accuracy('sqrt(z^2+1)-z', z);
  assert.ok(report.value.worstCondition > 1e12, String(report.value.worstCondition));
  assert.ok(report.value.carefulLost > 0);
  assert.equal(core.accuracy('z^2', z).value.worstCondition, 1);
});
