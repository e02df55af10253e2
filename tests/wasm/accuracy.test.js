// Accuracy of the BUILT module's values and derivatives against the correctly rounded reference.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

import { groupReference, loadReference, show, ulpDistance } from './reference.js';

const MAX_ULPS = 4n;

const core = await loadCore();
const rows = loadReference();

test('the reference table covers every activation', () => {
  const ids = new Set(rows.map((row) => row.function));
  assert.deepEqual([...ids], core.activations().map((a) => a.id));
  for (const id of ids) {
    assert.ok(rows.filter((row) => row.function === id).length >= 100, `too few reference rows for ${id}`);
  }
});

test('values and derivatives are within 4 ULP of the correctly rounded reference', (t) => {
  const worst = new Map(); // id -> {value, derivative} (BigInt or Infinity)
  const failures = [];
  // The table's param column is the value of the activation's one parameter.
  const paramIds = new Map(core.activations().map((a) => [a.id, a.params[0]?.id]));
  for (const group of groupReference(rows)) {
    const z = Float64Array.from(group.rows, (row) => row.z);
    const params = group.param === null ? undefined : { [paramIds.get(group.function)]: group.param };
    const { value, derivative } = core.evaluate(group.function, z, params);
    assert.equal(value.length, z.length);
    assert.equal(derivative.length, z.length);

    if (!worst.has(group.function)) worst.set(group.function, { value: 0n, derivative: 0n });
    const max = worst.get(group.function);
    group.rows.forEach((row, i) => {
      const where = `${row.function}${row.param === null ? '' : ` param=${row.param}`} z=${show(row.z)}`;
      for (const [quantity, got, want] of [
        ['value', value[i], row.value],
        ['derivative', derivative[i], row.derivative],
      ]) {
        const ulps = ulpDistance(got, want);
        if (ulps > max[quantity]) max[quantity] = ulps;
        if (ulps > MAX_ULPS) failures.push(`${where}: ${quantity} got ${show(got)}, want ${show(want)} (${ulps} ulps)`);
      }
    });
  }
  for (const [id, max] of worst) {
    t.diagnostic(`max ULP ${id} value ${max.value} derivative ${max.derivative}`);
  }
  assert.equal(
    failures.length,
    0,
    `${failures.length} results off by more than ${MAX_ULPS} ULP, e.g.\n${failures.slice(0, 20).join('\n')}`,
  );
});

// The batch kernels run a vectorised loop on a block of points that need one formula (sorted input, a
// plot's grid) and a point-by-point one otherwise; the table's rows, in their own order, mostly take
// the second. Each row again as a run of 64 equal points (a block, whichever way the 16,384-point chunks
// and the kernels' 64-point blocks fall) takes the first: the same 4 ULP.
test('the vectorised loops of the batch kernels are within 4 ULP of the reference too', (t) => {
  const RUN = 64;
  const paramIds = new Map(core.activations().map((a) => [a.id, a.params[0]?.id]));
  const failures = [];
  for (const group of groupReference(rows)) {
    if (!['sigmoid', 'tanh', 'silu', 'gelu', 'gelu_tanh', 'mish'].includes(group.function)) continue;
    const z = new Float64Array(group.rows.length * RUN);
    group.rows.forEach((row, i) => z.fill(row.z, i * RUN, (i + 1) * RUN));
    const params = group.param === null ? undefined : { [paramIds.get(group.function)]: group.param };
    const { value, derivative } = core.evaluate(group.function, z, params);
    let worst = 0n;
    group.rows.forEach((row, i) => {
      for (let j = i * RUN; j < (i + 1) * RUN; j += 1) {
        for (const [quantity, got, want] of [['value', value[j], row.value], ['derivative', derivative[j], row.derivative]]) {
          const ulps = ulpDistance(got, want);
          if (ulps > worst) worst = ulps;
          if (ulps > MAX_ULPS) failures.push(`${row.function} z=${show(row.z)} (run): ${quantity} got ${show(got)}, want ${show(want)} (${ulps} ulps)`);
        }
      }
    });
    t.diagnostic(`max ULP ${group.function}${group.param === null ? '' : ` param=${group.param}`} in runs: ${worst}`);
  }
  assert.equal(failures.length, 0, `${failures.length} results off, e.g.\n${[...new Set(failures)].slice(0, 20).join('\n')}`);
});

test('the smooth gates are finite for every finite z, at every beta', () => {
  // +-2^k and +-1.5 * 2^k for every binade: |g(z)| <= |z| and |g'(z)| < 1.13 hold everywhere.
  const zs = [];
  for (let k = -1074; k <= 1023; k += 1) {
    for (const m of [1, 1.5]) {
      const x = m * 2 ** k;
      if (x !== 0 && Number.isFinite(x)) zs.push(x, -x);
    }
  }
  const z = Float64Array.from(zs);
  for (const [id, settings] of [
    ['silu', [{ beta: 0.1 }, { beta: 1 }, { beta: 1.7 }, { beta: 10 }]],
    ['gelu', [undefined]],
    ['gelu_tanh', [undefined]],
    ['mish', [undefined]],
  ]) {
    for (const params of settings) {
      const { value, derivative } = core.evaluate(id, z, params);
      z.forEach((x, i) => {
        const where = `${id}${params ? ` beta=${params.beta}` : ''} at z=${show(x)}`;
        assert.ok(Number.isFinite(value[i]) && Math.abs(value[i]) <= Math.abs(x), `${where}: value ${value[i]}`);
        assert.ok(Number.isFinite(derivative[i]) && Math.abs(derivative[i]) < 1.2, `${where}: derivative ${derivative[i]}`);
      });
    }
  }
});
