// The still previews of the sections' plots (scripts/static-plots.mjs): in the built HTML before any
// script runs, named as the chart is and with the chart's axes; shown without JavaScript, on paper and
// at 360 px, without axe violations in either scheme; gone once the chart draws, and dropped at once
// when the link sets that section's parameters. A link brings its section's preview into view before
// the core has loaded; to a catalogue entry, in a stand-in the catalogue then adopts as the entry. The
// depth lab's plot has one at the lab's defaults, which ?embed=1&section=labs shows on the first screen
// at desktop and phone sizes and which a link setting the lab's plotted settings (depth.L) drops.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AXE, DIST, openPage, reachPart, startSite } from './harness.mjs';

const PLOTS = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// The preview the built page holds for each plot: {id: {label, params, yTicks}}, read from its HTML.
function builtPreviews() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  return Object.fromEntries(PLOTS.map((id) => {
    const found = new RegExp(`<div class="static-plot" role="img" aria-label="([^"]+)"( data-params="([^"]+)")?>(.*?)<canvas id="chart-${id}">`).exec(html);
    assert.ok(found, `no preview before #chart-${id}`);
    const yTicks = [...found[4].matchAll(/class="static-tick-y"[^>]*>([^<]*)</g)].map(([, label]) => label);
    return [id, { label: found[1], params: found[3] ?? null, yTicks }];
  }));
}

// A page of the site in a fresh context whose core never arrives (its .wasm is refused), so the charts
// never draw and the previews stay as the HTML and web/js/boot/previews.js leave them.
async function openWithoutCharts(search, options = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.route('**/*.wasm', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL(search, site.url).href, { waitUntil: 'load' });
  return { page, close: () => context.close() };
}

// The ids of the sections whose chart box holds a preview.
const previewedSections = (page) => page.evaluate(() => [...document.querySelectorAll('.chart-box > .static-plot')]
  .map((preview) => preview.closest('section[id]').id));

test('the built page has a preview before each tutorial plot, named and with axes as the chart', async () => {
  const previews = builtPreviews();
  assert.equal(previews.leaky_relu.params, 'alpha');
  assert.equal(previews.sigmoid.params, null);
  // The whole page, each part set up as openPage skims past it (a link would set up its part alone).
  const view = await openPage(site);
  try {
    for (const id of PLOTS) {
      const chart = await view.page.evaluate((canvasId) => {
        const canvas = document.getElementById(canvasId);
        return { label: canvas.getAttribute('aria-label'), yTicks: canvas.chart.scales.y.ticks.map(({ label }) => label) };
      }, `chart-${id}`);
      assert.equal(previews[id].label, chart.label, id);
      assert.deepEqual(previews[id].yTicks, chart.yTicks, id);
    }
  } finally {
    await view.close();
  }
});

// Runs in the page before its scripts: window.removedPreviews lists the sections whose preview the
// page removed, in order.
function recordRemovedPreviews() {
  window.removedPreviews = [];
  const remove = Element.prototype.remove;
  Element.prototype.remove = function removeAndRecord() {
    if (this.classList.contains('static-plot')) window.removedPreviews.push(this.closest('section[id]').id);
    return remove.call(this);
  };
}

test('each preview goes once its chart has drawn', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordRemovedPreviews);
    await page.goto(new URL('?fn=sigmoid', site.url).href);
    // The linked section's chart draws at once, the others as the reader comes to them.
    for (const id of PLOTS) await reachPart(page, id);
    await page.waitForFunction((ids) => ids.every((id) => document.getElementById(`chart-${id}`).chart?.data.datasets.length > 0), PLOTS);
    // The labs' preview stays until the reader reaches them (below).
    assert.deepEqual((await previewedSections(page)).filter((id) => PLOTS.includes(id)), []);
    assert.deepEqual((await page.evaluate(() => window.removedPreviews)).filter((id) => PLOTS.includes(id)).sort(), [...PLOTS].sort());
  } finally {
    await context.close();
  }
});

test('a link that sets a section\'s parameters drops that section\'s preview only', async () => {
  for (const [search, expected] of [
    ['?fn=leaky_relu&alpha=0.3', ['sigmoid', 'tanh', 'relu']],
    ['?fn=leaky_relu&alpha=nonsense', ['sigmoid', 'tanh', 'relu']],
    ['?fn=leaky_relu&step=2', PLOTS],
    ['?fn=sigmoid&alpha=0.3', PLOTS],
  ]) {
    const view = await openWithoutCharts(search);
    try {
      // The depth lab's preview reads none of a section's keys.
      assert.deepEqual(await previewedSections(view.page), [...expected, 'depth-lab'], search);
    } finally {
      await view.close();
    }
  }
});

// The page without JavaScript at 360 px, on screen and on paper: run(page, media) for each.
async function withoutJavaScript(run) {
  const context = await site.browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    for (const media of ['screen', 'print']) {
      await page.emulateMedia({ media });
      await run(page, media);
    }
  } finally {
    await context.close();
  }
}

// The preview in the box of chart `chartId` is shown, draws `lines` series and fills the box.
async function assertPreviewFills(page, chartId, lines, label) {
  const box = page.locator(`.chart-box:has(> #${chartId})`);
  const preview = box.locator('.static-plot');
  await preview.scrollIntoViewIfNeeded();
  assert.ok(await preview.isVisible(), label);
  assert.equal(await preview.locator('path[class^="static-series"]').count(), lines, label);
  const [outer, inner] = [await box.boundingBox(), await preview.boundingBox()];
  assert.ok(inner.height > 200, `${label} is ${inner.height} px high`);
  // To a pixel: the two boxes are read one after the other, and print layout places them at
  // fractions of a pixel.
  for (const key of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(inner[key] - outer[key]) < 1, `${label} fills its chart's box (${key}: ${inner[key]} against ${outer[key]})`);
  }
}

test('without JavaScript each preview shows its curves in the chart\'s box, also on paper', async () => {
  await withoutJavaScript(async (page, media) => {
    for (const id of PLOTS) await assertPreviewFills(page, `chart-${id}`, 2, `${media}: ${id}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${media}: ${width} px wide`);
  });
});

test('the previews have no axe violations at 360 px, light and dark, and do not widen the page', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const view = await openWithoutCharts('', { viewport: { width: 360, height: 800 }, bypassCSP: true, colorScheme });
    try {
      const { page } = view;
      assert.deepEqual(await previewedSections(page), [...PLOTS, 'depth-lab'], colorScheme);
      await page.addScriptTag({ path: AXE });
      for (const id of PLOTS) {
        await page.locator(`#chart-${id}`).scrollIntoViewIfNeeded();
        const violations = await page.evaluate(async (selector) => (await window.axe.run(selector)).violations
          .map(({ id: rule, nodes }) => `${rule}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`), `#${id} figure`);
        assert.deepEqual(violations, [], `${colorScheme}: ${id}`);
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${colorScheme}: ${width} px wide`);
    } finally {
      await view.close();
    }
  }
});

// Whether the chart box of the first figure in `selector` reaches into the viewport (waiting up to 5 s
// for it: main.js runs once its imports have arrived), and its preview's aria-label.
async function firstFigure(page, selector) {
  const inView = (chosen) => {
    const { top, bottom } = document.querySelector(chosen).querySelector('figure .chart-box').getBoundingClientRect();
    return top < window.innerHeight && bottom > 0;
  };
  await page.waitForFunction(inView, selector, { timeout: 5000 }).catch(() => {});
  return {
    inView: await page.evaluate(inView, selector),
    label: await page.evaluate((chosen) => document.querySelector(`${chosen} figure .chart-box > .static-plot`)
      ?.getAttribute('aria-label') ?? null, selector),
  };
}

test('a link to a tutorial section shows its preview in view before the core loads', async () => {
  const previews = builtPreviews();
  for (const id of PLOTS) {
    const view = await openWithoutCharts(`?fn=${id}`);
    try {
      assert.deepEqual(await firstFigure(view.page, `#${id}`), { inView: true, label: previews[id].label }, id);
    } finally {
      await view.close();
    }
  }
});

test('a link to a catalogue entry shows its preview in view before the core loads, in the entry the catalogue adopts', async () => {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const templates = [...html.matchAll(/<template id="static-plot-([\w-]+)" data-name="[^"]+">/g)].map(([, id]) => id);
  assert.ok(templates.includes('gelu') && !templates.some((id) => PLOTS.includes(id)), templates.join(' '));
  const label = /<template id="static-plot-gelu"[^>]*><div class="static-plot" role="img" aria-label="([^"]+)"/.exec(html)[1];

  const waiting = await openWithoutCharts('?fn=gelu');
  try {
    const { page } = waiting;
    const entry = await page.evaluate(() => {
      const gelu = document.querySelector('[data-preview-of="gelu"]');
      return { id: gelu.id, title: gelu.querySelector('h3').textContent, inSlot: gelu.parentElement.matches('[data-slot="entries"]'),
        lines: gelu.querySelectorAll('.static-plot path[class^="static-series"]').length };
    });
    assert.deepEqual(entry, { id: '', title: 'GELU', inSlot: true, lines: 2 });
    assert.deepEqual(await firstFigure(page, '[data-preview-of="gelu"]'), { inView: true, label });
  } finally {
    await waiting.close();
  }

  const view = await openPage(site, { search: '?fn=gelu' });
  try {
    await view.page.waitForFunction(() => document.getElementById('chart-gelu')?.chart?.data.datasets.length > 0);
    const built = await view.page.evaluate(() => ({
      entries: [...document.querySelectorAll('[data-slot="entries"] > section')].map(({ id }) => id),
      standIns: document.querySelectorAll('[data-preview-of]').length,
      preview: document.querySelector('#gelu .static-plot') !== null,
      label: document.getElementById('chart-gelu').getAttribute('aria-label'),
    }));
    assert.deepEqual(built, { entries: templates, standIns: 0, preview: false, label });
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

// The depth lab's preview in the built HTML: {label, settings, yTicks, xTicks, legend, lines}.
function builtDepthPreview() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const found = /<div class="static-plot" role="img" aria-label="([^"]+)" data-settings="([^"]+)">(.*?)<canvas id="chart-depth">/.exec(html);
  assert.ok(found, 'no preview before #chart-depth');
  const labels = (name) => [...found[3].matchAll(new RegExp(`class="${name}"[^>]*>([^<]*)<`, 'g'))].map(([, label]) => label);
  return {
    label: found[1],
    settings: found[2].split(' '),
    yTicks: labels('static-tick-y'),
    xTicks: labels('static-tick-x'),
    legend: [...found[3].matchAll(/<\/svg>([^<]*)<\/span>/g)].map(([, label]) => label),
    lines: [...found[3].matchAll(/<path class="static-series-/g)].length,
  };
}

// A page whose core never arrives (its .wasm is asked for and never answered): the charts never draw,
// and nothing says the core failed, so the page looks as it does while the core is on its way.
async function openWaitingForCore(search, viewport) {
  const context = await site.browser.newContext({ viewport });
  await context.route('**/*.wasm', () => {});
  const page = await context.newPage();
  await page.goto(new URL(search, site.url).href, { waitUntil: 'domcontentloaded' });
  return { page, close: () => context.close() };
}

// Where the depth lab's chart box and its preview's first series lie, in the viewport's terms.
const depthFigure = (page) => page.evaluate(() => {
  const box = document.querySelector('#labs figure .chart-box');
  const { top, bottom, left, right } = box.getBoundingClientRect();
  const path = box.querySelector('.static-plot path[class^="static-series"]')?.getBoundingClientRect();
  return {
    box: { top, bottom, left, right },
    path: path ? { top: path.top, bottom: path.bottom } : null,
    height: window.innerHeight,
    width: window.innerWidth,
    drawn: box.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }),
  };
});

const EMBEDDED_LABS = '?embed=1&section=labs';
const SCREENS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

test('the depth lab\'s plot has a preview at the lab\'s defaults, named and with axes and legend as the chart', async () => {
  const preview = builtDepthPreview();
  assert.deepEqual(preview.settings, ['depth.fn', 'depth.L', 'depth.mu', 'depth.sd', 'depth.leaky_relu.alpha']);
  const view = await openPage(site, { search: EMBEDDED_LABS });
  try {
    // openPage waits for the charts of the parts set up; the labs may still be waiting their turn.
    await view.page.waitForFunction(() => document.getElementById('chart-depth').chart?.data.datasets.length > 0);
    const chart = await view.page.evaluate(() => {
      const canvas = document.getElementById('chart-depth');
      const { chart: drawn } = canvas;
      return {
        label: canvas.getAttribute('aria-label'),
        yTicks: drawn.scales.y.ticks.map(({ label }) => label),
        xTicks: drawn.scales.x.ticks.map(({ label }) => label),
        legend: drawn.legend.legendItems.map(({ text }) => text),
        // A dataset drawn with dots is one more path in the preview.
        lines: drawn.data.datasets.length + drawn.data.datasets.filter(({ pointRadius }) => pointRadius > 0).length,
      };
    });
    assert.equal(preview.label, chart.label);
    assert.deepEqual(preview.yTicks, chart.yTicks);
    // The chart's x ticks at 1280 px wide: the preview keeps those at any width.
    assert.deepEqual(preview.xTicks, chart.xTicks);
    assert.deepEqual(preview.legend, chart.legend);
    assert.equal(preview.lines, chart.lines);
  } finally {
    await view.close();
  }
});

test('?embed=1&section=labs shows the depth plot\'s preview on the first screen, desktop and phone, and the chart in the same box', async () => {
  for (const [name, viewport] of Object.entries(SCREENS)) {
    const waiting = await openWaitingForCore(EMBEDDED_LABS, viewport);
    let before;
    try {
      await waiting.page.waitForFunction(() => document.querySelector('#labs .chart-box > .static-plot')
        ?.checkVisibility({ contentVisibilityAuto: true }));
      before = await depthFigure(waiting.page);
      assert.ok(before.drawn, name);
      assert.ok(before.path, `${name}: a series' path in the preview`);
      // The whole chart box on the first screen, and the series within it.
      assert.ok(before.box.top >= 0 && before.box.bottom <= before.height, `${name}: box ${JSON.stringify(before.box)} in ${before.height} px`);
      assert.ok(before.path.top >= before.box.top && before.path.bottom <= before.box.bottom, `${name}: ${JSON.stringify(before)}`);
      assert.ok(before.box.left >= 0 && before.box.right <= before.width, `${name}: ${JSON.stringify(before.box)}`);
    } finally {
      await waiting.close();
    }
    const context = await site.browser.newContext({ viewport });
    try {
      const page = await context.newPage();
      await page.addInitScript(recordRemovedPreviews);
      await page.goto(new URL(EMBEDDED_LABS, site.url).href);
      await page.waitForFunction(() => document.getElementById('chart-depth').chart?.data.datasets.length > 0);
      await page.waitForFunction(() => document.querySelector('#depth-lab .static-plot') === null);
      assert.deepEqual(await page.evaluate(() => window.removedPreviews), ['depth-lab'], name);
      const after = await depthFigure(page);
      // The chart takes the preview's place: the box does not move or change size.
      for (const key of ['top', 'bottom', 'left', 'right']) {
        assert.ok(Math.abs(after.box[key] - before.box[key]) < 1, `${name}: ${key} ${before.box[key]} then ${after.box[key]}`);
      }
    } finally {
      await context.close();
    }
  }
});

test('a link that sets the depth lab\'s plotted settings drops its preview at once; other settings keep it', async () => {
  for (const [search, kept] of [
    [`${EMBEDDED_LABS}&depth.L=5`, false],
    [`${EMBEDDED_LABS}&depth.fn=tanh`, false],
    [`${EMBEDDED_LABS}&depth.mu=nonsense`, false],
    ['?depth.leaky_relu.alpha=0.3', false],
    [`${EMBEDDED_LABS}&depth.elu.alpha=0.3`, true],
    ['?fn=leaky_relu&alpha=0.3', true],
    [`${EMBEDDED_LABS}&train.lr=0.5`, true],
  ]) {
    const view = await openWithoutCharts(search);
    try {
      assert.equal((await previewedSections(view.page)).includes('depth-lab'), kept, search);
    } finally {
      await view.close();
    }
  }
});

test('the depth lab\'s preview shows without JavaScript and on paper, and has no axe violations, light and dark', async () => {
  await withoutJavaScript((page, media) => assertPreviewFills(page, 'chart-depth', builtDepthPreview().lines, `${media}: depth`));
  for (const colorScheme of ['light', 'dark']) {
    for (const [name, viewport] of Object.entries(SCREENS)) {
      const view = await openWithoutCharts(EMBEDDED_LABS, { viewport, bypassCSP: true, colorScheme });
      try {
        const { page } = view;
        assert.ok((await previewedSections(page)).includes('depth-lab'));
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => (await window.axe.run('#depth-lab figure')).violations
          .map(({ id: rule, nodes }) => `${rule}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`));
        assert.deepEqual(violations, [], `${colorScheme}, ${name}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= viewport.width, `${colorScheme}, ${name}: ${width} px wide`);
      } finally {
        await view.close();
      }
    }
  }
});
