// Time to first chart: serves the BUILT dist/, loads the page 5 times in fresh Chromium contexts (cold
// cache each time) and reads the 'first-chart' performance mark. Prints JSON with the median and every
// run, dist/'s size (raw and gzip), and what the first view transfers as served (gzip).
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

const RUNS = 5;
const BUDGET_BYTES = 400 * 1024;  // first view, gzip
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

// Loads the page once in a fresh context; returns the mark's time and the responses' encoded sizes.
async function loadOnce(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = [];
  page.on('requestfinished', (request) => {
    if (request.url().startsWith('http')) sizes.push(request.sizes().then((size) => [request.url(), size.responseBodySize]));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0);
  const firstChartMs = await page.evaluate(() => performance.getEntriesByName('first-chart')[0].startTime);
  const responses = await Promise.all(sizes);
  await context.close();
  return { firstChartMs, responses };
}

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error('dist/ is not built: run `npm run build` first.');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
process.env.TMPDIR = tmp;
const server = serve({ root: DIST, port: 0 });
await once(server, 'listening');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await loadOnce(browser, url));
  const times = runs.map((run) => Math.round(run.firstChartMs * 10) / 10);
  const sorted = [...times].sort((a, b) => a - b);
  const { responses } = runs[0];
  const transferBytes = responses.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(JSON.stringify({
    firstChartMs: { median: sorted[Math.floor(RUNS / 2)], runs: times },
    dist: distSize(),
    firstView: {
      requests: responses.length,
      transferBytes,
      budgetBytes: BUDGET_BYTES,
      withinBudget: transferBytes <= BUDGET_BYTES,
      responses: Object.fromEntries(responses.map(([responseUrl, bytes]) => [new URL(responseUrl).pathname, bytes])),
    },
  }, null, 2));
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
