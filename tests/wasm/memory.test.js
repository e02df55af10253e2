// The BUILT module's heap: heapStats() reports it, and the calls the page repeats (derivations,
// evaluations, refused expressions, slope views, trainers created and disposed) give back every byte
// they allocate, so a long session does not grow the heap.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();
const PAGE = 64 * 1024;
const z = Float64Array.from({ length: 481 }, (_, i) => -6 + i / 40);

// Bytes in use after running `work` `times` times, minus before; `work` runs once first as a warm-up
// (first calls fill the core's static tables).
function growth(work, times) {
  work(0);
  const before = core.heapStats().inUseBytes;
  for (let i = 1; i <= times; i += 1) work(i);
  return core.heapStats().inUseBytes - before;
}

test('heapStats() gives the heap size and the bytes in use as numbers', () => {
  const { heapBytes, inUseBytes } = core.heapStats();
  assert.ok(Number.isInteger(heapBytes) && heapBytes > 0 && heapBytes % PAGE === 0, `heapBytes ${heapBytes}`);
  // The core keeps nothing on the heap between calls, so this may be 0.
  assert.ok(Number.isInteger(inUseBytes) && inUseBytes >= 0 && inUseBytes < heapBytes, `inUseBytes ${inUseBytes}`);
});

test('inUseBytes counts a live trainer and falls back when it is disposed', () => {
  const data = core.generateDataset(core.datasetKinds()[0].id, 200, 0.1, 1);
  // A first trainer fills the registry's lazily built tables.
  core.createTrainer({}, data).dispose();
  const before = core.heapStats().inUseBytes;
  const trainers = Array.from({ length: 5 }, (_, seed) => core.createTrainer({ hidden: [16, 16, 16], seed }, data));
  const during = core.heapStats().inUseBytes;
  for (const trainer of trainers) trainer.dispose();
  const after = core.heapStats().inUseBytes;
  assert.ok(during - before > 5 * 16 * 16 * 8, `five trainers took only ${during - before} bytes`);
  assert.equal(after, before, `disposing left ${after - before} bytes`);
});

// Every refused call once leaked its string argument's bytes (and its val handles): the bindings threw
// across embind, which skipped the invoker's clean-up. They now return the Error for wasm/api.js to throw.
test('derivations and evaluations of typed expressions, accepted or refused, free what they allocate', () => {
  const texts = ['z*sigmoid(z)', 'log(1+e^z)', 'z*tanh(softplus(z))', 'max(0.01z, z)', 'sigmoid(beta*z)',
    'piecewise(z > 0, z, z <= 0, alpha*(e^z - 1))', 'sqrt(1 + z^2) - 1', 'erf(z)*exp(-z^2/2)'];
  const refused = ['tanhh(z)', '(z + 1', '1e309', `${'('.repeat(100)}z${')'.repeat(100)}`, 'z'.repeat(600), 'z\u202e', 'z\u0000'];
  const grown = growth((i) => {
    const text = `${texts[i % texts.length]} + ${i % 7}*z`;
    core.derive(text, { alpha: 0.1, beta: 1 });
    core.evaluateExpression(text, z, { alpha: 0.1, beta: 1 });
    core.slopeViewExpression(text, { alpha: 0.1, beta: 1 }, { z0: 0.5, h: 0.1 }, z);
    assert.throws(() => core.derive(refused[i % refused.length]));
  }, 300);
  assert.equal(grown, 0, `300 rounds left ${grown} bytes in use`);
});

test('the activations\' evaluations, slope views and depth products free what they allocate', () => {
  const grown = growth((i) => {
    core.evaluate('leaky_relu', z, { alpha: (i % 100) / 100 });
    core.slopeView('leaky_relu', { alpha: 0.01 }, { z0: i / 300, h: 0.01 }, z);
    core.properties('elu', { alpha: 1 + (i % 3) });
    if (i % 20 === 0) core.depthProducts([{ id: 'sigmoid' }, { id: 'relu' }], { maxDepth: 10, samples: 200 });
    assert.throws(() => core.evaluate('no_such_activation', z), /no_such_activation/);
    assert.throws(() => core.evaluate('leaky_relu', z, { alpha: 99 }), /alpha/);
  }, 300);
  assert.equal(grown, 0, `300 rounds left ${grown} bytes in use`);
});
