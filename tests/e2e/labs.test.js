// The two labs on the built page: the depth lab's chart and prose, the training lab's run controls,
// its frames (no long task while training), its presets, errors and address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, openPage, sharedPage } from './harness.mjs';

const LOG10_QUARTER = Math.log10(0.25);
const shared = sharedPage();
const page = () => shared.view.page;

// Opens a fresh page with `search`, runs `use(view)`, and closes it.
async function withPage(search, use) {
  const view = await openPage(shared.site, { search });
  try {
    return await use(view);
  } finally {
    await view.close();
  }
}

const text = (where, selector) => where.locator(selector).first().textContent();
const epochOf = async (where, run = 'train-run-a') => Number(await text(where, `#${run} [data-slot="epoch"]`));
const disabled = (where, name) => where.locator('#training-lab').getByRole('button', { name }).getAttribute('aria-disabled');
// A checksum of the heat map's pixels: changes when the decision region is repainted differently.
// The address as it settles: a quick run of changes may be written up to 100 ms late (web/js/state/url-state.js).
const address = async (where) => {
  await new Promise((resolve) => { setTimeout(resolve, 300); });
  return where.evaluate(() => window.location.href);
};
// A number as the page prints it (a minus sign may be U+2212).
const printed = (text) => Number(text.replace('\u2212', '-'));
const heatmapSum = (where, run = 'train-run-a') => where.evaluate((id) => {
  const canvas = document.querySelector(`#${id} canvas`);
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) sum = (sum * 31 + data[i]) % 1000000007;
  return sum;
}, run);

// The long tasks (over 50 ms) seen in up to `windows` consecutive windows of `ms` while training
// runs: [] as soon as one window is clean, else every window's list. A task our code causes shows
// up in every window; one stretched by another process on a shared 2-core machine does not.
async function longTasksWhileTraining(view, { windows = 3, ms = 2000 } = {}) {
  const seen = [];
  for (let i = 0; i < windows; i += 1) {
    await view.evaluate(() => { window.labLongTasks = []; });
    await view.waitForTimeout(ms);
    const tasks = await view.evaluate(() => window.labLongTasks);
    if (tasks.length === 0) return [];
    seen.push(tasks);
  }
  return seen;
}

test('the depth slider answers the keyboard: one more layer, one more point per curve', async () => {
  const lab = page().locator('#depth-lab');
  const slider = lab.getByRole('slider', { name: 'depth L' });
  const before = await chartData(page(), 'chart-depth');
  const median = (datasets) => datasets.find(({ label }) => label === 'Sigmoid');
  const points = median(before).data.length;
  await slider.focus();
  await page().keyboard.press('ArrowRight');
  const after = await chartData(page(), 'chart-depth');
  assert.equal(median(after).data.length, points + 1);
  assert.equal(await lab.getByRole('textbox', { name: 'depth L, value' }).inputValue(), String(points + 1));
  assert.deepEqual(median(after).data.map(({ x }) => x), Array.from({ length: points + 1 }, (_, i) => i + 1));
  assert.match(await address(page()), new RegExp(`depth\\.L=${points + 1}`));
});

test("the sigmoid's median never exceeds L log10(1/4), and the prose quotes the core", async () => {
  const lab = page().locator('#depth-lab');
  for (const [mean, spread] of [['0', '1'], ['2.5', '0.3'], ['-1', '4']]) {
    await lab.getByRole('textbox', { name: 'mean of z, value' }).fill(mean);
    await lab.getByRole('textbox', { name: 'spread of z, value' }).fill(spread);
    const datasets = await chartData(page(), 'chart-depth');
    const sigmoid = datasets.find(({ label }) => label === 'Sigmoid');
    assert.ok(sigmoid.data.length >= 20);
    for (const { x, y } of sigmoid.data) assert.ok(y <= x * LOG10_QUARTER + 1e-9, `L = ${x}: ${y} > ${x * LOG10_QUARTER} (mean ${mean})`);
    const ceiling = datasets.find(({ label }) => label.startsWith('Sigmoid\u2019s ceiling'));
    for (const { x, y } of ceiling.data) assert.ok(Math.abs(y - x * LOG10_QUARTER) < 1e-9);
  }
  const facts = await lab.locator('[data-fact]').allTextContents();
  assert.ok(facts.every((fact) => fact.length > 0 && fact !== '…'), 'an unfilled fact');
  assert.equal(await text(lab, '[data-fact="sigmoid-max"]'), '0.25');
  assert.equal(await text(lab, '[data-fact="selu-max"]'), '1.7581');
});

test('the depth lab shows the share of ReLU chains that are exactly 0', async () => {
  const lab = page().locator('#depth-lab');
  const reluZeros = async () => (await lab.locator('tbody tr', { hasText: 'ReLU' }).first().locator('td').last().textContent());
  await lab.getByRole('textbox', { name: 'mean of z, value' }).fill('0');
  await lab.getByRole('textbox', { name: 'spread of z, value' }).fill('1');
  await lab.getByRole('textbox', { name: 'depth L, value' }).fill('1');
  const oneLayer = Number.parseFloat(await reluZeros());
  assert.ok(oneLayer > 40 && oneLayer < 60, `${oneLayer}% of one-layer chains are 0`);
  assert.equal(await text(lab, '[data-fact="relu-zero"]'), await reluZeros());
  await lab.getByRole('textbox', { name: 'depth L, value' }).fill('10');
  assert.ok(Number.parseFloat(await reluZeros()) > 99);
  await lab.getByRole('textbox', { name: 'mean of z, value' }).fill('3');
  assert.ok(Number.parseFloat(await reluZeros()) < 5);
  const relu = (await chartData(page(), 'chart-depth')).find(({ label }) => label === 'ReLU');
  assert.ok(relu.data.every(({ y }) => y === 0), 'with few zeros the median ReLU product is exactly 1');
  await lab.getByRole('textbox', { name: 'depth L, value' }).fill('3.5');
  assert.match(await lab.locator('.field-message').allTextContents().then((all) => all.join(' ')), /whole number/);
  await lab.getByRole('checkbox', { name: 'Sigmoid', exact: true }).uncheck();
  assert.ok(!(await chartData(page(), 'chart-depth')).some(({ label }) => label === 'Sigmoid'));
});

test('Start trains and redraws, with no long task; Pause stops; Step adds one epoch; Reset restores', async () => {
  const lab = page().locator('#training-lab');
  // The catalogue builds its entries while the page is idle: let it finish first.
  await page().waitForFunction(() => !document.querySelector('[data-pending]'));
  await lab.getByRole('combobox', { name: 'Speed' }).selectOption('max');
  await lab.getByRole('textbox', { name: 'Train for epochs' }).fill('10000');
  assert.equal(await epochOf(page()), 0);
  assert.equal(await disabled(page(), 'Pause'), 'true');
  assert.equal(await disabled(page(), 'Reset'), 'true');
  const lossBefore = (await chartData(page(), 'chart-loss'))[0].data.length;
  const mapBefore = await heatmapSum(page());
  await page().evaluate(() => {
    window.labLongTasks = [];
    new PerformanceObserver((list) => window.labLongTasks.push(...list.getEntries().map(({ duration }) => duration)))
      .observe({ type: 'longtask' });
    // The longest animation-frame callback (where training runs), timed around each call.
    window.labLongestFrame = 0;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => request((now) => {
      const start = performance.now();
      callback(now);
      window.labLongestFrame = Math.max(window.labLongestFrame, performance.now() - start);
    });
  });
  await lab.getByRole('button', { name: 'Start' }).click();
  const longTasks = await longTasksWhileTraining(page());
  const longestFrame = await page().evaluate(() => window.labLongestFrame);
  console.log(`# longest training frame: ${longestFrame.toFixed(1)} ms; long tasks: ${JSON.stringify(longTasks)}`);
  assert.deepEqual(longTasks, [], 'tasks over 50 ms while training');
  const epoch = await epochOf(page());
  assert.ok(epoch > 10, `only ${epoch} epochs in 2 s or more`);
  assert.ok((await chartData(page(), 'chart-loss'))[0].data.length > lossBefore, 'the loss chart did not grow');
  assert.notEqual(await heatmapSum(page()), mapBefore, 'the heat map was not repainted');
  assert.equal(await disabled(page(), 'Start'), 'true');
  assert.equal(await disabled(page(), 'Step one epoch'), 'true');

  await lab.getByRole('button', { name: 'Pause' }).click();
  const paused = await epochOf(page());
  await page().waitForTimeout(400);
  assert.equal(await epochOf(page()), paused, 'training went on after Pause');
  assert.match(await text(lab, '[data-slot="status"]'), new RegExp(`Paused at epoch ${paused}`));
  assert.equal(await epochOf(page(), 'train-run-b'), paused, 'the two runs are in step');

  await lab.getByRole('button', { name: 'Step one epoch' }).click();
  assert.equal(await epochOf(page()), paused + 1);
  assert.equal(await epochOf(page(), 'train-run-b'), paused + 1);

  await lab.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await epochOf(page()), 0);
  assert.equal((await chartData(page(), 'chart-loss'))[0].data.length, 1);
  assert.equal(await heatmapSum(page()), mapBefore, 'Reset did not restore the first map');
  assert.equal(await disabled(page(), 'Reset'), 'true');
  assert.equal(await disabled(page(), 'Start'), 'false');
});

test('a deep network with a costly activation, two at a time, still never blocks the page', async () => {
  const search = '?train.fn=mish&train.layers=4&train.n=500&train.batch=1&train.lr=0.01&train.speed=max'
    + '&train.epochs=10000&train.vs=relu_lives_slow';
  await withPage(search, async ({ page: view }) => {
    await view.waitForFunction(() => !document.querySelector('[data-pending]'));
    await view.evaluate(() => {
      window.labLongTasks = [];
      new PerformanceObserver((list) => window.labLongTasks.push(...list.getEntries().map(({ duration }) => duration)))
        .observe({ type: 'longtask' });
    });
    const mapBefore = await heatmapSum(view, 'train-run-b');
    await view.locator('#training-lab').getByRole('button', { name: 'Start' }).click();
    assert.deepEqual(await longTasksWhileTraining(view), [], 'tasks over 50 ms while training');
    assert.ok(await epochOf(view, 'train-run-b') > 5);
    assert.notEqual(await heatmapSum(view, 'train-run-b'), mapBefore, 'the second map was not repainted');
  });
});

test('a preset pair reproduces its claim on the page: ReLU dies, Leaky ReLU at the same settings does not', async () => {
  await withPage('', async ({ page: view }) => {
    const lab = view.locator('#training-lab');
    await lab.getByRole('combobox', { name: 'Preset' }).selectOption('relu_dies');
    assert.ok(await lab.getByRole('checkbox', { name: /Beside it/ }).isChecked());
    await lab.getByRole('combobox', { name: 'Speed' }).selectOption('max');
    await lab.getByRole('button', { name: 'Start' }).click();
    await view.waitForFunction(() => /Finished/.test(document.querySelector('#training-lab [data-slot="status"]').textContent));
    const shares = (run) => lab.locator(`#${run} tbody tr td`).allTextContents()
      .then((cells) => cells.map((cell) => Number.parseFloat(cell)));
    const [relu, leaky] = [await shares('train-run-a'), await shares('train-run-b')];
    // Cells per layer: dead, inactive. ReLU: 70% to 100% of all units dead (the preset's bound).
    assert.ok((relu[0] + relu[2]) / 2 >= 70, `ReLU dead ${relu}`);
    assert.deepEqual([leaky[0], leaky[2]], [0, 0], `Leaky ReLU dead ${leaky}`);
    assert.ok(printed(await text(lab, '#train-run-b [data-slot="loss"]')) < 0.05);
    assert.match(await text(lab, '[data-slot="preset-note"]'), /after 200 epochs, 70% to 100% of the hidden units are dead/);

    await lab.getByRole('checkbox', { name: /Beside it/ }).uncheck();
    assert.ok(await lab.locator('#train-run-b').isHidden());
    assert.equal((await chartData(view, 'chart-loss')).length, 1);
    assert.match(await address(view), /train\.vs=none/);
  });
});

test('the address keeps the lab settings, both ways', async () => {
  await withPage('?train.lr=0.5&train.fn=leaky_relu&train.alpha=0.2&depth.fn=tanh,relu,leaky_relu&depth.leaky_relu.alpha=0.3', async ({ page: view }) => {
    const lab = view.locator('#training-lab');
    assert.equal(await lab.getByRole('textbox', { name: 'Learning rate' }).inputValue(), '0.5');
    assert.equal(await lab.getByRole('combobox', { name: 'Activation' }).inputValue(), 'leaky_relu');
    assert.equal(await lab.getByRole('textbox', { name: 'alpha value' }).inputValue(), '0.2');
    assert.match(await text(lab, '#train-run-a [data-slot="summary"]'), /Leaky ReLU \(alpha = 0\.2\).*learning rate 0\.5/);
    assert.ok(await lab.locator('[data-slot="notice"]').isHidden());
    const labels = (await chartData(view, 'chart-depth')).filter(({ label }) => !label.includes(',') && !label.includes('0 =')).map(({ label }) => label);
    assert.deepEqual(labels, ['Tanh', 'ReLU', 'Leaky ReLU']);
    assert.equal(await text(view.locator('#depth-lab'), 'tbody tr:nth-child(3) th'), 'Leaky ReLU (alpha = 0.3)');
    await lab.getByRole('textbox', { name: 'Batch size' }).fill('20');
    const query = new URL(await address(view)).searchParams;
    assert.equal(query.get('train.batch'), '20');
    assert.equal(query.get('train.lr'), '0.5');
    assert.equal(query.get('train.alpha'), '0.2');
    assert.equal(query.get('depth.fn'), 'tanh,relu,leaky_relu');
    assert.equal(query.get('depth.leaky_relu.alpha'), '0.3');
  });
});

test('bad address values are ignored with a notice, never inserted as HTML', async () => {
  const search = '?train.lr=abc&train.fn=%3Cimg%20src%3Dx%3E&train.batch=2.5&depth.L=99&depth.fn=sigmoid,bogus';
  await withPage(search, async ({ page: view, log }) => {
    const training = view.locator('#training-lab');
    const notice = await text(training, '[data-slot="notice"]');
    assert.match(notice, /Ignored train\.lr=abc from the address: the learning rate: “abc” is not a number/);
    assert.match(notice, /Ignored train\.fn=<img src=x> from the address/);
    assert.match(notice, /Ignored train\.batch=2\.5 from the address: the batch size must be a whole number/);
    assert.equal(await training.getByRole('textbox', { name: 'Learning rate' }).inputValue(), '1');
    assert.equal(await training.getByRole('combobox', { name: 'Activation' }).inputValue(), 'relu');
    const depth = view.locator('#depth-lab');
    assert.match(await text(depth, '[data-slot="notice"]'), /Ignored depth\.L=99 from the address: the depth must be from 1 to 50, not 99\./);
    assert.match(await text(depth, '[data-slot="notice"]'), /no activation is called “bogus”/);
    assert.equal(await depth.getByRole('textbox', { name: 'depth L, value' }).inputValue(), '20');
    assert.equal(await view.locator('#labs img').count(), 0);
    assert.deepEqual(log.errors, []);
  });
});

test("the core's refusals show next to the control that caused them", async () => {
  await withPage('', async ({ page: view }) => {
    const lab = view.locator('#training-lab');
    const batch = lab.getByRole('textbox', { name: 'Batch size' });
    await batch.fill('500');
    assert.equal(await text(lab, '#train-training-message'), 'the batch size must be from 1 to the 200 training points, not 500');
    assert.equal(await batch.getAttribute('aria-invalid'), 'true');
    assert.equal(await text(lab, '#train-run-a [data-slot="summary"]').then((s) => /batch 10/.test(s)), true, 'a refused batch size was applied');
    await lab.getByRole('textbox', { name: 'Points' }).fill('600');
    assert.equal(await text(lab, '#train-data-message'), 'the number of points must be from 20 to 500, not 600.');
    await lab.getByRole('textbox', { name: 'Points' }).fill('500');
    assert.equal(await text(lab, '#train-data-message'), '');
    await batch.fill('500');
    assert.equal(await text(lab, '#train-training-message'), '');
    assert.match(await text(lab, '#train-run-a [data-slot="summary"]'), /batch 500/);
  });
});

test('training that blows up says so, stops, and never shows NaN as a number', async () => {
  const search = '?train.fn=leaky_relu&train.alpha=0.01&train.lr=5&train.batch=1&train.bias=0&train.vs=none';
  await withPage(search, async ({ page: view }) => {
    const lab = view.locator('#training-lab');
    await lab.getByRole('button', { name: 'Step one epoch' }).click();
    assert.match(await text(lab, '#train-run-a [data-slot="alert"]'), /the weights blew up \(NaN\): lower the learning rate/);
    assert.match(await text(lab, '[data-slot="status"]'), /blew up/);
    assert.equal(await disabled(view, 'Start'), 'true');
    assert.equal(await disabled(view, 'Step one epoch'), 'true');
    const shown = await lab.evaluate((element) => element.innerText);
    assert.equal(shown.match(/NaN/g).length, shown.match(/\(NaN\)/g).length, 'NaN shown as a value');
    assert.ok((await chartData(view, 'chart-loss'))[0].data.every(({ y }) => Number.isFinite(y)));
  });
});
