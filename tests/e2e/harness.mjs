// Shared setup of the end-to-end tests: serve the BUILT dist/ and drive Debian's Chromium headless.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Starts the server and the browser; `close()` stops both and removes the browser's temporary files.
export async function startSite() {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is not built: run `npm run build` first');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  const server = serve({ root: DIST, port: 0 });
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

// Opens the page (with the query string `search`, e.g. "?expr=z") in a fresh context and records
// console messages, page errors and requests. Resolves once every chart that is not hidden has data.
// `bypassCSP` lets page.addScriptTag inject axe-core.
export async function openPage(site, { width = 1280, height = 900, bypassCSP = false, search = '' } = {}) {
  const context = await site.browser.newContext({ viewport: { width, height }, bypassCSP });
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [] };
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('request', (request) => log.requests.push(request.url()));
  await page.goto(new URL(search, site.url).href, { waitUntil: 'load' });
  await skim(page);
  await page.waitForFunction(() => [...document.querySelectorAll('canvas')]
    .filter((canvas) => !canvas.closest('[hidden], [data-deferred]'))
    .every((canvas) => canvas.chart?.data.datasets.length > 0));
  return { page, log, close: () => context.close() };
}

// Scrolls part `id` into view, as a reader would, and resolves once it is set up: a page opened by a link
// sets up the other parts only as the reader nears them. The wheel first: a link holds its part in view
// until the reader moves. A wheel turned before the page listens for it does not count, so the part is
// scrolled to again at each poll until it is set up (on a loaded machine the hold brought the link's
// part back and the test waited at the wrong place).
export async function reachPart(page, id) {
  await page.mouse.wheel(0, 1);
  await page.waitForFunction((name) => {
    const part = document.getElementById(name);
    if (part.closest('[data-deferred], [data-pending]') === null) return true;
    part.scrollIntoView({ behavior: 'instant' });
    return false;
  }, id, { polling: 200 });
}

// The hosted page loads its interactive parts as the reader nears them (web/js/boot/main.js, page.js):
// scrolls like a reader skimming to the first plot and then to each part (and catalogue entry) still
// pending, until each has loaded, and back to where the page was. Tests then see the whole page working. A link to a
// part is left where it opened, with the parts far from it still pending.
export async function skim(page) {
  await page.evaluate(async () => {
    const settle = (done) => new Promise((resolve, reject) => {
      const started = performance.now();
      const poll = () => {
        if (done()) resolve();
        else if (performance.now() - started > 20_000) reject(new Error('a part of the page never loaded'));
        else setTimeout(poll, 20);
      };
      poll();
    });
    const query = new URLSearchParams(window.location.search);
    // The part a link names is set up (some have no chart), or the page's first chart is drawn.
    const linkedReady = () => {
      const linked = document.getElementById(query.get('fn') ?? query.get('section') ?? '');
      return linked !== null && linked.closest('[data-deferred], [data-pending]') === null;
    };
    const charted = () => performance.getEntriesByName('first-chart').length > 0 || linkedReady()
      || document.querySelector('.load-error:not(:empty), .embed-notice') !== null;
    // Settles at once in the single file and for links that open the page at a part.
    await new Promise((resolve) => { setTimeout(resolve, 50); });
    // A link to a part (fn=, section=, embed=1) loads at once and must stay where it opened.
    if (['fn', 'section', 'embed'].some((key) => query.has(key))) {
      await settle(charted);
      return;
    }
    const start = window.scrollY;
    // Instant scrolls, repeated while waiting: the page scrolls smoothly by default, and the
    // catalogue's entries grow as they are built, moving what lies below them.
    const reach = (element) => element.scrollIntoView({ behavior: 'instant' });
    if (!charted()) {
      await settle(() => {
        reach(document.getElementById('sigmoid'));
        return charted();
      });
    }
    // Each part and catalogue entry is set up as it nears the viewport (the catalogue is deferred until
    // its entries are in).
    const pending = () => [...document.querySelectorAll('[data-deferred], .catalogue-entry[data-pending]')]
      .find((part) => part.offsetParent !== null);
    for (let part = pending(); part; part = pending()) {
      await settle(() => {
        reach(part);
        return !part.hasAttribute('data-deferred') && !part.hasAttribute('data-pending');
      });
    }
    window.scrollTo({ top: start, behavior: 'instant' });
  });
}

// The visible text of <main>, but for the floating-point lesson (whose prose is about NaN) and the
// marked copy of a refused expression (the reader's own text, shown back with the error marked):
// where the hostile-input tests look for NaN or undefined on screen.
export function visibleText(page) {
  return page.evaluate(() => {
    const parts = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const { parentElement } = walker.currentNode;
      if (parentElement.closest('#floating-point, .expression-echo') || parentElement.offsetParent === null) continue;
      parts.push(walker.currentNode.textContent);
    }
    return parts.join('\n');
  });
}

// axe-core's violations on the page, as "rule: selectors" lines (the page must be opened with bypassCSP).
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => (await window.axe.run()).violations
    .map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`));
}

// Opens `search` at 360 x 800 in the light and then the dark theme; after `prepare(view)` (which
// waits for the part under test and puts it in the state to check), axe-core must find nothing,
// nothing may scroll sideways and the page must have thrown nothing.
export async function assertNarrowAndAccessible(site, search, prepare) {
  for (const scheme of ['light', 'dark']) {
    const view = await openPage(site, { search, width: 360, height: 800, bypassCSP: true });
    try {
      await view.page.emulateMedia({ colorScheme: scheme });
      await prepare(view);
      assert.deepEqual(await axeViolations(view.page), [], scheme);
      const width = await view.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${scheme}: ${width} px wide`);
      assert.deepEqual(view.log.errors, [], scheme);
    } finally {
      await view.close();
    }
  }
}

// The datasets of the chart on canvas #id, as plain {label, borderDash, data: [{x, y}]}.
export function chartData(page, id) {
  return page.evaluate((canvasId) => document.getElementById(canvasId).chart.data.datasets.map(
    ({ label, borderDash, data }) => ({ label, borderDash, data: data.map(({ x, y }) => ({ x, y })) })), id);
}

// The y of the point of `dataset` at z (the grid point within 1e-9 of it).
export function yAt(dataset, z) {
  const point = dataset.data.find(({ x }) => Math.abs(x - z) < 1e-9);
  if (!point) throw new Error(`no point at z = ${z} in ${dataset.label}`);
  return point.y;
}

// One site and one page shared by the tests of a file: `shared.view` is set before the first test.
export function sharedPage(options) {
  const shared = {};
  before(async () => {
    shared.site = await startSite();
    shared.view = await openPage(shared.site, options);
  });
  after(async () => {
    await shared.view?.close();
    await shared.site?.close();
  });
  return shared;
}
