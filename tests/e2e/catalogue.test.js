// The catalogue's generated sections and the compare view, on the built page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, openPage, sharedPage, yAt } from './harness.mjs';

const HAND_WRITTEN = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];
const shared = sharedPage();

const page = () => shared.view.page;
const allBuilt = () => page().waitForFunction(() => !document.querySelector('[data-pending]'));

// The ids of the catalogue entries on the page, in order.
const entryIds = () => page().evaluate(() => [...document.querySelectorAll('.catalogue-entry')].map(({ id }) => id));

test('every activation without a hand-written section gets an entry with a summary and a definition', async () => {
  const ids = await entryIds();
  assert.ok(ids.length >= 17, `only ${ids.length} entries`);
  for (const id of HAND_WRITTEN) assert.ok(!ids.includes(id), `${id} is hand-written, not generated`);
  for (const required of ['identity', 'binary_step', 'elu', 'selu', 'softplus', 'prelu', 'hard_swish']) {
    assert.ok(ids.includes(required), `no entry for ${required}`);
  }
  const entries = await page().evaluate(() => [...document.querySelectorAll('.catalogue-entry')].map((entry) => ({
    id: entry.id,
    title: entry.querySelector('h3').textContent,
    labelled: document.getElementById(entry.getAttribute('aria-labelledby'))?.textContent,
    summary: entry.querySelector('[data-slot="summary"]').textContent.trim().length,
    definition: entry.querySelectorAll('[data-slot="entry-definition"] .katex').length,
    errors: entry.querySelectorAll('.katex-error').length,
  })));
  for (const entry of entries) {
    assert.ok(entry.title && entry.title === entry.labelled, `${entry.id}: heading`);
    assert.ok(entry.summary > 80, `${entry.id}: summary of ${entry.summary} characters`);
    assert.ok(entry.definition > 0, `${entry.id}: no definition`);
    assert.equal(entry.errors, 0, `${entry.id}: KaTeX could not parse some math`);
  }
});

test('idle time builds every entry: a plot of g and g\', a stepper and the engine tree', async () => {
  await allBuilt();
  for (const id of await entryIds()) {
    const datasets = await chartData(page(), `chart-${id}`);
    assert.equal(datasets.length, 2, `${id}: datasets`);
    for (const { label, data } of datasets) {
      assert.ok(data.length > 100, `${id} ${label}`);
      assert.ok(data.every(({ y }) => y === null || Number.isFinite(y)), `${id} ${label}: non-finite point`);
    }
    const parts = await page().evaluate((entryId) => {
      const entry = document.getElementById(entryId);
      return {
        steps: entry.querySelectorAll('.stepper .katex').length,
        engine: entry.querySelectorAll('details.engine-derivation').length,
        errors: entry.querySelectorAll('.katex-error').length,
      };
    }, id);
    assert.ok(parts.steps > 0, `${id}: empty stepper`);
    assert.equal(parts.engine, 1, `${id}: engine tree`);
    assert.equal(parts.errors, 0, `${id}: KaTeX errors`);
  }
});

test('ELU plots alpha (e^z - 1) on the left, and its alpha slider re-plots it', async () => {
  await allBuilt();
  const elu = page().locator('#elu');
  const [g, dg] = await chartData(page(), 'chart-elu');
  assert.ok(Math.abs(yAt(g, -5) - Math.expm1(-5)) < 1e-15);
  assert.ok(Math.abs(yAt(dg, -5) - Math.exp(-5)) < 1e-15);
  assert.equal(yAt(g, 2), 2);
  await elu.getByRole('slider', { name: /alpha/ }).fill('2');
  const [g2] = await chartData(page(), 'chart-elu');
  assert.ok(Math.abs(yAt(g2, -5) - 2 * Math.expm1(-5)) < 1e-14);
  const field = elu.locator('input[name="value"]');
  await field.fill('11');
  assert.match(await elu.locator('.param-controls .field-message').textContent(), /^alpha must be from 0 to 10, not 11\.$/);
  const [kept] = await chartData(page(), 'chart-elu');
  assert.ok(Math.abs(yAt(kept, -5) - 2 * Math.expm1(-5)) < 1e-14, 'a refused alpha changed the plot');
});

test('ReLU6 lists its two kinks with their one-sided slopes', async () => {
  await allBuilt();
  const items = await page().locator('#relu6 [data-slot="kink-list"] li').allTextContents();
  assert.equal(items.length, 2);
  assert.match(items[0], /^At z = 0: slope 0 from the left, 1 from the right/);
  assert.match(items[1], /^At z = 6: slope 1 from the left, 0 from the right/);
  const softsignKinks = await page().locator('#softsign [data-slot="kink-box"]').isHidden();
  assert.ok(softsignKinks, 'softsign is smooth but shows kinks');
});

test('ELU\'s kink follows alpha: listed and left undrawn at 0 for alpha 0.5, gone at alpha 1', async () => {
  await allBuilt();
  const elu = page().locator('#elu');
  const state = () => page().evaluate(() => ({
    items: [...document.querySelectorAll('#elu [data-slot="kink-list"] li')].map((li) => li.textContent),
    boxHidden: document.querySelector('#elu [data-slot="kink-box"]').hidden,
    breaks: document.getElementById('chart-elu').chart.data.datasets.map(({ breaks }) => breaks ?? []),
  }));
  const slider = elu.getByRole('slider', { name: /alpha/ });
  await slider.fill('0.5');
  const half = await state();
  assert.equal(half.boxHidden, false);
  assert.deepEqual(half.items, ['At z = 0: slope 0.5 from the left, 1 from the right; g\u2032(0) = 0.5 here.']);
  assert.ok(half.breaks.some((breaks) => breaks.length === 1 && breaks[0] === 0), JSON.stringify(half.breaks));
  await slider.fill('1');
  const smooth = await state();
  assert.equal(smooth.boxHidden, true);
  assert.deepEqual(smooth.items, []);
  assert.ok(smooth.breaks.every((breaks) => breaks.length === 0), JSON.stringify(smooth.breaks));
});

test('the compare view overlays the chosen functions and switches between g, g\' and both', async () => {
  const compare = page().locator('#compare');
  const labels = async () => (await chartData(page(), 'chart-compare')).map(({ label }) => label);
  const chosen = await compare.locator('input[name="fn"]:checked').evaluateAll((inputs) => inputs.map(({ value }) => value));
  assert.ok(chosen.length >= 3, `only ${chosen.length} chosen by default`);
  assert.equal((await labels()).length, 2 * chosen.length);

  await compare.getByRole('radio', { name: 'derivatives g′(z)' }).check();
  const derivatives = await chartData(page(), 'chart-compare');
  assert.equal(derivatives.length, chosen.length);
  assert.ok(derivatives.every(({ label }) => label.startsWith('g\u2032(z)')));
  const sigmoid = derivatives.find(({ label }) => label.endsWith('Sigmoid'));
  assert.ok(Math.abs(yAt(sigmoid, 0) - 0.25) < 1e-15);

  await compare.getByRole('checkbox', { name: 'ELU', exact: true }).check();
  const withElu = await chartData(page(), 'chart-compare');
  assert.equal(withElu.length, chosen.length + 1);
  const elu = withElu.find(({ label }) => label.includes('ELU ('));
  assert.ok(Math.abs(yAt(elu, -3) - Math.exp(-3)) < 1e-15);
  const eluAlpha = compare.getByRole('slider', { name: /alpha/ });
  assert.equal(await eluAlpha.count(), 1, 'only the chosen ELU shows its alpha');
  await eluAlpha.fill('0.5');
  const halved = (await chartData(page(), 'chart-compare')).find(({ label }) => label.includes('ELU ('));
  assert.ok(Math.abs(yAt(halved, -3) - 0.5 * Math.exp(-3)) < 1e-15);

  await compare.getByRole('radio', { name: 'values g(z)' }).check();
  assert.ok((await labels()).every((label) => label.startsWith('g(z)')));
});

test('the compare view refuses to drop its last function, and keeps the plot', async () => {
  const compare = page().locator('#compare');
  const checked = compare.locator('input[name="fn"]:checked');
  while (await checked.count() > 1) await checked.first().click();
  assert.equal(await compare.locator('#compare-message').textContent(), '');
  await checked.first().click();
  assert.equal(await checked.count(), 1, 'the last function was dropped');
  assert.match(await compare.locator('#compare-message').textContent(), /Keep at least one function/);
  assert.equal((await chartData(page(), 'chart-compare')).length, 1);
});

test('following a link to an entry builds it on arrival', async () => {
  const view = await openPage(shared.site, { search: '#celu' });
  try {
    await view.page.waitForFunction(() => !document.getElementById('celu').hasAttribute('data-pending'));
    const datasets = await chartData(view.page, 'chart-celu');
    assert.equal(datasets.length, 2);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});
