// The "z from / z to" inputs on the built page: a valid range re-plots, a bad one is refused visibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, sharedPage } from './harness.mjs';

const shared = sharedPage();

const input = (section, name) => shared.view.page.locator(`#${section} .range-controls input[name="${name}"]`);
const message = (section) => shared.view.page.locator(`#${section} .range-controls .field-message`);

async function setRange(section, from, to) {
  await input(section, 'from').fill(from);
  await input(section, 'to').fill(to);
}

test('each plot starts on z from -6 to 6', async () => {
  for (const section of ['sigmoid', 'tanh', 'relu', 'leaky_relu']) {
    const [g] = await chartData(shared.view.page, `chart-${section}`);
    assert.deepEqual([g.data[0].x, g.data.at(-1).x], [-6, 6], section);
    assert.equal(await message(section).textContent(), '');
  }
});

test('a valid range re-plots over exactly that range', async () => {
  await setRange('sigmoid', '-2', '3.5');
  const [g, dg] = await chartData(shared.view.page, 'chart-sigmoid');
  assert.deepEqual([g.data[0].x, g.data.at(-1).x], [-2, 3.5]);
  assert.ok(g.data.every(({ x }) => x >= -2 && x <= 3.5));
  assert.ok(g.data.length > 100);
  assert.ok(g.data.every(({ y }, i) => y > 0 && y < 1 && dg.data[i].y > 0 && dg.data[i].y <= 0.25));
  const axis = await shared.view.page.evaluate(() => {
    const { x } = document.getElementById('chart-sigmoid').chart.scales;
    return [x.min, x.max];
  });
  assert.deepEqual(axis, [-2, 3.5]);
  assert.equal(await message('sigmoid').textContent(), '');
});

test('a bad range shows a visible message and keeps the last good plot', async () => {
  await setRange('sigmoid', '-2', '3.5');
  const before = await chartData(shared.view.page, 'chart-sigmoid');
  const good = { from: '-2', to: '3.5' };
  const bad = [['from', 'abc'], ['from', ''], ['to', ''], ['from', '4'], ['from', '3.5'], ['to', '-2'],
    ['from', '-1e7'], ['to', '1e999'], ['from', 'Infinity'], ['to', '1,5']];
  for (const [name, value] of bad) {
    await input('sigmoid', name).fill(value);
    const what = `z ${name} = "${value}"`;
    assert.ok(await message('sigmoid').isVisible(), `no visible message for ${what}`);
    assert.ok((await message('sigmoid').textContent()).length > 10, what);
    assert.equal(await input('sigmoid', name).getAttribute('aria-invalid'), 'true', what);
    assert.deepEqual(await chartData(shared.view.page, 'chart-sigmoid'), before, `the plot changed for ${what}`);
    await input('sigmoid', name).fill(good[name]);
    assert.equal(await message('sigmoid').textContent(), '', `message stays after fixing ${what}`);
  }
  await setRange('sigmoid', '-1', '1');
  assert.equal(await message('sigmoid').textContent(), '');
  const [g] = await chartData(shared.view.page, 'chart-sigmoid');
  assert.deepEqual([g.data[0].x, g.data.at(-1).x], [-1, 1]);
});

test('the Leaky ReLU range moves all three of its figures, other sections stay', async () => {
  await setRange('leaky_relu', '-3', '2');
  for (const id of ['chart-leaky_relu', 'chart-leaky-variants', 'chart-relu-vs-leaky']) {
    const datasets = await chartData(shared.view.page, id);
    assert.ok(datasets.every(({ data }) => data[0].x === -3 && data.at(-1).x === 2), id);
  }
  const [relu] = await chartData(shared.view.page, 'chart-relu');
  assert.deepEqual([relu.data[0].x, relu.data.at(-1).x], [-6, 6]);
});

test('no console errors or page errors while changing ranges', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(shared.view.log.errors, []);
});
