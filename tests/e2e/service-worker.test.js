// The hosted page, once visited, works offline: its service worker serves a reload with the
// network off, and the web app manifest is served and well formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, startSite } from './harness.mjs';

test('after one visit a reload with the network off draws the page from the service worker', async () => {
  const site = await startSite();
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.url}?fn=tanh`, { waitUntil: 'load' });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      if (!registration.active) throw new Error('no active worker');
    });
    // The worker takes control of the page it was installed from (clients.claim), so its cache is full.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0);
    const [g] = await chartData(page, 'chart-tanh');
    assert.equal(g.data.find(({ x }) => x === 0).y, 0);
    assert.equal(await page.locator('#sigmoid .katex').count() > 0, true);
    assert.deepEqual(errors, []);
    // The parts loaded on demand (the labs' and the own-activation section's code) come from the
    // cache too, though this visit never reached them.
    for (const id of ['labs', 'custom']) {
      await page.waitForFunction((sectionId) => {
        const section = document.getElementById(sectionId);
        section.scrollIntoView({ behavior: 'instant' });
        return !section.hasAttribute('data-deferred');
      }, id);
    }
    assert.equal((await chartData(page, 'chart-custom')).length > 0, true);
    assert.equal(await page.locator('.load-error:not(:empty)').count(), 0);
    const fonts = await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family));
    assert.deepEqual(fonts, [], 'a font failed to load offline');
  } finally {
    await context.close();
    await site.close();
  }
});

test('the web app manifest is served with its type and names the start page and icon', async () => {
  const site = await startSite();
  try {
    const response = await fetch(new URL('manifest.webmanifest', site.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/manifest\+json/);
    const manifest = await response.json();
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.display, 'standalone');
    const icon = await fetch(new URL(manifest.icons[0].src, site.url));
    assert.equal(icon.status, 200);
    const worker = await (await fetch(new URL('sw.js', site.url))).text();
    assert.doesNotMatch(worker, /__VERSION__|__PRECACHE__/);
  } finally {
    await site.close();
  }
});
