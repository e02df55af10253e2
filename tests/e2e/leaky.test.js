// Leaky ReLU's alpha controls on the built page: live re-plotting, refusal of bad values, and the
// variants and comparison figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, sharedPage, yAt } from './harness.mjs';

const shared = sharedPage();

const slider = () => shared.view.page.locator('#leaky_relu').getByRole('slider', { name: 'Slope alpha', exact: true });
const field = () => shared.view.page.locator('#leaky_relu').getByRole('textbox', { name: 'alpha value', exact: true });
const message = () => shared.view.page.locator('#alpha-control-message');

// Asserts the Leaky ReLU chart plots g = alpha z, g' = alpha for z < 0 and g = z, g' = 1 for z > 0.
async function assertPlotsAlpha(alpha) {
  const [g, dg] = await chartData(shared.view.page, 'chart-leaky_relu');
  assert.ok(Math.abs(yAt(g, -5) - -5 * alpha) < 1e-12, `g(-5) = ${yAt(g, -5)}, expected ${-5 * alpha}`);
  for (const [i, { x, y }] of g.data.entries()) {
    const expected = x > 0 ? [x, 1] : [alpha * x, alpha];
    assert.ok(Math.abs(y - expected[0]) <= 1e-12 * Math.max(1, Math.abs(x)), `g(${x}) = ${y}`);
    assert.equal(dg.data[i].y, expected[1], `g'(${x})`);
  }
}

test('the slider is named for alpha, spans [0, 1] in steps of 0.01 and starts at 0.01', async () => {
  const attributes = await slider().evaluate((input) => [input.min, input.max, input.step, input.value]);
  assert.deepEqual(attributes.map(Number), [0, 1, 0.01, 0.01]);
  assert.equal(await field().inputValue(), '0.01');
  await assertPlotsAlpha(0.01);
});

test('moving the slider to 0.2 re-plots the negative branch as 0.2 z', async () => {
  await slider().fill('0.2');
  await assertPlotsAlpha(0.2);
  const [g] = await chartData(shared.view.page, 'chart-leaky_relu');
  assert.ok(Math.abs(yAt(g, -5) - -1) < 1e-12);
  assert.equal(await field().inputValue(), '0.2');
  assert.equal(await message().textContent(), '');
});

test('the slider works from the keyboard', async () => {
  await slider().focus();
  await shared.view.page.keyboard.press('ArrowRight');
  await assertPlotsAlpha(0.21);
  await shared.view.page.keyboard.press('ArrowLeft');
  await assertPlotsAlpha(0.2);
});

test('typing a valid alpha re-plots and moves the slider', async () => {
  await field().fill('0.35');
  await assertPlotsAlpha(0.35);
  assert.equal(await slider().inputValue(), '0.35');
  await field().fill('0.2');
  await assertPlotsAlpha(0.2);
});

test('a bad alpha shows a visible message and the plots keep the last good alpha', async () => {
  const before = await Promise.all(['chart-leaky_relu', 'chart-relu-vs-leaky'].map((id) => chartData(shared.view.page, id)));
  for (const bad of ['1.5', '-0.1', 'abc', '', '1e999', '0.2.1']) {
    await field().fill(bad);
    assert.ok(await message().isVisible(), `no visible message for "${bad}"`);
    assert.ok((await message().textContent()).length > 10, `message for "${bad}" is too short`);
    assert.equal(await field().getAttribute('aria-invalid'), 'true', bad);
    const now = await Promise.all(['chart-leaky_relu', 'chart-relu-vs-leaky'].map((id) => chartData(shared.view.page, id)));
    assert.deepEqual(now, before, `the plots changed for "${bad}"`);
    assert.equal(await slider().inputValue(), '0.2', bad);
  }
  const text = await shared.view.page.locator('#leaky_relu').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  await field().fill('0.3');
  assert.equal(await message().textContent(), '');
  assert.equal(await field().getAttribute('aria-invalid'), null);
  await assertPlotsAlpha(0.3);
});

test('the variants figure overlays alpha = 0.01, 0.1, 0.2 and 0.3', async () => {
  const datasets = await chartData(shared.view.page, 'chart-leaky-variants');
  assert.equal(datasets.length, 4);
  const slopes = datasets.map((dataset) => yAt(dataset, -5) / -5);
  assert.deepEqual(slopes.map((slope) => Number(slope.toFixed(12))), [0.01, 0.1, 0.2, 0.3]);
  assert.ok(datasets.every((dataset) => yAt(dataset, 4) === 4));
});

test('the comparison figure shows ReLU and Leaky ReLU (current alpha) with their derivatives', async () => {
  await slider().fill('0.25');
  const datasets = await chartData(shared.view.page, 'chart-relu-vs-leaky');
  assert.equal(datasets.length, 4);
  const [relu, dRelu, leaky, dLeaky] = datasets;
  assert.deepEqual([yAt(relu, -4), yAt(dRelu, -4), yAt(relu, 3), yAt(dRelu, 3)], [0, 0, 3, 1]);
  assert.ok(Math.abs(yAt(leaky, -4) - -1) < 1e-12);
  assert.deepEqual([yAt(dLeaky, -4), yAt(leaky, 3), yAt(dLeaky, 3)], [0.25, 3, 1]);
  assert.deepEqual([relu.borderDash, leaky.borderDash], [[], []]);
  assert.ok(dRelu.borderDash.length > 0 && dLeaky.borderDash.length > 0, 'derivatives are dashed');
});

test('the alpha control under ReLU versus Leaky ReLU moves alpha in both places and in both plots', async () => {
  const { page } = shared.view;
  const second = page.locator('#leaky_relu').getByRole('slider', { name: 'Slope alpha of the Leaky ReLU compared with ReLU' });
  const secondField = page.locator('#leaky_relu').getByRole('textbox', { name: 'alpha value of the Leaky ReLU compared with ReLU' });
  await second.fill('0.4');
  await assertPlotsAlpha(0.4);
  const [, , , dLeaky] = await chartData(page, 'chart-relu-vs-leaky');
  assert.equal(yAt(dLeaky, -4), 0.4);
  assert.deepEqual([await slider().inputValue(), await field().inputValue(), await secondField.inputValue()], ['0.4', '0.4', '0.4']);
  assert.equal(new URL(page.url()).searchParams.get('alpha'), '0.4');
  await slider().fill('0.25');
  assert.deepEqual([await second.inputValue(), await secondField.inputValue()], ['0.25', '0.25']);
});

test('a drag writes the address when the slider is let go, not at every input', async () => {
  const { page } = shared.view;
  const alphaInAddress = () => new URL(page.url()).searchParams.get('alpha');
  const before = alphaInAddress();
  // A drag fires 'input' at every move and 'change' once, on release.
  await slider().evaluate((input) => {
    input.value = '0.6';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await assertPlotsAlpha(0.6);
  await page.waitForTimeout(300);
  assert.equal(alphaInAddress(), before);
  await slider().evaluate((input) => input.dispatchEvent(new Event('change', { bubbles: true })));
  assert.equal(alphaInAddress(), '0.6');
});

test('a figure far from the view is drawn with the latest alpha when it comes into view', async () => {
  const { page } = shared.view;
  await slider().scrollIntoViewIfNeeded();
  await slider().fill('0.9');
  await page.locator('#chart-relu-vs-leaky').scrollIntoViewIfNeeded();
  // Leaky ReLU's derivative at z = -4 in the comparison figure is drawn at the height of 0.9 (the
  // wait fails the test after 5 s).
  await page.waitForFunction(() => {
    const { chart } = document.getElementById('chart-relu-vs-leaky');
    const dataset = chart.data.datasets[3];
    const i = dataset.data.findIndex(({ x }) => Math.abs(x + 4) < 1e-9);
    return Math.abs(chart.getDatasetMeta(3).data[i].y - chart.scales.y.getPixelForValue(0.9)) < 0.5;
  }, null, { timeout: 5000 });
});

test('no console errors or page errors while adjusting alpha', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(shared.view.log.errors, []);
});
