// The BUILT module's JavaScript API: the registry it exposes, evaluate()'s contract, its errors.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();

// The kinds describe() in wasm/bindings.cpp emits: the set-up step, then steps stating g'(z).
const STEP_KINDS = new Set(['setup', 'derivative']);

// Equal as numbers: +0 and -0 are the same, NaN matches NaN.
function same(got, want) {
  return got === want || (Number.isNaN(got) && Number.isNaN(want));
}

test('activations() lists the tutorial four first, in tutorial order, then the catalogue', () => {
  assert.deepEqual(
    core.activations().map((a) => a.id),
    ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'identity', 'binary_step', 'softsign', 'hardtanh',
      'relu6', 'elu', 'softplus', 'prelu', 'hard_sigmoid', 'hard_swish', 'log_sigmoid', 'selu', 'celu',
      'silu', 'gelu', 'gelu_tanh', 'mish'],
  );
});

test('every activation has a name, a definition, a walkthrough and plain-data fields', () => {
  for (const a of core.activations()) {
    assert.equal(typeof a.name, 'string', a.id);
    assert.ok(a.name.length > 0, `${a.id} has an empty name`);
    assert.equal(typeof a.latex, 'string', a.id);
    assert.ok(a.latex.length > 0, `${a.id} has an empty definition`);
    assert.ok(Array.isArray(a.params), `${a.id}.params is not an array`);
    assert.ok(Array.isArray(a.kinks), `${a.id}.kinks is not an array`);
    assert.ok(Array.isArray(a.steps) && a.steps.length > 0, `${a.id} has no steps`);
    for (const step of a.steps) {
      assert.ok(STEP_KINDS.has(step.kind), `${a.id}: step kind '${step.kind}'`);
      for (const field of ['title', 'expr', 'latex', 'note']) {
        assert.equal(typeof step[field], 'string', `${a.id}: step.${field}`);
      }
      assert.ok(step.title.length > 0 && step.latex.length > 0, `${a.id}: step '${step.title}' is empty`);
    }
    assert.ok(a.steps.some((s) => s.kind === 'derivative'), `${a.id}: no step states g'(z)`);
    assert.deepEqual(a.steps.map((s) => s.kind), ['setup', ...a.steps.slice(1).map(() => 'derivative')],
      `${a.id}: the set-up step is not first, or not alone`);
    for (const kink of a.kinks) assert.ok(typeof kink.latex === 'string' && kink.latex.length > 0, a.id);
  }
});

test('relu and leaky_relu have a kink, sigmoid and tanh none', () => {
  const kinks = Object.fromEntries(core.activations().slice(0, 4).map((a) => [a.id, a.kinks.length]));
  assert.deepEqual(kinks, { sigmoid: 0, tanh: 0, relu: 1, leaky_relu: 1 });
});

test("leaky_relu's parameter is alpha, default 0.01, in [0, 1]; the others have none", () => {
  const byId = Object.fromEntries(core.activations().map((a) => [a.id, a]));
  assert.deepEqual(byId.sigmoid.params, []);
  assert.deepEqual(byId.tanh.params, []);
  assert.deepEqual(byId.relu.params, []);
  assert.equal(byId.leaky_relu.params.length, 1);
  const [alpha] = byId.leaky_relu.params;
  assert.equal(alpha.id, 'alpha');
  assert.equal(typeof alpha.name, 'string');
  assert.ok(alpha.name.length > 0);
  assert.equal(alpha.default, 0.01);
  assert.equal(alpha.min, 0);
  assert.equal(alpha.max, 1);
});

test('evaluate returns Float64Arrays of the input length, from an array or a Float64Array', () => {
  for (const z of [[-2, -0.5, 0, 0.5, 2], Float64Array.of(-2, -0.5, 0, 0.5, 2)]) {
    const result = core.evaluate('sigmoid', z);
    assert.ok(result.value instanceof Float64Array);
    assert.ok(result.derivative instanceof Float64Array);
    assert.equal(result.value.length, 5);
    assert.equal(result.derivative.length, 5);
    assert.equal(result.value[2], 0.5);
    assert.equal(result.derivative[2], 0.25);
  }
});

test('table: evaluate at chosen points', () => {
  const cases = [
    { id: 'sigmoid', z: 0, value: 0.5, derivative: 0.25 },
    { id: 'sigmoid', z: Infinity, value: 1, derivative: 0 },
    { id: 'sigmoid', z: -Infinity, value: 0, derivative: 0 },
    { id: 'tanh', z: 0, value: 0, derivative: 1 },
    { id: 'tanh', z: -Infinity, value: -1, derivative: 0 },
    { id: 'relu', z: 3, value: 3, derivative: 1 },
    { id: 'relu', z: -3, value: 0, derivative: 0 },
    { id: 'relu', z: 0, value: 0, derivative: 0 },
    { id: 'leaky_relu', z: -1, value: -0.01, derivative: 0.01 },
    { id: 'leaky_relu', z: 0, value: 0, derivative: 0.01 },
    { id: 'leaky_relu', z: -2, params: { alpha: 0.5 }, value: -1, derivative: 0.5 },
    { id: 'leaky_relu', z: 0, params: { alpha: 0.3 }, value: 0, derivative: 0.3 },
    { id: 'leaky_relu', z: 2, params: { alpha: 0.3 }, value: 2, derivative: 1 },
    { id: 'leaky_relu', z: -4, params: { alpha: 0 }, value: 0, derivative: 0 },
    { id: 'leaky_relu', z: -4, params: {}, value: -0.04, derivative: 0.01 },
  ];
  for (const { id, z, params, value, derivative } of cases) {
    const result = core.evaluate(id, [z], params);
    const label = `${id}(${z}${params ? `, ${JSON.stringify(params)}` : ''})`;
    assert.ok(same(result.value[0], value), `${label}: value ${result.value[0]}, want ${value}`);
    assert.ok(same(result.derivative[0], derivative), `${label}: derivative ${result.derivative[0]}, want ${derivative}`);
  }
});

test('NaN in z gives NaN, not an error', () => {
  for (const id of ['sigmoid', 'tanh', 'relu', 'leaky_relu']) {
    const { value, derivative } = core.evaluate(id, [NaN]);
    assert.ok(Number.isNaN(value[0]) && Number.isNaN(derivative[0]), id);
  }
});

// Each case must throw a real Error whose message matches every regex in `message`.
const ERROR_CASES = [
  { name: 'unknown id', id: 'sigmoidd', message: [/unknown activation 'sigmoidd'/i] },
  { name: 'empty id', id: '', message: [/unknown activation ''/i] },
  { name: 'id in the wrong case', id: 'Sigmoid', message: [/unknown activation 'Sigmoid'/i] },
  { name: 'unknown parameter', id: 'leaky_relu', params: { beta: 0.1 }, message: [/unknown parameter/i, /beta/] },
  { name: 'parameter of another activation', id: 'sigmoid', params: { alpha: 0.1 }, message: [/unknown parameter/i, /alpha/] },
  { name: 'string parameter', id: 'leaky_relu', params: { alpha: '0.1' }, message: [/alpha/, /number/i] },
  { name: 'null parameter', id: 'leaky_relu', params: { alpha: null }, message: [/alpha/, /number/i] },
  { name: 'object parameter', id: 'leaky_relu', params: { alpha: { value: 0.1 } }, message: [/alpha/, /number/i] },
  { name: 'boolean parameter', id: 'leaky_relu', params: { alpha: true }, message: [/alpha/, /number/i] },
  { name: 'NaN parameter', id: 'leaky_relu', params: { alpha: NaN }, message: [/alpha/, /nan|finite/i] },
  { name: 'infinite parameter', id: 'leaky_relu', params: { alpha: Infinity }, message: [/alpha/, /inf|finite/i] },
  { name: 'negative infinite parameter', id: 'leaky_relu', params: { alpha: -Infinity }, message: [/alpha/, /inf|finite/i] },
  { name: 'parameter below min', id: 'leaky_relu', params: { alpha: -0.1 }, message: [/alpha/, /from 0 to 1, not \u22120\.1/] },
  { name: 'parameter above max', id: 'leaky_relu', params: { alpha: 1.5 }, message: [/alpha/, /1\.5/] },
  { name: 'z a string', id: 'sigmoid', z: 'abc', message: [/array/i] },
  { name: 'z a number', id: 'sigmoid', z: 0.5, message: [/array/i] },
  { name: 'z null', id: 'sigmoid', z: null, message: [/array/i] },
  { name: 'z missing', id: 'sigmoid', z: undefined, message: [/array/i] },
  { name: 'z holding a string', id: 'sigmoid', z: [0, '1', 2], message: [/number/i] },
  { name: 'z holding null', id: 'tanh', z: [0, null], message: [/number/i] },
  { name: 'z holding an object', id: 'relu', z: [{}], message: [/number/i] },
];

test('table: invalid calls throw an Error naming what is wrong', async (t) => {
  for (const c of ERROR_CASES) {
    const { name, id, params, message } = c;
    const z = 'z' in c ? c.z : [0, 1];
    await t.test(name, () => {
      assert.throws(
        () => core.evaluate(id, z, params),
        (error) => {
          assert.ok(error instanceof Error, `threw ${typeof error} ${String(error)}, not an Error`);
          for (const pattern of message) {
            assert.match(error.message, pattern);
          }
          return true;
        },
      );
    });
  }
});

test('the module still works after an error', () => {
  assert.throws(() => core.evaluate('sigmoidd', [0]));
  assert.throws(() => core.evaluate('leaky_relu', [0], { alpha: 2 }));
  assert.equal(core.evaluate('sigmoid', [0]).value[0], 0.5);
  assert.equal(core.evaluate('leaky_relu', [-1]).derivative[0], 0.01);
});

test('evaluate on an empty array returns empty Float64Arrays', () => {
  for (const z of [[], new Float64Array(0)]) {
    const { value, derivative } = core.evaluate('tanh', z);
    assert.ok(value instanceof Float64Array && derivative instanceof Float64Array);
    assert.equal(value.length, 0);
    assert.equal(derivative.length, 0);
  }
});

test('evaluate handles 100k points', () => {
  const n = 100_000;
  // (i - 49999.5) / 1000: exactly symmetric about 0, spanning [-50, 50]
  const z = Float64Array.from({ length: n }, (_, i) => (i - (n - 1) / 2) * 0.001);
  const { value, derivative } = core.evaluate('sigmoid', z);
  assert.equal(value.length, n);
  assert.equal(derivative.length, n);
  for (let i = 0; i < n; i++) {
    assert.ok(value[i] > 0 && value[i] <= 1, `sigmoid(${z[i]}) = ${value[i]}`);
    assert.ok(derivative[i] > 0 && derivative[i] <= 0.25, `sigmoid'(${z[i]}) = ${derivative[i]}`);
    if (i > 0) assert.ok(value[i] >= value[i - 1], `sigmoid decreases at z = ${z[i]}`);
    // g' is even: the grid is symmetric about 0
    assert.equal(derivative[i], derivative[n - 1 - i], `sigmoid' not even at z = ${z[i]}`);
  }
});

test('results are independent copies and the input is not modified', () => {
  const z = [-1, 0, 1];
  const first = core.evaluate('sigmoid', z);
  const value = Array.from(first.value);
  const derivative = Array.from(first.derivative);

  core.evaluate('tanh', [5, 6, 7]);
  core.evaluate('relu', new Float64Array(1_000_000).fill(-1)); // large enough to grow the heap
  const again = core.evaluate('sigmoid', z);

  assert.equal(first.value.length, 3);
  assert.deepEqual(Array.from(first.value), value);
  assert.deepEqual(Array.from(first.derivative), derivative);
  assert.notEqual(again.value.buffer, first.value.buffer);
  assert.deepEqual(z, [-1, 0, 1]);
});
