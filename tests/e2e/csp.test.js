// The Content-Security-Policy, kept: every part of the page exercised (the stepper, a slider, the
// slope explorer, the compare view, the floating-point lesson, both labs, the own-activation field, the
// Embed dialog) causes no CSP violation, on the hosted page (policy as header and meta tag) and in
// the single file opened from disk (its hash-based meta policy). Violations are caught by a
// 'securitypolicyviolation' listener installed before the page's own code runs, and by the console
// messages Chromium writes for each refusal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, chartData, skim, startSite } from './harness.mjs';

const SINGLE_FILE = path.join(DIST, 'activation-derivations.html');

// Runs in every frame before any of the page's scripts.
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'} `
      + `(${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
  });
}

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// Opens `url` in a fresh context with the recorder installed; resolves once every part is loaded and
// every visible chart has data.
async function open(url) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const log = { csp: [], errors: [] };
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) log.csp.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  await skim(page);
  await page.waitForFunction(() => performance.getEntriesByName('first-chart').length > 0
    && [...document.querySelectorAll('canvas')].filter((canvas) => !canvas.closest('[hidden], [data-deferred]'))
      .every((canvas) => canvas.chart?.data.datasets.length > 0));
  return { page, log, close: () => context.close() };
}

// Changes the text field `field` to `value` and waits for the chart on canvas `chartId` to change.
async function changeAndWait(page, field, value, chartId) {
  const before = JSON.stringify(await chartData(page, chartId));
  await field.fill(value);
  await page.waitForFunction(([id, previous]) => JSON.stringify(document.getElementById(id).chart.data.datasets
    .map(({ label, borderDash, data }) => ({ label, borderDash, data: data.map(({ x, y }) => ({ x, y })) }))) !== previous,
  [chartId, before]);
}

// Uses every interactive part of the page once.
async function exercise(page) {
  // The stepper: next, then every step at once.
  const sigmoid = page.locator('#sigmoid');
  await sigmoid.locator('.stepper [data-action="next"]').click();
  await sigmoid.locator('.stepper [data-action="all"]').click();
  // The derivation engine's details, typeset when opened.
  await sigmoid.locator('details.engine-derivation summary').click();
  // The slope explorer, with its secant.
  await sigmoid.getByRole('button', { name: /slope at a point/ }).click();
  // A slider and its number field: Leaky ReLU's alpha.
  const leaky = page.locator('#leaky_relu');
  await leaky.locator('input[name="slider"]').first().evaluate((slider) => {
    slider.value = '0.3';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await changeAndWait(page, leaky.locator('input[name="value"]').first(), '0.25', 'chart-leaky_relu');
  // The z range.
  await changeAndWait(page, page.locator('#tanh input[name="from"]'), '-3', 'chart-tanh');
  // The compare view: another function, another mode.
  const compare = page.locator('#compare');
  await compare.getByRole('checkbox', { name: 'ELU', exact: true }).check();
  await compare.locator('input[name="mode"][value="derivative"]').check();
  // The catalogue's properties table, sorted.
  await page.locator('#catalogue').getByRole('button', { name: 'Largest |g′|' }).click();
  // The floating-point lesson.
  await page.locator('#floating-point').getByRole('radio', { name: 'Tanh derivative' }).check();
  // The depth lab.
  const depth = page.locator('#depth-lab');
  await depth.getByRole('textbox', { name: 'depth L, value' }).fill('12');
  await depth.getByRole('checkbox', { name: 'GELU', exact: true }).check();
  // The training lab: start, let it run, pause, step.
  const training = page.locator('#training-lab');
  await training.getByRole('combobox', { name: 'Speed' }).selectOption('max');
  await training.getByRole('textbox', { name: 'Train for epochs' }).fill('10000');
  // It trains only while in view.
  await training.getByRole('button', { name: 'Start' }).scrollIntoViewIfNeeded();
  await training.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => document.querySelector('#chart-loss').chart.data.datasets[0]?.data.length > 5);
  await training.getByRole('button', { name: 'Pause' }).click();
  await training.getByRole('button', { name: 'Step one epoch' }).click();
  // The own-activation field: accepted, refused, accepted.
  const field = page.locator('#custom-expr');
  await field.fill('z*tanh(softplus(z))');
  await page.waitForFunction(() => new URLSearchParams(window.location.search).get('expr') === 'z*tanh(softplus(z))');
  await field.fill('tanhh(z)');
  await page.waitForFunction(() => !document.querySelector('#custom .expression-echo').hidden);
  await page.locator('#custom .example').first().click();
  // Every sub-step of the derivation, typeset when opened.
  const closed = page.locator('#custom details:not([open]) > summary');
  for (let opened = 0; opened < 20 && (await closed.count()) > 0; opened += 1) await closed.first().click();
  // The Embed dialog.
  await page.getByRole('button', { name: 'Embed Tanh', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Copy', exact: true }).click();
  await page.keyboard.press('Escape');
  // To the end of the page and back.
  await page.evaluate(() => window.scrollTo({ top: document.body.scrollHeight, behavior: 'instant' }));
  await page.waitForTimeout(300);
}

async function violations(view) {
  return [...await view.page.evaluate(() => window.__violations), ...view.log.csp];
}

test('the recorder sees a violation when there is one', async () => {
  const view = await open(site.url);
  try {
    // An inline script added by the page is refused by 'script-src' (it carries no allowed hash).
    await view.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__ran = true';
      document.body.append(script);
    });
    await view.page.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await view.page.evaluate(() => window.__ran), undefined);
    assert.match((await violations(view)).join('\n'), /script-src/);
  } finally {
    await view.close();
  }
});

test('the hosted page, every section and lab used: no CSP violation', async () => {
  const view = await open(site.url);
  try {
    await exercise(view.page);
    assert.deepEqual(await violations(view), []);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

test('the single file from file://, every section and lab used: no CSP violation', async () => {
  const view = await open(pathToFileURL(SINGLE_FILE).href);
  try {
    assert.ok(view.page.url().startsWith('file://'));
    await exercise(view.page);
    assert.deepEqual(await violations(view), []);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});
