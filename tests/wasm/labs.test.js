// The labs' API on the BUILT module: data sets, depth products, trainers (determinism, presets,
// errors, no leaked C++ trainers).
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();
const LOG10_QUARTER = Math.log10(0.25);

// A trainer that is disposed however the test ends.
function withTrainer(config, data, use) {
  const trainer = core.createTrainer(config, data);
  try {
    return use(trainer);
  } finally {
    trainer.dispose();
  }
}

test('datasetKinds() lists the four toy data sets', () => {
  assert.deepEqual(core.datasetKinds().map(({ id }) => id), ['moons', 'circles', 'xor', 'spiral']);
  for (const { name } of core.datasetKinds()) assert.ok(name.length > 0);
});

test('generateDataset() is deterministic per seed, balanced, and labelled 0 or 1', () => {
  for (const { id } of core.datasetKinds()) {
    const a = core.generateDataset(id, 101, 0.1, 3);
    const b = core.generateDataset(id, 101, 0.1, 3);
    const c = core.generateDataset(id, 101, 0.1, 4);
    assert.ok(a.x instanceof Float64Array && a.y instanceof Float64Array && a.label instanceof Uint8Array, id);
    assert.deepEqual([a.x, a.y, a.label], [b.x, b.y, b.label], `${id}: same seed, other points`);
    assert.notDeepEqual(a.x, c.x, `${id}: another seed gave the same points`);
    assert.deepEqual([...a.label.slice(0, 4)], [0, 1, 0, 1], id);
    assert.equal(a.label.reduce((sum, v) => sum + v, 0), 50, id);
    assert.ok([...a.x, ...a.y].every(Number.isFinite), id);
  }
});

test('generateDataset() refuses bad arguments with a sentence', () => {
  const cases = [
    { args: ['rings', 20, 0.1, 1], message: /unknown data set 'rings' \(known: moons, circles, xor, spiral\)/ },
    { args: ['moons', 19, 0.1, 1], message: /number of points must be from 20 to 500, not 19/ },
    { args: ['moons', 20, 2, 1], message: /noise must be from 0 to 1, not 2/ },
    { args: ['moons', 2.5, 0.1, 1], message: /number of points must be a whole number/, type: RangeError },
    { args: ['moons', 20, '0.1', 1], message: /noise must be a number, not the string "0.1"/, type: TypeError },
    { args: ['moons', 20, 0.1, -1], message: /seed must be a whole number from 0 to 4294967295/, type: RangeError },
  ];
  for (const { args, message, type = Error } of cases) {
    assert.throws(() => core.generateDataset(...args), (error) => error instanceof type && message.test(error.message), String(args));
  }
});

test('depthProducts(): sigmoid never beats 4^-L, ReLU products are exactly 1 or 0', () => {
  const result = core.depthProducts([{ id: 'sigmoid' }, { id: 'relu' }, { id: 'leaky_relu', params: { alpha: 0.1 } }],
    { maxDepth: 30, samples: 500, mean: 0.5, spread: 2, seed: 7 });
  assert.deepEqual(result.curves.map(({ id }) => id), ['sigmoid', 'relu', 'leaky_relu']);
  const [sigmoid, relu, leaky] = result.curves;
  for (const curve of result.curves) {
    for (const key of ['median', 'lower', 'upper', 'zeroFraction']) assert.equal(curve[key].length, 30, `${curve.id}.${key}`);
  }
  for (let l = 0; l < 30; l += 1) {
    const ceiling = (l + 1) * LOG10_QUARTER;
    assert.ok(sigmoid.upper[l] <= ceiling + 1e-12, `sigmoid's 90th percentile ${sigmoid.upper[l]} above ${ceiling} at L = ${l + 1}`);
    assert.ok(sigmoid.lower[l] <= sigmoid.median[l] && sigmoid.median[l] <= sigmoid.upper[l]);
    for (const v of [relu.median[l], relu.lower[l], relu.upper[l]]) assert.ok(v === 0 || v === result.floor, `ReLU at ${v}`);
    assert.equal(leaky.zeroFraction[l], 0);
    if (l > 0) assert.ok(relu.zeroFraction[l] >= relu.zeroFraction[l - 1], 'zeros only accumulate');
  }
  assert.ok(Number.isInteger(result.floor) && result.floor < Math.min(...sigmoid.lower.filter((v) => v > result.floor)));
  assert.ok(relu.zeroFraction[29] > 0.9);
});

test('depthProducts() is deterministic, and a deeper run extends a shallower one', () => {
  const list = [{ id: 'tanh' }, { id: 'gelu' }];
  const short = core.depthProducts(list, { maxDepth: 5, samples: 300 });
  const long = core.depthProducts(list, { maxDepth: 12, samples: 300 });
  assert.deepEqual(core.depthProducts(list, { maxDepth: 5, samples: 300 }), short);
  for (const [i, curve] of short.curves.entries()) assert.deepEqual(curve.median, long.curves[i].median.slice(0, 5));
});

test('depthProductAtFixedZ() is L log10 |g\'(mean)|, from the core', () => {
  assert.ok(Math.abs(core.depthProductAtFixedZ('sigmoid', {}, 0, 10) - 10 * LOG10_QUARTER) < 1e-12);
  assert.equal(core.depthProductAtFixedZ('relu', {}, 1, 50), 0);
  assert.equal(core.depthProductAtFixedZ('leaky_relu', { alpha: 0.1 }, -1, 3), -3);
  const spreadZero = core.depthProducts([{ id: 'tanh' }], { maxDepth: 4, samples: 3, mean: 0.7, spread: 0 });
  assert.ok(Math.abs(spreadZero.curves[0].median[3] - core.depthProductAtFixedZ('tanh', {}, 0.7, 4)) < 1e-12);
});

test('depthProducts() refuses bad settings with the core\'s sentence', () => {
  const cases = [
    { list: [], config: {}, message: /choose at least one activation/ },
    { list: [{ id: 'nope' }], config: {}, message: /unknown activation 'nope'/ },
    { list: [{ id: 'relu' }], config: { maxDepth: 51 }, message: /depth must be from 1 to 50, not 51/ },
    { list: [{ id: 'relu' }], config: { spread: -1 }, message: /spread must be from 0 to 5, not \u22121/ },
    { list: [{ id: 'leaky_relu', params: { alpha: 2 } }], config: {}, message: /alpha/ },
    { list: [{ id: 'relu' }], config: { samples: '9' }, message: /config.samples must be a number/ },
  ];
  for (const { list, config, message } of cases) assert.throws(() => core.depthProducts(list, config), message, message.source);
});

const SMALL = { activation: 'relu', hidden: [8, 8], learningRate: 0.1, batchSize: 10, seed: 3 };

test('two trainers with the same seed train identically, step by step; another seed differs', () => {
  const data = core.generateDataset('xor', 120, 0.05, 2);
  const a = core.createTrainer(SMALL, data);
  const b = core.createTrainer(SMALL, data);
  const c = core.createTrainer({ ...SMALL, seed: 4 }, data);
  try {
    assert.deepEqual(a.parameters(), b.parameters());
    assert.notDeepEqual(a.parameters(), c.parameters());
    for (let round = 0; round < 5; round += 1) {
      a.step(7);
      for (let k = 0; k < 7; k += 1) b.step(1);
      assert.deepEqual(a.parameters(), b.parameters(), `round ${round}`);
      assert.deepEqual(a.state(), b.state(), `round ${round}`);
    }
    assert.deepEqual(a.grid(9, 7, -2, 2, -1, 1), b.grid(9, 7, -2, 2, -1, 1));
    const state = a.state();
    assert.equal(state.batchesPerEpoch, 12);
    assert.equal(state.samplesSeen, 350);
    assert.equal(state.epoch, 2);
    assert.equal(state.dead.length, 2);
    assert.equal(state.diverged, false);
  } finally {
    for (const trainer of [a, b, c]) trainer.dispose();
  }
});

test('grid() is row-major from (x0, y0), probabilities in [0, 1]', () => {
  const data = core.generateDataset('moons', 60, 0.1, 1);
  withTrainer(SMALL, data, (trainer) => {
    trainer.step(20);
    const grid = trainer.grid(5, 3, -1, 1, 0, 2);
    assert.equal(grid.length, 15);
    assert.ok(grid.every((p) => p >= 0 && p <= 1));
    // The cell at column i, row j is the one-point grid at (x0 + i dx, y0 + j dy).
    assert.equal(grid[2 * 5 + 3], trainer.grid(1, 1, 0.5, 0.5, 2, 2)[0]);
    assert.throws(() => trainer.grid(0, 3, -1, 1, 0, 2), /grid must be 1 to 1000 cells each way/);
  });
});

test('every preset reaches its stated outcome through WebAssembly', () => {
  const presets = core.labPresets();
  assert.deepEqual(presets.map(({ id }) => id),
    ['relu_dies', 'leaky_survives', 'relu_dies_fast', 'relu_lives_slow', 'sigmoid_vanishes', 'tanh_learns']);
  const byId = new Map(presets.map((preset) => [preset.id, preset]));
  for (const preset of presets) {
    assert.ok(byId.has(preset.compareWith), `${preset.id}: partner ${preset.compareWith}`);
    const data = core.generateDataset(preset.dataset, preset.points, preset.noise, preset.dataSeed);
    withTrainer(preset.config, data, (trainer) => {
      trainer.step(preset.epochs * trainer.state().batchesPerEpoch);
      const state = trainer.state();
      assert.equal(state.epoch, preset.epochs);
      const within = (value, { min, max }) => value >= min && value <= max;
      assert.ok(within(state.deadAll, preset.dead), `${preset.id}: dead ${state.deadAll}`);
      assert.ok(within(state.inactiveAll, preset.inactive), `${preset.id}: inactive ${state.inactiveAll}`);
      assert.ok(within(state.loss, preset.loss), `${preset.id}: loss ${state.loss}`);
    });
  }
  // The headline claims, in numbers: ReLU with a negative bias dies, Leaky ReLU at the same settings does not.
  assert.ok(byId.get('relu_dies').dead.min >= 0.5);
  assert.deepEqual(byId.get('leaky_survives').dead, { min: 0, max: 0 });
  assert.equal(byId.get('leaky_survives').config.initialBias, byId.get('relu_dies').config.initialBias);
  assert.equal(byId.get('leaky_survives').config.seed, byId.get('relu_dies').config.seed);
});

test('a learning rate far too high is reported as divergence, never as numbers', () => {
  const data = core.generateDataset('moons', 200, 0.1, 7);
  withTrainer({ activation: 'leaky_relu', hidden: [16, 16], learningRate: 5, batchSize: 1, seed: 1 }, data, (trainer) => {
    assert.equal(trainer.state().diverged, false);
    trainer.step(200);
    const state = trainer.state();
    assert.equal(state.diverged, true);
    assert.ok(!Number.isFinite(state.loss), `loss ${state.loss}`);
  });
});

test('createTrainer() refuses bad settings with the core\'s sentence, and leaks nothing', () => {
  const data = core.generateDataset('moons', 40, 0.1, 1);
  const before = core.liveTrainers();
  const cases = [
    { config: { hidden: [] }, message: /number of hidden layers must be from 1 to 4, not 0/ },
    { config: { hidden: [8, 17] }, message: /units per layer must be from 1 to 16, not 17/ },
    { config: { learningRate: 0 }, message: /learning rate must be from 0\.000001 to 10, not 0/ },
    { config: { initialBias: -11 }, message: /initial bias must be from \u221210 to 10, not \u221211/ },
    { config: { batchSize: 41 }, message: /batch size must be from 1 to the 40 training points, not 41/ },
    { config: { activation: 'nope' }, message: /unknown activation 'nope'/ },
    { config: { activation: 'leaky_relu', params: { beta: 1 } }, message: /beta/ },
    { config: { hidden: 'wide' }, message: /config.hidden must be an array/ },
    { config: { seed: 1.5 }, message: /config.seed must be a whole number/ },
  ];
  for (const { config, message } of cases) assert.throws(() => core.createTrainer(config, data), message, message.source);
  assert.throws(() => core.createTrainer({}, { ...data, label: data.label.map((v, i) => (i === 3 ? 2 : v)) }),
    /the label of training point 3 must be 0 or 1, not 2/);
  assert.throws(() => core.createTrainer({}, { ...data, x: data.x.slice(1) }), /differ in length/);
  assert.equal(core.liveTrainers(), before, 'a refused trainer was kept');
});

test('disposed trainers are freed and refuse further use; none leak across many resets', () => {
  const data = core.generateDataset('circles', 50, 0.1, 1);
  const before = core.liveTrainers();
  for (let reset = 0; reset < 300; reset += 1) {
    const trainer = core.createTrainer({ hidden: [16, 16, 16, 16], batchSize: 5, seed: reset }, data);
    trainer.step(3);
    trainer.dispose();
  }
  assert.equal(core.liveTrainers(), before);
  const trainer = core.createTrainer({}, data);
  assert.equal(core.liveTrainers(), before + 1);
  trainer.dispose();
  trainer.dispose();
  assert.equal(trainer.disposed, true);
  assert.equal(core.liveTrainers(), before);
  assert.throws(() => trainer.step(1), /this trainer was disposed/);
  assert.throws(() => trainer.state(), /this trainer was disposed/);
});

// The limits the page reads (core.limits()) are the ones the core's calls check, in the same sentence as
// the address reader's (which ends with a full stop).
test('limits(): each lab setting\'s limit is what the core refuses, in the reader\'s words', () => {
  const { depth, training, expression } = core.limits();
  assert.deepEqual(Object.keys(depth), ['L', 'mu', 'sd', 'samples', 'lowerQuantile', 'upperQuantile']);
  assert.deepEqual(Object.keys(training), ['n', 'noise', 'dseed', 'layers', 'width', 'lr', 'bias', 'batch', 'seed', 'epochs']);
  for (const limit of [...Object.values(depth), ...Object.values(training)]) {
    assert.deepEqual(Object.keys(limit), ['key', 'what', 'min', 'max', 'whole'], limit.key);
    assert.ok(limit.min < limit.max && limit.what.startsWith('the '), limit.key);
  }
  const sentence = (limit, value) => core.readSetting({ key: limit.key, kind: 'number', what: limit.what,
    min: limit.min, max: limit.max, whole: limit.whole }, String(value)).error.replace(/\.$/, '');
  const depthConfig = { L: 'maxDepth', mu: 'mean', sd: 'spread', samples: 'samples', lowerQuantile: 'lowerQuantile',
    upperQuantile: 'upperQuantile' };
  for (const [key, field] of Object.entries(depthConfig)) {
    const value = depth[key].max + 1;
    assert.throws(() => core.depthProducts([{ id: 'relu' }], { maxDepth: 2, samples: 3, [field]: value }),
      (error) => error.message === sentence(depth[key], value), key);
  }
  const data = core.generateDataset('moons', 40, 0.1, 1);
  const live = core.liveTrainers();
  const trainerConfig = { lr: (v) => ({ learningRate: v }), bias: (v) => ({ initialBias: v }),
    layers: (v) => ({ hidden: Array(v).fill(2) }), width: (v) => ({ hidden: [v] }) };
  for (const [key, config] of Object.entries(trainerConfig)) {
    const value = training[key].max + 1;
    assert.throws(() => core.createTrainer(config(value), data), (error) => error.message === sentence(training[key], value), key);
  }
  assert.throws(() => core.generateDataset('moons', training.n.max + 1, 0.1, 1),
    (error) => error.message === sentence(training.n, training.n.max + 1));
  assert.equal(core.liveTrainers(), live);
  assert.deepEqual(expression, { maxLength: 500, maxNesting: 64, kinkRange: 10 });
  // The softmax section's settings: its logits (2 to 6) within what core.softmax() takes.
  const { softmax } = core.limits();
  assert.deepEqual(Object.keys(softmax), ['k', 'z', 'T', 'big']);
  assert.deepEqual([softmax.k.min, softmax.k.max, softmax.k.whole], [2, 6, true]);
  assert.ok(softmax.big.max > 710, 'the large logit reaches past the overflow of e^z');
  assert.ok(core.softmax(new Array(softmax.k.max).fill(softmax.z.max), { temperature: softmax.T.min }).value.every(Number.isFinite));
  assert.throws(() => core.derive('z'.repeat(expression.maxLength + 1)), /longer than 500/);
  assert.equal(core.derive('z'.padEnd(expression.maxLength)).derivative.text, '1');
});
