// The single-file page (dist/activation-derivations.html) opened from disk with the network cut off:
// it stays under its size budget, runs under its own CSP with a clean console, and the core, KaTeX,
// the charts and the custom-expression section all work from what the file carries.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, chartData, startSite, yAt } from './harness.mjs';

const FILE = path.join(DIST, 'activation-derivations.html');
const BUDGET = 1.5 * 1024 * 1024;

let site;
let context;
let page;
const log = { console: [], errors: [], requests: [], blocked: [] };

before(async () => {
  site = await startSite();
  context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => {
    const { protocol } = new URL(route.request().url());
    if (protocol === 'file:' || protocol === 'data:') return route.continue();
    log.blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  page = await context.newPage();
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('request', (request) => log.requests.push(request.url()));
  await page.goto(pathToFileURL(FILE).href, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0
    && [...document.querySelectorAll('canvas')].filter((canvas) => !canvas.closest('[hidden]'))
      .every((canvas) => canvas.chart?.data.datasets.length > 0));
});
after(async () => {
  await context?.close();
  await site?.close();
});

test(`the single file stays within its budget of ${BUDGET} bytes`, () => {
  const { size } = statSync(FILE);
  assert.ok(size <= BUDGET, `${FILE} is ${size} bytes`);
});

test('it carries everything: no script module, stylesheet link or request beyond the file itself', async () => {
  const external = await page.evaluate(() => ({
    modules: document.querySelectorAll('script[type="module"], script[src]').length,
    stylesheets: document.querySelectorAll('link[rel="stylesheet"]').length,
  }));
  assert.deepEqual(external, { modules: 0, stylesheets: 0 });
  assert.deepEqual(log.blocked, []);
  const others = log.requests.filter((url) => url !== page.url() && !url.startsWith('data:'));
  assert.deepEqual(others, []);
});

test('loads from file:// under its CSP without console errors, warnings or page errors', () => {
  const noisy = log.console.filter(({ type }) => type === 'error' || type === 'warning');
  assert.deepEqual(noisy, []);
  assert.deepEqual(log.errors, []);
  assert.ok(page.url().startsWith('file://'));
});

test('KaTeX renders and the sigmoid chart comes from the core: g(0) = 0.5', async () => {
  const math = await page.evaluate(() => ({
    katex: document.querySelectorAll('#sigmoid .katex').length,
    errors: document.querySelectorAll('.katex-error').length,
    banner: document.querySelector('[data-slot="load-error"]').hidden,
  }));
  assert.ok(math.katex > 0, 'no rendered math in #sigmoid');
  assert.equal(math.errors, 0);
  assert.equal(math.banner, true, 'the load-error banner is showing');
  const [g] = await chartData(page, 'chart-sigmoid');
  assert.equal(yAt(g, 0), 0.5);
});

test('the custom expression section derives and plots what is typed', async () => {
  const derivative = () => page.evaluate(
    () => document.querySelector('#custom [data-slot="derivative"] annotation')?.textContent ?? '');
  const before = await derivative();
  await page.locator('#custom-expr').fill('z*tanh(z)');
  await page.waitForFunction((previous) => {
    const shown = document.querySelector('#custom [data-slot="derivative"] annotation')?.textContent ?? '';
    return shown !== previous && shown.startsWith("g'(z) = ")
      && !document.getElementById('custom-expr').hasAttribute('aria-invalid');
  }, before);
  assert.match(await derivative(), /tanh/);
  await page.waitForFunction(() => document.getElementById('chart-custom').chart.data.datasets.length >= 2);
  const [g, dg] = await chartData(page, 'chart-custom');
  const t = Math.tanh(1);
  assert.ok(Math.abs(yAt(g, 1) - t) < 1e-12, `g(1) = ${yAt(g, 1)}`);
  assert.ok(Math.abs(yAt(dg, 1) - (t + (1 - t * t))) < 1e-12, `g'(1) = ${yAt(dg, 1)}`);
  assert.deepEqual(log.errors, []);
});

test('every KaTeX font face the page uses is inlined, and all of them load', async () => {
  await page.evaluate(() => document.fonts.ready);
  const { missing, failed } = await page.evaluate(() => {
    const faces = [...document.fonts];
    const used = new Set([...document.querySelectorAll('.katex-html, .katex-html *')].map((node) => {
      const style = getComputedStyle(node);
      return `${style.fontFamily.split(',')[0].trim()}|${style.fontWeight}|${style.fontStyle}`;
    }).filter((key) => key.startsWith('KaTeX_')));
    return {
      missing: [...used].filter((key) => {
        const [family, weight, style] = key.split('|');
        return !faces.some((face) => face.family === family && face.weight === weight && face.style === style);
      }),
      failed: faces.filter((face) => face.status === 'error').map((face) => face.family),
    };
  });
  assert.deepEqual(missing, []);
  assert.deepEqual(failed, []);
});
