// The built page as a whole: a clean console, no outside requests, math and charts in every section,
// accessibility (axe-core) and a 360 px wide layout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chartData, openPage, startSite, yAt } from './harness.mjs';

const SECTIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];
const CHARTS = ['chart-sigmoid', 'chart-tanh', 'chart-relu', 'chart-leaky_relu', 'chart-leaky-variants',
  'chart-relu-vs-leaky'];

let site;
let view;
before(async () => {
  site = await startSite();
  view = await openPage(site);
  await view.page.waitForLoadState('networkidle');
});
after(async () => {
  await view?.close();
  await site?.close();
});

test('loads without console errors, console warnings or page errors', () => {
  const noisy = view.log.console.filter(({ type }) => type === 'error' || type === 'warning');
  assert.deepEqual(noisy, []);
  assert.deepEqual(view.log.errors, []);
});

test('requests nothing from any host but the local server', () => {
  assert.ok(view.log.requests.length > 0, 'the page made no requests at all');
  const outside = view.log.requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'data:' && hostname !== '127.0.0.1';
  });
  assert.deepEqual(outside, []);
});

test('every activation section renders its definition, derivation and notes with KaTeX', async () => {
  for (const id of SECTIONS) {
    const counts = await view.page.evaluate((sectionId) => {
      const section = document.getElementById(sectionId);
      return {
        definition: section.querySelectorAll('[data-slot="definition"] .katex').length,
        stepper: section.querySelectorAll('.stepper .katex').length,
        errors: section.querySelectorAll('.katex-error').length,
        title: section.querySelector('h2')?.textContent,
      };
    }, id);
    assert.ok(counts.definition > 0, `${id}: no rendered definition`);
    assert.ok(counts.stepper > 0, `${id}: no rendered step`);
    assert.equal(counts.errors, 0, `${id}: KaTeX could not parse some math`);
    assert.ok(counts.title, `${id}: no heading`);
  }
});

test('ReLU and Leaky ReLU state their kink; sigmoid and tanh have none', async () => {
  const kinks = await view.page.evaluate((ids) => ids.map((id) => [...document.querySelectorAll(
    `#${id} [data-slot="kinks"] annotation`)].map((node) => node.textContent).join(' ')), SECTIONS);
  assert.equal(kinks[0], '');
  assert.equal(kinks[1], '');
  assert.match(kinks[2], /g'_[-+{]/, 'ReLU kink shows one-sided derivatives');
  assert.match(kinks[3], /\\alpha/, 'Leaky ReLU kink mentions alpha');
});

test('every chart has finite data with labelled axes and an accessible name', async () => {
  for (const id of CHARTS) {
    const datasets = await chartData(view.page, id);
    assert.ok(datasets.length >= 2, `${id}: fewer than two datasets`);
    for (const { label, data } of datasets) {
      assert.ok(data.length > 100, `${id} ${label}: only ${data.length} points`);
      assert.ok(data.every(({ x, y }) => Number.isFinite(x) && Number.isFinite(y)), `${id} ${label}: non-finite`);
    }
    const meta = await view.page.evaluate((canvasId) => {
      const canvas = document.getElementById(canvasId);
      const { x, y } = canvas.chart.options.scales;
      return { role: canvas.getAttribute('role'), label: canvas.getAttribute('aria-label'), x: x.title.text, y: y.title.text };
    }, id);
    assert.deepEqual([meta.role, meta.x, meta.y], ['img', 'z', 'value'], id);
    assert.ok(meta.label?.length > 20, `${id}: no accessible description`);
  }
});

test('plots g solid and g\' dashed with the values the core computes at known points', async () => {
  const [g, dg] = await chartData(view.page, 'chart-sigmoid');
  assert.deepEqual([g.borderDash, dg.borderDash.length > 0], [[], true]);
  assert.equal(g.data[0].x, -6);
  assert.equal(g.data.at(-1).x, 6);
  assert.ok(Math.abs(yAt(g, 0) - 0.5) < 1e-15);
  assert.ok(Math.abs(yAt(dg, 0) - 0.25) < 1e-15);
  const [t, dt] = await chartData(view.page, 'chart-tanh');
  assert.ok(Math.abs(yAt(t, 1) - Math.tanh(1)) < 1e-15);
  assert.ok(Math.abs(yAt(dt, 0) - 1) < 1e-15);
  const [r, dr] = await chartData(view.page, 'chart-relu');
  assert.deepEqual([yAt(r, -2), yAt(r, 3), yAt(dr, -2), yAt(dr, 0), yAt(dr, 3)], [0, 3, 0, 0, 1]);
  const [l, dl] = await chartData(view.page, 'chart-leaky_relu');
  assert.ok(Math.abs(yAt(l, -5) - -0.05) < 1e-15);
  assert.deepEqual([yAt(l, 2), yAt(dl, -5), yAt(dl, 0), yAt(dl, 2)], [2, 0.01, 0.01, 1]);
});

test('the tooltip shows z, g(z) and g\'(z) for the point under the pointer', async () => {
  const canvas = view.page.locator('#chart-sigmoid');
  await canvas.scrollIntoViewIfNeeded();
  const point = await view.page.evaluate(() => {
    const { chart } = document.getElementById('chart-sigmoid');
    const { x, y } = chart.getDatasetMeta(0).data[240];
    return { x, y };
  });
  await canvas.hover({ position: point });
  const tooltip = await view.page.evaluate(() => {
    const { tooltip } = document.getElementById('chart-sigmoid').chart;
    return {
      title: tooltip.title,
      body: tooltip.body.map(({ lines }) => lines.join(' ')),
      indices: tooltip.dataPoints.map(({ dataIndex }) => dataIndex),
    };
  });
  const [g, dg] = await chartData(view.page, 'chart-sigmoid');
  const index = tooltip.indices[0];
  assert.deepEqual(tooltip.indices, [index, index]);
  assert.ok(Math.abs(index - 240) <= 1, `tooltip at point ${index}, pointer at point 240`);
  const shown = (text) => Number(text.split(': ').at(-1).replace('\u2212', '-'));
  assert.match(tooltip.title[0], /^z = \u2212?0(\.\d+)?$/);
  assert.ok(Math.abs(shown(tooltip.title[0].replace('z = ', 'z: ')) - g.data[index].x) < 1e-12);
  assert.match(tooltip.body[0], /^g\(z\): 0\.\d+$/);
  assert.match(tooltip.body[1], /^g\u2032\(z\): 0\.\d+$/);
  assert.ok(Math.abs(shown(tooltip.body[0]) - g.data[index].y) < 1e-6);
  assert.ok(Math.abs(shown(tooltip.body[1]) - dg.data[index].y) < 1e-6);
});

test('axe-core finds no accessibility violations, with every derivation step listed too', async () => {
  const checked = await openPage(site, { bypassCSP: true });
  try {
    assert.deepEqual(await axeViolations(checked.page), []);
    for (const toggle of await checked.page.locator('[data-action="all"]').all()) await toggle.click();
    assert.deepEqual(await axeViolations(checked.page), []);
  } finally {
    await checked.close();
  }
});

test('at 360 px wide nothing scrolls sideways, and axe still passes', async () => {
  const narrow = await openPage(site, { width: 360, height: 740, bypassCSP: true });
  try {
    const widths = await narrow.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px window`);
    assert.deepEqual(await axeViolations(narrow.page), []);
    assert.deepEqual(narrow.log.errors, []);
  } finally {
    await narrow.close();
  }
});

test("the derivative's jump at a kink is left undrawn, not joined by a steep line", async () => {
  const { page, close } = await openPage(site);
  try {
    // Pixels of the g' series' colour in canvas columns, between the heights of the values lo and hi:
    // a steep line across ReLU's jump from 0 to 1 (between z = 0 and z = 0.025) would show in the
    // columns around it, its stroke included; g' itself shows at height 1 for z > 0.
    const counts = await page.evaluate(() => {
      const canvas = document.getElementById('chart-relu');
      const { chart } = canvas;
      const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      probe.fillStyle = chart.data.datasets[1].borderColor;
      probe.fillRect(0, 0, 1, 1);
      const colour = probe.getImageData(0, 0, 1, 1).data;
      const ratio = canvas.width / chart.width;
      const context = canvas.getContext('2d');
      // Columns from the pixel of z0 to that of z1 (one column when z1 is not given).
      const count = (z0, lo, hi, z1 = z0) => {
        const x = Math.floor(chart.scales.x.getPixelForValue(z0) * ratio);
        const columns = Math.ceil(chart.scales.x.getPixelForValue(z1) * ratio) - x + 1;
        const top = Math.round(chart.scales.y.getPixelForValue(hi) * ratio);
        const bottom = Math.round(chart.scales.y.getPixelForValue(lo) * ratio);
        const { data } = context.getImageData(x, top, columns, bottom - top + 1);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const distance = Math.hypot(data[i] - colour[0], data[i + 1] - colour[1], data[i + 2] - colour[2]);
          if (data[i + 3] > 0 && distance < 60) n += 1;
        }
        return n;
      };
      // Every column the steep line's stroke would touch, from z = 0 to just past z = 0.025.
      return { jump: count(-0.01, 0.2, 0.8, 0.04), derivative: count(1.0125, 0.95, 1.05) };
    });
    assert.equal(counts.jump, 0, "g' is drawn across its jump at z = 0");
    assert.ok(counts.derivative > 0, "g' at height 1 right of the kink was not found: the check sees nothing");
  } finally {
    await close();
  }
});

test('a focus outline at the edge of a section shows, though far sections are not drawn', async () => {
  // Sections clip what they paint to their box (content-visibility: auto) widened by a clip margin:
  // the outline of the focused "Data table" summary, flush with the section's left edge, must show
  // in the 5 px left of the section, in the focus colour.
  const { page, close } = await openPage(site, { bypassCSP: true });
  try {
    const summary = page.locator('#sigmoid details.data-table summary').first();
    await summary.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const { left, top, height, focus } = await summary.evaluate(async (element) => {
      // Sections brought into view are laid out at their real height in the next frames, which can
      // move the summary after it was scrolled to: scroll again until it stays in view.
      let box;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        element.scrollIntoView({ block: 'center', behavior: 'instant' });
        for (let frame = 0; frame < 3; frame += 1) await new Promise(requestAnimationFrame);
        box = element.getBoundingClientRect();
        if (box.top >= 0 && box.bottom <= innerHeight) break;
      }
      const section = element.closest('section').getBoundingClientRect();
      return { left: section.left, top: box.top, height: box.height, focus: getComputedStyle(element).outlineColor };
    });
    assert.ok(focus, 'the summary has no outline colour');
    const png = await page.screenshot({ clip: { x: left - 5, y: top, width: 5, height } });
    const found = await page.evaluate(async ({ data, colour }) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
      const context = new OffscreenCanvas(image.width, image.height).getContext('2d');
      context.drawImage(image, 0, 0);
      const probe = new OffscreenCanvas(1, 1).getContext('2d');
      probe.fillStyle = colour;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
      let n = 0;
      const seen = new Set();
      for (let i = 0; i < pixels.length; i += 4) {
        seen.add(`${pixels[i]},${pixels[i + 1]},${pixels[i + 2]}`);
        if (Math.hypot(pixels[i] - r, pixels[i + 1] - g, pixels[i + 2] - b) < 40) n += 1;
      }
      return { n, seen: [...seen].slice(0, 8), size: [image.width, image.height] };
    }, { data: png.toString('base64'), colour: focus });
    assert.ok(found.n > 0, `no focus outline left of the section: clipped by it (${JSON.stringify(found)}, ${focus}, ${left}, ${top}, ${height})`);
  } finally {
    await close();
  }
});
