// The slope explorer on the built page: keyboard and pointer, tangents, kinks and the secant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, openPage, sharedPage } from './harness.mjs';

const shared = sharedPage();
const page = () => shared.view.page;

// The numbers of a readout such as "z₀ = 0.5: g(z₀) = 0.622459, slope g′(z₀) = 0.235004."
function numbers(text) {
  return [...text.replace(/\u2212/g, '-').matchAll(/= (-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)].map((m) => Number(m[1]));
}

// The secant's slope in a readout ("Secant over h = 0.1: slope 0.23197.").
function secantSlope(text) {
  return Number(text.replace(/\u2212/g, '-').match(/Secant over h = [\d.e-]+: slope (-?\d+(?:\.\d+)?(?:e-?\d+)?)/)[1]);
}

async function open(sectionId) {
  const section = page().locator(`#${sectionId}`);
  const toggle = section.getByRole('button', { name: /slope at a point/ });
  if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
  return section;
}

test('off by default: the plots show g and g\' only', async () => {
  assert.equal((await chartData(page(), 'chart-sigmoid')).length, 2);
  assert.equal(await page().locator('#sigmoid .slope-controls').isHidden(), true);
});

test('the point moves with the keyboard and the readout and tangent follow', async () => {
  const section = await open('sigmoid');
  const readout = section.locator('.slope-readout');
  const [z0, value, slope] = numbers(await readout.textContent());
  assert.equal(z0, 0.5);
  assert.ok(Math.abs(value - 1 / (1 + Math.exp(-0.5))) < 1e-6);
  assert.ok(Math.abs(slope - value * (1 - value)) < 1e-6);
  const datasets = await chartData(page(), 'chart-sigmoid');
  assert.deepEqual(datasets.map(({ label }) => label), ['g(z)', 'g\u2032(z)', 'tangent at z\u2080']);
  const tangentAt = (x) => datasets[2].data.find((point) => point.x === x).y;
  assert.ok(Math.abs(tangentAt(2) - (value + slope * 1.5)) < 1e-6);

  await section.getByRole('slider', { name: /point/ }).focus();
  for (let i = 0; i < 10; i += 1) await page().keyboard.press('ArrowLeft');
  const [moved] = numbers(await readout.textContent());
  assert.ok(Math.abs(moved - 0) < 1e-9, `z0 = ${moved} after ten steps of 0.05 left`);
  assert.match(await readout.textContent(), /slope g′\(z₀\) = 0\.25\b/);
});

test('at ReLU\'s kink it shows both one-sided slopes and two half-tangents', async () => {
  const section = await open('relu');
  await section.getByRole('slider', { name: /point/ }).focus();
  for (let i = 0; i < 10; i += 1) await page().keyboard.press('ArrowLeft');
  const text = await section.locator('.slope-readout').textContent();
  assert.match(text, /^z₀ = 0 is a kink: g\(z₀\) = 0, slope 0 from the left and 1 from the right/);
  const labels = (await chartData(page(), 'chart-relu')).map(({ label }) => label);
  assert.deepEqual(labels.slice(2), ['tangent from the left', 'tangent from the right']);
});

test('a secant turns into the tangent as h shrinks', async () => {
  const section = await open('tanh');
  await section.getByRole('checkbox', { name: 'show a secant' }).check();
  const readout = section.locator('.slope-readout');
  const [, , slope, h] = numbers(await readout.textContent());
  const secant = secantSlope(await readout.textContent());
  assert.equal(h, 0.1);
  assert.ok(Math.abs(secant - slope) > 1e-3, 'the secant over h = 0.1 already equals the tangent');
  await section.getByRole('button', { name: 'Shrink h' }).click();
  await page().waitForFunction((id) => document.querySelector(`#${id} [data-action="shrink"]`).disabled, 'tanh');
  const [, , slopeAfter, hAfter] = numbers(await readout.textContent());
  const secantAfter = secantSlope(await readout.textContent());
  assert.equal(hAfter, 0.001);
  assert.ok(Math.abs(secantAfter - slopeAfter) < 1e-3);
  const labels = (await chartData(page(), 'chart-tanh')).map(({ label }) => label);
  assert.ok(labels.includes('secant, h = 0.001'));
});

test('dragging on the chart moves the point', async () => {
  const section = await open('leaky_relu');
  const canvas = page().locator('#chart-leaky_relu');
  await canvas.scrollIntoViewIfNeeded();
  const area = await page().evaluate(() => {
    const { chart } = document.getElementById('chart-leaky_relu');
    const { left, right, top, bottom } = chart.chartArea;
    return { left, right, middle: (top + bottom) / 2, x: (value) => value, at: chart.scales.x.getPixelForValue(-3) };
  });
  const box = await canvas.boundingBox();
  await page().mouse.move(box.x + area.at, box.y + area.middle);
  await page().mouse.down();
  await page().mouse.move(box.x + area.at + 2, box.y + area.middle);
  await page().mouse.up();
  const [z0, value, slope] = numbers(await section.locator('.slope-readout').textContent());
  assert.ok(Math.abs(z0 - -3) < 0.1, `z0 = ${z0}`);
  assert.ok(Math.abs(value - 0.01 * z0) < 1e-6);
  assert.equal(slope, 0.01);
});

test('the typed activation has the explorer too, and reduced motion shrinks h at once', async () => {
  const view = await openPage(shared.site, { search: '?expr=abs(z)' });
  try {
    await view.page.emulateMedia({ reducedMotion: 'reduce' });
    const section = view.page.locator('#custom');
    await section.getByRole('button', { name: /slope at a point/ }).click();
    await section.getByRole('slider', { name: /point/ }).focus();
    for (let i = 0; i < 10; i += 1) await view.page.keyboard.press('ArrowLeft');
    assert.match(await section.locator('.slope-readout').textContent(), /kink: g\(z₀\) = 0, slope −1 from the left and 1 from the right/);
    await section.getByRole('checkbox', { name: 'show a secant' }).check();
    await section.getByRole('button', { name: 'Shrink h' }).click();
    assert.match(await section.locator('.slope-readout').textContent(), /Secant over h = 0\.001: slope 1\.$/);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});
