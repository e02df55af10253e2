// The properties table and the floating-point lesson, on the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, sharedPage } from './harness.mjs';

const shared = sharedPage();
const page = () => shared.view.page;

// The table's rows as {id, cells: [text]} in their current order.
async function tableRows() {
  await page().waitForFunction(() => document.querySelectorAll('.properties-table tbody tr').length >= 21);
  return page().evaluate(() => [...document.querySelectorAll('.properties-table tbody tr')].map((row) => ({
    id: row.dataset.id,
    link: row.querySelector('th a').getAttribute('href'),
    cells: [...row.cells].map((cell) => cell.textContent),
  })));
}

test('the properties table has a row per activation, linked to its section, with computed values', async () => {
  const rows = await tableRows();
  const ids = await page().evaluate(() => [...document.querySelectorAll('section.activation')].map(({ id }) => id));
  assert.deepEqual(rows.map(({ id }) => id).sort(), [...ids].sort());
  for (const { id, link } of rows) assert.equal(link, `#${id}`);
  const byId = Object.fromEntries(rows.map(({ id, cells }) => [id, cells]));
  // Function, range, smoothness, monotonic, monotonic g', identity near 0, odd, max |g'|, saturation, g'(0)
  assert.deepEqual(byId.sigmoid.slice(1, 8), ['(0, 1)', 'C∞', 'yes', 'no', 'no', 'no', '0.25 at z = 0']);
  assert.deepEqual(byId.tanh.slice(1, 7), ['(−1, 1)', 'C∞', 'yes', 'no', 'yes', 'yes']);
  assert.deepEqual([byId.relu[1], byId.relu[2], byId.relu[7], byId.relu[8]], ['[0, ∞)', 'C⁰', '1 for z > 0', 'hard for z < 0']);
  assert.match(byId.relu[9], /^0 \(a kink: 0 left, 1 right\)$/);
  assert.equal(byId.binary_step[2], 'discontinuous');
  assert.equal(byId.elu[2], 'C¹');
  assert.match(byId.gelu[1], /^\[−0\.1700, ∞\)$/);
  assert.match(byId.gelu[7], /^1\.1289\d* at z = 1\.414/);
});

test('sorting by a column reorders the rows and says so to assistive technology', async () => {
  const sortButton = page().getByRole('button', { name: 'Largest |g′|' });
  await sortButton.click();
  const ascending = await tableRows();
  assert.equal(ascending[0].id, 'binary_step', 'the smallest largest-slope first');
  assert.equal(await sortButton.evaluate((button) => button.parentElement.getAttribute('aria-sort')), 'ascending');
  await sortButton.click();
  const descending = await tableRows();
  assert.equal(descending[0].id, 'selu', 'SELU has the steepest slope, λα at 0');
  assert.equal(await sortButton.evaluate((button) => button.parentElement.getAttribute('aria-sort')), 'descending');
  await page().getByRole('button', { name: 'Function' }).click();
  const byName = (await tableRows()).map(({ cells }) => cells[0]);
  assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b)));
});

test('the lesson quotes thresholds the core found', async () => {
  const facts = await page().evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-fact]')]
    .map((element) => [`${element.dataset.fact}/${element.dataset.field}`, element.textContent])));
  assert.equal(facts['sigmoid_g_one_minus_g_zero/z'], '36.7368');
  assert.equal(facts['sigmoid_g_one_minus_g_zero/reference'], '1.1102e\u221216');
  assert.equal(facts['tanh_one_minus_tanh_squared_zero/z'], '19.0615');
  assert.equal(facts['sigmoid_exp_quotient_nan/z'], '\u2212709.783');
  assert.equal(facts['softplus_naive_log_overflow/z'], '709.783');
  assert.equal(facts['softplus_naive_log_zero/z'], '\u221236.7368');
});

test('the lesson plots each formula\'s relative error on a log axis, textbook failures included', async () => {
  const axis = await page().evaluate(() => {
    const { scales } = document.getElementById('chart-lesson').chart.options;
    return [scales.y.type, scales.y.title.text];
  });
  assert.deepEqual(axis, ['logarithmic', 'relative error']);
  const [oneMinus, quotient, careful] = await chartData(page(), 'chart-lesson');
  assert.match(careful.label, /careful/);
  const at = (dataset, z) => dataset.data.find(({ x }) => x === z).y;
  // At z = 100, g(1 - g) returns 0: relative error 1. The careful formula is within a few ULP.
  assert.equal(at(oneMinus, 100), 1);
  assert.ok(at(careful, 100) < 1e-15);
  // At z = -720, e^-z overflows: NaN, drawn on the ceiling (10).
  assert.equal(at(quotient, -720), 10);
  assert.ok(at(careful, -720) < 1, 'the careful formula keeps some digits in the subnormal range');
  for (const dataset of [oneMinus, quotient, careful]) {
    assert.ok(dataset.data.every(({ y }) => y === null || (y >= 1e-17 && y <= 10)), `${dataset.label}: off the axis`);
  }
});

test('choosing tanh\' switches the formulas and the range, and the tooltip explains a failure', async () => {
  await page().getByRole('radio', { name: 'Tanh derivative' }).check();
  const series = await chartData(page(), 'chart-lesson');
  assert.equal(series.length, 3);
  assert.match(series[0].label, /tanh/);
  assert.equal(series[0].data[0].x, -380);
  const text = await page().evaluate(() => {
    const { chart } = document.getElementById('chart-lesson');
    const index = chart.data.datasets[0].data.findIndex(({ x }) => x >= 25);
    return chart.data.datasets[0].describe(index);
  });
  assert.match(text, /^returns 0, true value \d\.\d+e−\d+: every digit lost$/);
});

test('a bad lesson range is refused with a message and the plot is kept', async () => {
  const before = await chartData(page(), 'chart-lesson');
  const from = page().locator('#floating-point input[name="from"]');
  await from.fill('-2e6');
  assert.match(await page().locator('#lesson-range-message').textContent(), /between −1000000 and 1000000/);
  assert.deepEqual(await chartData(page(), 'chart-lesson'), before);
});
