// The hosted build served from a sub-path (as GitHub Pages serves a project site): every URL in
// dist/ is relative, so the page loads and draws (every part of it, the chunks loaded on demand and
// the core's .wasm too) with nothing requested outside that path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chartData, DIST, skim, startSite } from './harness.mjs';
import { serve } from '../../scripts/serve.mjs';

test('dist/ served at /courses/ml/activations/ loads, draws and requests nothing outside it', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'subpath-'));
  const prefix = '/courses/ml/activations/';
  cpSync(DIST, path.join(root, prefix), { recursive: true });
  const server = serve({ root, port: 0 });
  await once(server, 'listening');
  const site = await startSite();
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const base = `http://127.0.0.1:${server.address().port}${prefix}`;
    await page.goto(base, { waitUntil: 'load' });
    await skim(page);
    await page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0);
    const [g] = await chartData(page, 'chart-sigmoid');
    assert.equal(g.data.find(({ x }) => x === 0).y, 0.5);
    const outside = requests.filter((url) => url.protocol !== 'data:' && !url.pathname.startsWith(prefix));
    assert.deepEqual(outside.map(String), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await site.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  }
});
