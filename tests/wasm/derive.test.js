// The BUILT module's derivation API: derive(), evaluateExpression(), expressionParams() and errors.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();

function walk(step, visit, depth = 0) {
  visit(step, depth);
  for (const child of step.children) walk(child, visit, depth + 1);
}

test('expressionParams() offers alpha, beta and a target y with defaults inside their ranges', () => {
  const params = core.expressionParams();
  assert.deepEqual(params.map((p) => p.id), ['alpha', 'beta', 'y']);
  assert.deepEqual(params[2], { id: 'y', name: 'target y', default: 1, min: 0, max: 1 });
  for (const p of params) assert.ok(p.min <= p.default && p.default <= p.max, p.id);
});

test('derive() returns a nested step tree whose root ends at the derivative', () => {
  const d = core.derive('z*sigmoid(2z)');
  assert.equal(d.input.text, 'z*sigmoid(2*z)');
  assert.equal(d.steps.rule, 'derivative');
  assert.deepEqual(d.steps.children.map((s) => s.rule), ['product rule', 'simplify']);
  assert.equal(core.derive('sinh(z)').steps.rule, 'sinh rule', 'a single rule is the root itself');
  const rules = [];
  let deepest = 0;
  walk(d.steps, (step, depth) => {
    rules.push(step.rule);
    deepest = Math.max(deepest, depth);
    for (const field of ['rule', 'before', 'after', 'note']) assert.equal(typeof step[field], 'string', field);
  });
  assert.ok(rules.includes('product rule') && rules.includes('chain rule'), rules.join(', '));
  assert.ok(deepest >= 3, `depth ${deepest}`);
  assert.equal(d.steps.after, d.derivative.latex);
  const sigmoid = core.derive('sigmoid(z)');
  assert.deepEqual(sigmoid.steps.children.map((s) => s.rule), ['sigmoid rule', 'in terms of g']);
  assert.equal(sigmoid.steps.after, sigmoid.gForm.latex);
  assert.ok(d.check.points >= 40 && d.check.maxRelError < 1e-12, JSON.stringify(d.check));
});

test('derive() rewrites in terms of g where the identity holds', () => {
  const cases = [
    ['sigmoid(z)', 'g(z)*(1 - g(z))'],
    ['1/(1+e^-z)', 'g(z)*(1 - g(z))'],
    ['tanh(z)', '1 - g(z)^2'],
    ['log(1+e^z)', 'sigmoid(z)'],
    ['z^2', null],
  ];
  for (const [input, gForm] of cases) {
    assert.equal(core.derive(input).gForm?.text ?? null, gForm, input);
  }
});

test('derive() reports the parameters used and applies their values', () => {
  const d = core.derive('max(alpha*z, z) + sigmoid(beta*z)', { alpha: 0.2, beta: 2 });
  assert.deepEqual(d.params, ['alpha', 'beta']);
  const { derivative } = core.evaluateExpression('max(alpha*z, z)', [-3, 3], { alpha: 0.2 });
  assert.deepEqual([...derivative], [0.2, 1]);
});

test('evaluateExpression() gives NaN (a gap) where the function is undefined', () => {
  const { value, derivative } = core.evaluateExpression('log(z)', [-1, 0.5, 1]);
  assert.ok(Number.isNaN(value[0]) && Number.isNaN(derivative[0]));
  assert.equal(derivative[1], 2);
  assert.equal(value[2], 0);
});

test('evaluateExpression() agrees with evaluate() for a built-in', () => {
  const z = Float64Array.from({ length: 201 }, (_, i) => -10 + i / 10);
  const custom = core.evaluateExpression('sigmoid(z)', z);
  const builtin = core.evaluate('sigmoid', z);
  for (let i = 0; i < z.length; i += 1) {
    assert.ok(Math.abs(custom.value[i] - builtin.value[i]) <= 1e-15, `value at ${z[i]}`);
    assert.ok(Math.abs(custom.derivative[i] - builtin.derivative[i]) <= 1e-15, `derivative at ${z[i]}`);
  }
});

const BAD = [
  ['(z + 1', /expected '\)' at column 7/, 7],
  ['tanhh(z)', /unknown function 'tanhh': did you mean tanh\? at column 1/, 1],
  ['z +', /at column 4/, 4],
  ['2 * gamma', /unknown name 'gamma' at column 5/, 5],
  ['', /expected an expression at column 1/, 1],
  ['z'.repeat(501), /longer than 500 characters/, 501],
  ['('.repeat(80) + 'z' + ')'.repeat(80), /nested more than 64 levels/, 65],
  // Hostile text: each refused with a sentence and the column of what is wrong.
  ['x'.repeat(1_000_000), /longer than 500 characters/, 501],
  ['('.repeat(10_000) + 'z' + ')'.repeat(10_000), /longer than 500 characters/, 501],
  ['<script>window.__pwned=1</script>', /expected a number, a name or '\(' but found '<' at column 1/, 1],
  ['javascript:alert(1)', /unknown name 'javascript' at column 1/, 1],
  ['NaN', /unknown name 'NaN' at column 1/, 1],
  ['Infinity', /unknown name 'Infinity' at column 1/, 1],
  ['1e309', /number '1e309' is too large at column 1/, 1],
  ['z\u0000', /unexpected control character U\+0000 at column 2/, 2],
  ['z\u202e+1', /unexpected invisible character U\+202E at column 2/, 2],
  ['z\u200d', /unexpected invisible character U\+200D at column 2/, 2],
  ['\u{1F600}*z + \u{1F600}', /unexpected character '\u{1F600}' \(U\+1F600\) at column 1/u, 1],
  ['z + \ud800', /unexpected invisible character U\+D800 .* at column 5/, 5],
  ['\u{1F600}\udc00z', /unexpected invisible character U\+DC00 .* at column 2/, 2],
];

test('malformed expressions throw an Error with the column', () => {
  for (const [input, message, column] of BAD) {
    assert.throws(() => core.derive(input), (error) => {
      assert.ok(error instanceof Error, `${input}: not an Error`);
      assert.match(error.message, message, input);
      assert.equal(error.column, column, input);
      return true;
    });
    assert.throws(() => core.evaluateExpression(input, [0]), message, input);
    assert.throws(() => core.accuracy(input, [0]), message, input);
  }
});

test('bad arguments and oversized derivatives throw clear Errors', () => {
  assert.throws(() => core.derive(42), /expression must be a string/);
  assert.throws(() => core.derive('z', { alpha: 'x' }), /parameter 'alpha'.*number/);
  assert.throws(() => core.derive('z', { alpha: 99 }), /alpha.*from \u22125 to 5, not 99/);
  assert.throws(() => core.derive('z', { gamma: 1 }), /unknown parameter 'gamma'/);
  assert.throws(() => core.derive('z > 0'), /only allowed as a piecewise condition/);
  const product = `z${'*z'.repeat(240)}`;
  assert.throws(() => core.derive(product), /too large/);
});

test('derive() lists kinks with their one-sided slopes and the value used there', () => {
  const [kink, ...rest] = core.derive('max(alpha*z, z)', { alpha: 0.2 }).kinks;
  assert.equal(rest.length, 0);
  assert.equal(kink.z, 0);
  assert.ok(Math.abs(kink.left - 0.2) < 1e-9 && Math.abs(kink.right - 1) < 1e-9, JSON.stringify(kink));
  assert.equal(kink.value, 0.2);
  assert.deepEqual(core.derive('tanh(z)').kinks, []);
  const [abs] = core.derive('abs(z + 1)').kinks;
  assert.ok(Math.abs(abs.z + 1) < 1e-12 && Number.isNaN(abs.value), JSON.stringify(abs));
});

test('kinks(id, params) follow the parameters, and the slope explorer and activations() read them', () => {
  // The defect of issue 13: ELU's corner at 0 for alpha = 0.5 was missed at the default alpha = 1.
  const [kink, ...rest] = core.kinks('elu', { alpha: 0.5 });
  assert.equal(rest.length, 0);
  assert.deepEqual([kink.z, kink.left, kink.right, kink.value], [0, 0.5, 1, 0.5]);
  assert.equal(kink.latex, "g'_-(0) = \\alpha,\\quad g'_+(0) = 1,\\quad \\partial g(0) = [\\alpha, 1]");
  assert.deepEqual(core.kinks('elu', { alpha: 1 }), []);
  const view = core.slopeView('elu', { alpha: 0.5 }, { z0: 0.002, snap: 0.01 }, [-1, 0, 1]);
  assert.deepEqual([view.z0, view.kink, view.leftSlope, view.rightSlope], [0, true, 0.5, 1]);
  const elu = core.activations().find(({ id }) => id === 'elu');
  assert.deepEqual(elu.kinks, core.kinks('elu'));
  assert.deepEqual(elu.derivation.kinks, elu.kinks);
  assert.throws(() => core.kinks('elu', { alpha: 11 }), /alpha/);
  assert.throws(() => core.kinks('nope'), /unknown activation 'nope'/);
});
