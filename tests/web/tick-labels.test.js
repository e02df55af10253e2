// web/js/figures/plot-style.js's tick labels on their own (no build needed): they must read exactly as
// Chart.js's numeric formatter writes them with Intl.NumberFormat('en-US'), which the charts no longer
// call, and as the build's still previews show them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tickDecimals, tickLabel } from '../../web/js/figures/plot-style.js';

const intl = (value, decimals) => (value === 0 ? '0'
  : new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value));

test('tick labels match Intl en-US at every spacing the axes use, ties and negative zero included', () => {
  const spacings = [1e-4, 2e-4, 5e-4, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 1000, 5000];
  for (const spacing of spacings) {
    for (let k = -60; k <= 60; k += 1) {
      const value = k * spacing; // rounding error as a chart's tick generation leaves it
      const decimals = Math.max(0, -Math.floor(Math.log10(spacing)));
      assert.equal(tickLabel(value, decimals), intl(value, decimals), `${value} at ${decimals} decimals`);
    }
  }
  for (const [value, decimals] of [[0.125, 2], [-0.125, 2], [2.5, 0], [-2.5, 0], [-1e-9, 1], [-0.04, 1], [1234567.891, 2],
    [-98765.4321, 0], [999.9996, 3], [999.9995, 3], [1e14 + 0.5, 0], [Number.MIN_VALUE, 20], [-0, 3]]) {
    assert.equal(tickLabel(value, decimals), intl(value, decimals), `${value} at ${decimals} decimals`);
  }
});

test('tick decimals follow Chart.js: the spacing of the ticks, or the fraction of a whole-spaced non-whole tick', () => {
  const ticks = (...values) => values.map((value) => ({ value }));
  assert.equal(tickDecimals(0.5, ticks(0, 0.5, 1, 1.5)), 1);
  assert.equal(tickDecimals(0.02, ticks(0, 0.02, 0.04, 0.06)), 2);
  assert.equal(tickDecimals(4, ticks(-8, -4, 0, 4, 8)), 0);
  assert.equal(tickDecimals(2.5, ticks(0.5, 2.5, 4.5)), 1);
  assert.equal(tickDecimals(7, ticks(7)), 0);
  assert.equal(tickDecimals(0.3, ticks(0.3)), 1);
});
