// The output layer through the BUILT module: core.sigmoidLoss(), core.softmax() and
// core.softmaxCrossEntropy() against the correctly rounded references natively checked by
// tests/core/output_test.cpp (tests/reference/output.csv), within 4 ULP; and their errors.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

import { readTable, ulpDistance } from './reference.js';

const core = await loadCore();
const numbers = (field) => field.split(' ').map(Number);

function computed(fn, input) {
  if (fn === 'bce' || fn === 'mse') {
    const { loss, gradient } = core.sigmoidLoss(fn, [input[0]], input[1]);
    return [loss[0], gradient[0]];
  }
  const [first, ...logits] = input;
  if (fn === 'softmax') {
    const { value, jacobian } = core.softmax(logits, { temperature: first });
    assert.ok(value instanceof Float64Array && jacobian instanceof Float64Array);
    return [...value, ...jacobian];
  }
  const { loss, gradient } = core.softmaxCrossEntropy(logits, first);
  return [loss, ...gradient];
}

test('every case of output.csv within 4 ULP, as natively', () => {
  const rows = readTable('output.csv', 'function,input,output');
  assert.ok(rows.length >= 200);
  const failures = [];
  for (const [fn, input, output] of rows) {
    const got = computed(fn, numbers(input));
    const want = numbers(output);
    assert.equal(got.length, want.length, `${fn}(${input})`);
    got.forEach((v, i) => {
      if (ulpDistance(v, want[i]) > 4) failures.push(`${fn}(${input}) result ${i}: ${v}, want ${want[i]}`);
    });
  }
  assert.deepEqual(failures, []);
});

test('sigmoidLoss() takes many z at once; softmax() defaults to temperature 1', () => {
  const z = new Float64Array([-1000, -1, 0, 1, 1000]);
  const bce = core.sigmoidLoss('bce', z, 1);
  assert.equal(bce.loss.length, 5);
  assert.deepEqual([...bce.gradient].map((g) => Math.round(g * 1e6) / 1e6), [-1, -0.731059, -0.5, -0.268941, 0]);
  assert.ok([...core.sigmoidLoss('mse', z, 0).loss].every(Number.isFinite));
  assert.deepEqual(core.softmax([709, 710]), core.softmax([709, 710], { temperature: 1 }));
  assert.equal(core.sigmoidLoss('bce', [], 0.5).loss.length, 0);
});

test('empty logits, non-finite ones, a target out of range, a bad y and an unknown loss throw saying which', () => {
  const says = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message), String(pattern));
  says(() => core.softmax([]), /^softmax needs at least one logit/);
  says(() => core.softmax([1, NaN, 2]), /^logit 1 is NaN/);
  says(() => core.softmax([Infinity]), /^logit 0 is Infinity/);
  says(() => core.softmax([1, 2], { temperature: 0 }), /^the temperature must be a positive finite number, not 0$/);
  says(() => core.softmax([1, 2], { temperature: 'hot' }), /^the temperature must be a number/);
  says(() => core.softmax('1,2'), /^logits must be an array/);
  says(() => core.softmax([1, '2']), /^logits\[1\] must be a number/);
  says(() => core.softmax(new Array(1025).fill(0)), /at most 1024 logits, not 1025$/);
  says(() => core.softmaxCrossEntropy([1, 2], 2), /^the target class must be from 0 to 1, not 2/);
  says(() => core.softmaxCrossEntropy([1, 2], 1e300), /^the target class must be from 0 to 1, not 1e\+300/);
  says(() => core.softmaxCrossEntropy([1, 2, 3], 1.5), /^the target class must be a whole number, not 1.5$/);
  says(() => core.softmaxCrossEntropy([], 0), /^softmax needs at least one logit/);
  says(() => core.sigmoidLoss('hinge', [0], 1), /^unknown loss 'hinge' \(known: bce, mse\)$/);
  says(() => core.sigmoidLoss('bce', [0], 2), /^the target y must be from 0 to 1, not 2$/);
  says(() => core.sigmoidLoss('bce', [], NaN), /^the target y must be from 0 to 1, not NaN$/);
  says(() => core.sigmoidLoss(1, [0], 1), /^the loss must be a string/);
});

// The engine's derivations in index notation, through the module: the same results as natively
// (tests/core/indexed_test.cpp), steps in the shape derive() gives, and the check's figures.
test('softmaxDerivations(): the Jacobian and cross-entropy after softmax, derived', () => {
  const { jacobian, crossEntropy } = core.softmaxDerivations();
  assert.equal(jacobian.quantity, 's_{i}');
  assert.equal(jacobian.variable, 'z_{j}');
  assert.equal(jacobian.input, '\\frac{e^{z_{i}}}{\\sum_{k} e^{z_{k}}}');
  assert.equal(jacobian.result, 's_{i} (\\delta_{ij} - s_{j})');
  assert.deepEqual(jacobian.cases, [
    { condition: 'i = j', result: 's_{i} (1 - s_{i})' },
    { condition: 'i \\neq j', result: '-s_{i} s_{j}' },
  ]);
  assert.equal(crossEntropy.result, 's_{j} - y_{j}');
  assert.deepEqual(crossEntropy.cases, []);
  for (const d of [jacobian, crossEntropy]) {
    assert.equal(d.steps.rule, 'derivative');
    assert.match(d.steps.before, /^\\frac\{\\partial\}\{\\partial z_\{j\}\}\\left\[/);
    assert.equal(d.steps.after, d.result);
    assert.ok(d.steps.children.length >= 4);
    assert.ok(d.check.points >= 180, `${d.check.points} points`);
    assert.ok(d.check.maxRelError < 1e-15, `${d.check.maxRelError}`);
  }
  const rules = [];
  const walk = (s) => { rules.push(s.rule); s.children.forEach(walk); };
  walk(crossEntropy.steps);
  for (const rule of ['the log of a softmax', 'index rule', 'sum over an index', 'the delta picks out one term',
    'the targets add up to 1', 'write with the softmax']) assert.ok(rules.includes(rule), rule);
});
