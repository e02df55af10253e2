// The hosted page as served by scripts/serve.mjs from the BUILT dist/, in fresh Chromium contexts
// (cold cache each time). Prints JSON with:
// - firstChartMs: navigation to the 'first-chart' performance mark, median of 5, for a link that opens
//   the page at the first plot (?fn=sigmoid): the page itself starts at prose and typeset math and
//   loads the plots when the reader nears them, so it draws no chart until then;
// - firstView: what the page transfers (bytes on the wire: gzip where the server compresses) before
//   any scroll, until the network has been idle for 1 s, at a desktop and a phone viewport; the budget
//   is 250 KB. The service worker's background caching after load is reported apart (serviceWorker);
// - deepLink: the same for ?fn=sigmoid, which needs the core and the plots at once;
// - wholePage: everything, after scrolling to the bottom step by step;
// - dist: the size of dist/ (raw and gzip).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, withServedPage } from './browser.mjs';
import { recordResults } from './results.mjs';

const RUNS = 5;
const BUDGET_BYTES = 250 * 1024;  // first view, on the wire
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

function distSize() {
  const files = readdirSync(DIST, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(file.parentPath ?? file.path, file.name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: files.length, rawBytes: raw, gzipBytes: gzip };
}

// Opens `url` in a fresh context; `then(page)` runs before the count closes. Returns the responses'
// bodies as sent (Content-Length, which scripts/serve.mjs always sets), the page's and the service
// worker's apart, and the 'first-chart' mark if there is one.
async function visit(browser, url, viewport, then = async () => {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const pageResponses = [];
  const workerResponses = [];
  context.on('response', (response) => {
    const bytes = Number(response.headers()['content-length'] ?? 0);
    const entry = [new URL(response.url()).pathname.replace(/^.*\//, '') || '/', bytes];
    (response.request().serviceWorker() ? workerResponses : pageResponses).push(entry);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await then(page);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const firstChartMs = await page.evaluate(() => performance.getEntriesByName('first-chart')[0]?.startTime ?? null);
  await context.close();
  const sum = (list) => list.reduce((total, [, bytes]) => total + bytes, 0);
  return {
    firstChartMs,
    bytes: sum(pageResponses),
    requests: pageResponses.length,
    responses: Object.fromEntries(pageResponses),
    serviceWorker: { bytes: sum(workerResponses), requests: workerResponses.length },
  };
}

async function scrollToBottom(page) {
  for (let i = 0; i < 200; i += 1) {
    const more = await page.evaluate(() => {
      window.scrollBy({ top: window.innerHeight, behavior: 'instant' });
      return window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1;
    });
    await page.waitForTimeout(100);
    if (!more) break;
  }
}

await withServedPage(async ({ browser, url }) => {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const run = await visit(browser, `${url}?fn=sigmoid`, DESKTOP,
      (page) => page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0));
    times.push(Math.round(run.firstChartMs * 10) / 10);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const desktop = await visit(browser, url, DESKTOP);
  const phone = await visit(browser, url, PHONE);
  const deepLink = await visit(browser, `${url}?fn=sigmoid`, DESKTOP,
    (page) => page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0));
  const wholePage = await visit(browser, url, DESKTOP, scrollToBottom);
  const strip = ({ firstChartMs, ...rest }) => rest;
  const figures = {
    firstChartMs: { median: sorted[Math.floor(RUNS / 2)], runs: times, url: '?fn=sigmoid' },
    firstView: {
      budgetBytes: BUDGET_BYTES,
      withinBudget: Math.max(desktop.bytes, phone.bytes) <= BUDGET_BYTES,
      desktop: strip(desktop),
      phone: strip(phone),
    },
    deepLink: strip(deepLink),
    wholePage: { bytes: wholePage.bytes, requests: wholePage.requests, serviceWorker: wholePage.serviceWorker },
    dist: distSize(),
  };
  console.log(JSON.stringify(figures, null, 2));
  recordResults('page', figures);
});
