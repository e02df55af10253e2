// npm run audit: Lighthouse (mobile preset, its default: a mid-range phone on slow 4G, simulated) on
// the BUILT dist/ as scripts/serve.mjs serves it. Fails when the page's performance is below 90 or its
// accessibility, best practices or SEO below 100, or a link to a plot's performance below 90 (PAGES),
// and names the audits that cost points. Writes every score and metric to build-audit/lighthouse.json.
// Runs Debian's Chromium (CHROME_PATH) with no network beyond 127.0.0.1.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(root, 'dist');
const LIGHTHOUSE = path.join(root, 'node_modules/.bin/lighthouse');
const MINIMUM = { performance: 0.9, accessibility: 1, 'best-practices': 1, seo: 1 };
// The page at its top (what a visitor sees first), held to the minimums; and the links most readers
// arrive by, straight to the first plot and the embedded tanh plot, each of which loads and starts the
// core, Chart.js and KaTeX at once: their performance is held to LINK_PERFORMANCE, a floor against
// going back (their medians were 71 to 86 before 2026-12-04; 94 to 97 after, single runs 89 to 98).
// Issue 18 asks 95 of them, which the median reaches on a quiet machine but not under load.
const LINK_PERFORMANCE = 0.9;
const PAGES = [{ query: '', gate: true }, { query: '?fn=sigmoid', gate: false }, { query: '?embed=1&fn=tanh', gate: false }];
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error('dist/ is not built: run `npm run build` first.');
  process.exit(1);
}

// Runs the Lighthouse CLI on `url`; resolves to its JSON report.
async function lighthouse(url, tmp) {
  const report = path.join(tmp, 'report.json');
  const child = spawn(LIGHTHOUSE, [url, '--quiet', '--output=json', `--output-path=${report}`,
    `--only-categories=${Object.keys(MINIMUM).join(',')}`, `--chrome-flags=${CHROME_FLAGS.join(' ')}`], {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium', TMPDIR: tmp },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`lighthouse exited with ${code} on ${url}`);
  return JSON.parse(readFileSync(report, 'utf8'));
}

// Lighthouse's performance score on this shared machine moves by several points from one run to the
// next: each page is run RUNS times and judged by the run with the median performance score, as
// Lighthouse's own documentation advises.
const RUNS = 3;
async function medianRun(url, tmp) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await lighthouse(url, tmp));
  runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  console.log(`${url}: performance ${runs.map((run) => Math.round(run.categories.performance.score * 100)).join(', ')} in ${RUNS} runs`);
  return runs[Math.floor(RUNS / 2)];
}

// The audits of `category` that did not score full marks, as "id (score): title".
function shortfalls(result, category) {
  return result.categories[category].auditRefs
    .filter(({ weight }) => weight > 0)
    .map(({ id }) => result.audits[id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score}): ${audit.title}${audit.displayValue ? `, ${audit.displayValue}` : ''}`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
const server = serve({ root: DIST, port: 0 });
await once(server, 'listening');
const results = {};
const failures = [];
try {
  for (const { query: page, gate } of PAGES) {
    const url = `http://127.0.0.1:${server.address().port}/${page}`;
    const result = await medianRun(url, tmp);
    const scores = Object.fromEntries(Object.keys(MINIMUM).map((id) => [id, result.categories[id].score]));
    const metrics = Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
      'cumulative-layout-shift', 'speed-index'].map((id) => [id, result.audits[id].displayValue]));
    results[page || '/'] = { scores, metrics };
    console.log(`${page || '/'}${gate ? '' : ` (performance held to ${LINK_PERFORMANCE * 100}, the rest reported)`}: ${Object.entries(scores).map(([id, score]) => `${id} ${Math.round(score * 100)}`).join(', ')}`);
    console.log(`  ${Object.entries(metrics).map(([id, value]) => `${id} ${value}`).join(', ')}`);
    for (const [id, minimum] of Object.entries(MINIMUM)) {
      const lost = shortfalls(result, id);
      if (lost.length) console.log(`  ${id}, below full marks:\n    ${lost.join('\n    ')}`);
      if (gate && scores[id] < minimum) failures.push(`${page || '/'}: ${id} ${Math.round(scores[id] * 100)} < ${minimum * 100}`);
    }
    if (!gate && scores.performance < LINK_PERFORMANCE) {
      failures.push(`${page}: performance ${Math.round(scores.performance * 100)} < ${LINK_PERFORMANCE * 100}`);
    }
  }
} finally {
  server.closeAllConnections();
  server.close();
  rmSync(tmp, { recursive: true, force: true });
}
mkdirSync(path.join(root, 'build-audit'), { recursive: true });
writeFileSync(path.join(root, 'build-audit/lighthouse.json'), `${JSON.stringify(results, null, 2)}\n`);
if (failures.length) {
  console.error(`Lighthouse below its minimum:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
