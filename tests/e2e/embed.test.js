// Embed mode (?embed=1 with fn= or section=), its resize messages to a parent page, and the Embed
// button's iframe snippet, on the built page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { axeViolations, chartData, openPage, ROOT, startSite, yAt } from './harness.mjs';

const HOST_PAGE = readFileSync(path.join(ROOT, 'tests/e2e/fixtures/embed-host.html'));
// The header's h1 stays for screen readers, visually hidden; the rest of the header goes.
const CHROME = ['.site-header .lede', 'nav', 'footer.site-footer'];
const shared = {};

before(async () => {
  shared.site = await startSite();
  // The host page comes from another origin than the site, as on a real course page.
  shared.host = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(HOST_PAGE);
  }).listen(0, '127.0.0.1');
  await once(shared.host, 'listening');
});
after(async () => {
  shared.host?.closeAllConnections();
  await new Promise((resolve) => (shared.host ? shared.host.close(resolve) : resolve()));
  await shared.site?.close();
});

// Opens the page with `search`, runs `check(view)`, and always closes it.
async function withPage(search, check, options = {}) {
  const view = await openPage(shared.site, { search, ...options });
  try {
    await check(view);
  } finally {
    await view.close();
  }
}

// {selector: visible?} for each selector, on `page`.
const visibility = (page, selectors) => page.evaluate((list) => Object.fromEntries(list.map((selector) => {
  const element = document.querySelector(selector);
  return [selector, Boolean(element && element.getClientRects().length > 0)];
})), selectors);

test('?fn=tanh&embed=1 shows the tanh section alone, plotted, without header, navigation or footer', async () => {
  await withPage('?fn=tanh&embed=1', async ({ page, log }) => {
    const shown = await visibility(page, [...CHROME, '#tanh', '#why', '#sigmoid', '#catalogue', '#compare', '#labs', '#custom',
      '#tanh .embed-button']);
    assert.deepEqual(shown, { '.site-header .lede': false, nav: false, 'footer.site-footer': false, '#tanh': true,
      '#why': false, '#sigmoid': false, '#catalogue': false, '#compare': false, '#labs': false, '#custom': false,
      '#tanh .embed-button': false });
    const [g, dg] = await chartData(page, 'chart-tanh');
    assert.ok(g.data.length > 100);
    assert.ok(Math.abs(yAt(g, 1) - Math.tanh(1)) < 1e-15);
    assert.equal(yAt(dg, 0), 1);
    assert.equal(await page.locator('.embed-notice').count(), 0);
    const title = await page.locator('h1').boundingBox();
    assert.ok(title.width <= 1 && title.height <= 1, 'the page title is visible');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Activation functions and their derivatives');
    assert.deepEqual(log.errors, []);
  });
});

test('?section=compare&embed=1 shows the compare view alone', async () => {
  await withPage('?section=compare&embed=1', async ({ page }) => {
    const shown = await visibility(page, [...CHROME, '#compare', '#sigmoid', '#tanh', '#floating-point']);
    assert.deepEqual(shown, { '.site-header .lede': false, nav: false, 'footer.site-footer': false, '#compare': true,
      '#sigmoid': false, '#tanh': false, '#floating-point': false });
    assert.ok((await chartData(page, 'chart-compare')).length >= 3);
  });
});

test('fn= chooses a generated catalogue entry, and section= a lab inside the labs section', async () => {
  await withPage('?fn=elu&embed=1', async ({ page }) => {
    await page.waitForFunction(() => !document.getElementById('elu').hasAttribute('data-pending'));
    const shown = await visibility(page, ['#elu', '#catalogue-title', '#properties-title', '#relu6', '#tanh']);
    assert.deepEqual(shown, { '#elu': true, '#catalogue-title': false, '#properties-title': false, '#relu6': false, '#tanh': false });
    const [g] = await chartData(page, 'chart-elu');
    assert.ok(Math.abs(yAt(g, -5) - Math.expm1(-5)) < 1e-15);
  });
  await withPage('?section=depth-lab&embed=1', async ({ page }) => {
    const shown = await visibility(page, ['#depth-lab', '#training-lab', '#labs-title', '#compare']);
    assert.deepEqual(shown, { '#depth-lab': true, '#training-lab': false, '#labs-title': false, '#compare': false });
  });
});

test('an unknown fn or section shows a notice, as text, and the first section', async () => {
  const cases = [
    { search: `?fn=${encodeURIComponent('<img src=x onerror=alert(1)>')}&embed=1`, name: '<img src=x onerror=alert(1)>', what: 'activation' },
    { search: '?section=sigmoid&embed=1', name: 'sigmoid', what: 'section' },
  ];
  for (const { search, name, what } of cases) {
    await withPage(search, async ({ page, log }) => {
      const notice = page.locator('.embed-notice');
      assert.equal(await notice.textContent(), `There is no ${what} called “${name}” to embed; showing the first section instead.`);
      assert.ok(await notice.isVisible());
      assert.equal(await page.locator('main img').count(), 0);
      const shown = await visibility(page, ['#why', '#sigmoid', '.site-header .lede']);
      assert.deepEqual(shown, { '#why': true, '#sigmoid': false, '.site-header .lede': false });
      assert.deepEqual(log.errors, []);
    });
  }
});

test('?embed=1 alone shows every section without header and footer', async () => {
  await withPage('?embed=1', async ({ page }) => {
    const shown = await visibility(page, [...CHROME, '#why', '#tanh', '#catalogue', '#compare', '#labs', '#custom']);
    assert.deepEqual(shown, { '.site-header .lede': false, nav: false, 'footer.site-footer': false, '#why': true,
      '#tanh': true, '#catalogue': true, '#compare': true, '#labs': true, '#custom': true });
  });
});

test('in a sandboxed iframe, the page works and posts its height in both forms whenever it changes', async () => {
  const context = await shared.site.browser.newContext({ viewport: { width: 1000, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Console events come from every frame: a blocked module, font or history call would show here.
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const src = new URL('?fn=tanh&embed=1', shared.site.url).href;
    await page.goto(`http://127.0.0.1:${shared.host.address().port}/?src=${encodeURIComponent(src)}`);
    const frame = page.frame({ url: (url) => url.href === src });
    await frame.waitForFunction(() => document.getElementById('chart-tanh').chart?.data.datasets.length === 2);
    assert.equal(await frame.evaluate(() => self.origin), 'null', 'the frame is not sandboxed');

    const heights = (form) => page.evaluate((key) => window.messages.filter((data) => key in data
      && (data.type ?? data.subject)).map(({ height }) => height), form);
    await page.waitForFunction(() => window.messages.some((data) => data.subject === 'lti.frameResize'));
    const first = await page.evaluate(() => window.messages.slice(0, 2));
    assert.equal(first[0].type, 'activation-derivations:resize');
    assert.equal(first[1].subject, 'lti.frameResize');
    assert.ok(first[0].height > 300, `height ${first[0].height}`);
    assert.equal(first[1].height, first[0].height);

    const before = (await heights('type')).at(-1);
    await frame.locator('#tanh').getByRole('button', { name: 'Show all steps' }).click();
    await page.waitForFunction((last) => window.messages.some((data) => data.type && data.height > last), before);
    const grown = (await heights('type')).at(-1);
    assert.ok(grown > before, `${before} -> ${grown}`);
    assert.equal((await heights('subject')).at(-1), grown);
    // The host applied the height: the frame now holds the whole section without scrolling.
    assert.equal(await page.locator('#frame').getAttribute('height'), String(grown));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the Embed button shows an iframe snippet for the section, with the address escaped, and copies it', async () => {
  await withPage('?note=kept', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const button = page.getByRole('button', { name: 'Embed Tanh', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Embed “Tanh”' });
    assert.ok(await dialog.isVisible());
    const snippet = await dialog.getByRole('textbox', { name: 'HTML to paste' }).inputValue();
    const expected = new URL('?note=kept&fn=tanh&embed=1', shared.site.url).href;
    assert.ok(snippet.includes(`src="${expected.replaceAll('&', '&amp;')}"`), snippet);
    const frame = await page.evaluate((html) => {
      const iframe = new DOMParser().parseFromString(html, 'text/html').querySelector('iframe');
      return Object.fromEntries(['src', 'title', 'width', 'height', 'loading', 'sandbox'].map((name) => [name, iframe.getAttribute(name)]));
    }, snippet);
    assert.equal(frame.src, expected);
    assert.equal(frame.sandbox, 'allow-scripts');
    assert.equal(frame.loading, 'lazy');
    assert.equal(frame.width, '100%');
    assert.match(frame.title, /^Tanh: /);
    assert.ok(Number(frame.height) > 300, `height ${frame.height}`);

    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.embed-status').textContent !== '');
    assert.equal(await dialog.locator('.embed-status').textContent(), 'Copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

    // Without the clipboard API, the code is selected for the reader to copy.
    await page.evaluate(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
    assert.match(await dialog.locator('.embed-status').textContent(), /^Press Ctrl\+C/);
    assert.equal(await page.evaluate(() => {
      const code = document.querySelector('.embed-code');
      return document.activeElement === code ? code.value.slice(code.selectionStart, code.selectionEnd) : null;
    }), snippet);

    await page.keyboard.press('Escape');
    assert.ok(await dialog.isHidden());
    assert.ok(await button.evaluate((element) => element === document.activeElement), 'focus did not return to the button');

    // A catalogue entry is embedded by fn, a lab by section.
    await page.getByRole('button', { name: 'Embed Vanishing and exploding gradients through depth' }).click();
    const lab = await page.getByRole('dialog').getByRole('textbox', { name: 'HTML to paste' }).inputValue();
    assert.ok(lab.includes('?note=kept&amp;section=depth-lab&amp;embed=1"'), lab);
  });
});

test('embed mode and the embed dialog have no axe violations', async () => {
  await withPage('?fn=tanh&embed=1', async ({ page }) => {
    assert.deepEqual(await axeViolations(page), []);
  }, { bypassCSP: true });
  await withPage('', async ({ page }) => {
    await page.getByRole('button', { name: 'Embed Sigmoid', exact: true }).click();
    assert.deepEqual(await axeViolations(page), []);
  }, { bypassCSP: true });
});
