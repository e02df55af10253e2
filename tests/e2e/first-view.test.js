// The hosted first view: prose and math typeset by the build, within 250 KB on the wire, with no
// core, chart or KaTeX script; those load when the reader nears the first plot, and the labs' and
// the own-activation section's code when the reader nears them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './harness.mjs';

const BUDGET_BYTES = 250 * 1024;

test('the first view stays within 250 KB, and each part loads as the reader reaches it', async () => {
  const site = await startSite();
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const responses = [];
    const errors = [];
    page.on('response', (response) => responses.push({
      name: new URL(response.url()).pathname.split('/').pop(),
      bytes: Number(response.headers()['content-length']),
    }));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(site.url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(500);
    const names = () => responses.map(({ name }) => name);

    const bytes = responses.reduce((sum, response) => sum + response.bytes, 0);
    assert.ok(bytes <= BUDGET_BYTES, `the first view is ${bytes} bytes: ${JSON.stringify(responses)}`);
    assert.deepEqual(names().filter((name) => /\.wasm$|^(page|labs|custom)-/.test(name)), []);
    // The math of the first view is typeset already, with KaTeX's fonts.
    const typeset = await page.evaluate(() => ({
      inline: document.querySelectorAll('#why [data-typeset] .katex').length,
      display: document.querySelectorAll('#why [data-typeset-display] .katex-display').length,
      untypeset: document.querySelectorAll('main [data-tex], main [data-tex-display]').length
        - document.querySelectorAll('template [data-tex], template [data-tex-display]').length,
    }));
    assert.ok(typeset.inline > 5 && typeset.display > 0, JSON.stringify(typeset));
    assert.equal(typeset.untypeset, 0);

    // Reaching the first plot loads the page's code and the core, which draw it.
    await page.evaluate(() => document.getElementById('sigmoid').scrollIntoView({ behavior: 'instant' }));
    await page.waitForFunction(() => document.getElementById('chart-sigmoid').chart?.data.datasets.length > 0);
    assert.ok(names().some((name) => /^activation-core-web-.*\.wasm$/.test(name)), names().join(' '));
    assert.ok(names().some((name) => /^page-.*\.js$/.test(name)));
    assert.equal(names().some((name) => /^(labs|custom)-.*\.js$/.test(name)), false);

    // The labs and the own-activation section bring their code when reached.
    for (const [id, chunk] of [['labs', /^labs-.*\.js$/], ['custom', /^custom-.*\.js$/]]) {
      await page.waitForFunction((sectionId) => {
        const section = document.getElementById(sectionId);
        section.scrollIntoView({ behavior: 'instant' });
        return !section.hasAttribute('data-deferred');
      }, id);
      assert.ok(names().some((name) => chunk.test(name)), `${id}: ${names().join(' ')}`);
    }
    await page.waitForFunction(() => document.getElementById('chart-custom').chart?.data.datasets.length > 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await site.close();
  }
});
