// Seeded exercises through the BUILT module: core.exercise() gives the exercises the native core
// gives for the same seeds, each one's derivative checks, and bad families and seeds throw.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();

const FAMILIES = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

// The table of tests/core/exercise_test.cpp (PinnedSeedsGiveThePinnedExercises): the same seeds give
// the same exercises in WebAssembly as natively.
const PINNED = [
  ['sigmoid', 0, 'sigmoid(4*z)', {}],
  ['sigmoid', 1, 'sigmoid(z - 3)', {}],
  ['sigmoid', Number.MAX_SAFE_INTEGER, 'sigmoid(z - 2)', {}],
  ['tanh', 0, '0.5*tanh(3*z)', {}],
  ['tanh', 1, 'tanh(z)^2', {}],
  ['tanh', Number.MAX_SAFE_INTEGER, 'tanh(z)^3', {}],
  ['relu', 0, 'relu(z - 3)', {}],
  ['relu', 42, 'relu(2*z) + 3', {}],
  ['relu', Number.MAX_SAFE_INTEGER, 'relu(3*z) + 2', {}],
  ['leaky_relu', 0, 'piecewise(z > 0, z, z <= 0, alpha*z)', { alpha: 0.1 }],
  ['leaky_relu', 42, 'max(0.1*z, z)', {}],
  ['leaky_relu', Number.MAX_SAFE_INTEGER, 'max(alpha*z, z)', { alpha: 0.2 }],
];

test('pinned seeds give the exercises the native core gives', () => {
  for (const [family, seed, target, params] of PINNED) {
    const { latex, ...rest } = core.exercise(family, seed);
    assert.deepEqual(rest, { family, seed, target, params, text: `g(z) = ${target}` }, `${family} ${seed}`);
    assert.match(latex, /^g\(z\) = \S/);
  }
  assert.equal(core.exercise('tanh', 0).latex, 'g(z) = 0.5 \\tanh(3 z)');
  assert.equal(core.exercise('leaky_relu', Number.MAX_SAFE_INTEGER).latex, 'g(z) = \\max(\\alpha z, z)');
});

test('the same seed gives the same exercise, and seeds 0..49 give several of each family', () => {
  for (const family of FAMILIES) {
    const targets = new Set();
    for (let seed = 0; seed < 50; seed += 1) {
      const e = core.exercise(family, seed);
      assert.deepEqual(core.exercise(family, seed), e);
      targets.add(e.target);
    }
    assert.ok(targets.size >= 4, `${family}: ${[...targets].join('; ')}`);
  }
});

test("each exercise's own derivative checks, and the function itself does not", () => {
  for (const family of FAMILIES) {
    for (let seed = 0; seed < 25; seed += 1) {
      const { target, params } = core.exercise(family, seed);
      const { derivative } = core.derive(target, params);
      const right = core.checkDerivative(target, derivative.text, params);
      assert.equal(right.equivalent, true, `${family} ${seed}: ${target}`);
      assert.equal(right.proved, true, target);
      assert.equal(core.checkDerivative(target, target, params).equivalent, false, target);
    }
  }
  // The chain rule's inner factor dropped, on sigmoid(4z) (seed 0).
  const slip = core.checkDerivative('sigmoid(4*z)', 'sigmoid(4*z)*(1 - sigmoid(4*z))');
  assert.equal(slip.equivalent, false);
  assert.equal(slip.mistake.id, "the chain rule's inner derivative dropped");
});

test('a bad family or seed throws an Error saying which', () => {
  assert.throws(() => core.exercise('softmax', 0),
    { message: "unknown exercise family 'softmax' (known: sigmoid, tanh, relu, leaky_relu)" });
  assert.throws(() => core.exercise(7, 0), { name: 'TypeError', message: /the exercise family must be a string/ });
  for (const seed of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1, Infinity, NaN]) {
    assert.throws(() => core.exercise('tanh', seed), { name: 'RangeError', message: /^the seed must be a whole number from 0 to 9007199254740991/ },
      String(seed));
  }
  for (const seed of ['1', 1n, null, undefined]) {
    assert.throws(() => core.exercise('tanh', seed), { name: 'TypeError', message: /^the seed must be a number/ }, String(seed));
  }
});
