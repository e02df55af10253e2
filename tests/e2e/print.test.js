// The Print button: on a page that has loaded nothing but its first view, it loads every part (the
// page's code, the core, the deferred labs and own-activation section, every catalogue entry, every
// derivation's list of steps), waits for the figures, says so in a polite live region, and only then
// calls window.print(); a part that fails to load gets a message and leaves the button working. The
// hosted page and the single file from file://.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, startSite } from './harness.mjs';

const SINGLE_FILE = path.join(DIST, 'activation-derivations.html');

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

// Runs in the page before its scripts: window.print() records the page as it is at that moment, and
// every text the print status shows is recorded as it changes.
function stubPrint() {
  window.printCalls = [];
  window.print = () => {
    const shown = (element) => !element.closest('[hidden]') && element.checkVisibility();
    const canvases = [...document.querySelectorAll('main canvas')].filter(shown);
    // A canvas counts as drawn when some pixel of it is not transparent.
    const blank = canvases.filter((canvas) => {
      if (!canvas.width || !canvas.height) return true;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
      return true;
    });
    window.printCalls.push({
      deferred: document.querySelectorAll('[data-deferred]').length,
      pending: document.querySelectorAll('[data-pending]').length,
      emptySlots: document.querySelectorAll('[data-slot="stepper"]:empty').length,
      emptyLists: document.querySelectorAll('.stepper-all:empty').length,
      steppers: document.querySelectorAll('.stepper').length,
      entries: document.querySelectorAll('.catalogue-entry').length,
      properties: document.querySelectorAll('.properties-table tbody tr').length,
      canvases: canvases.length,
      charted: canvases.filter((canvas) => canvas.chart).length,
      blank: blank.map((canvas) => canvas.id || canvas.closest('section[id]')?.id),
      // The stylesheet's condition for the note that a part is missing (style.css, @media print).
      noteWanted: document.querySelector(
        'html:has([data-slot="stepper"]:empty, [data-deferred], .catalogue-entry[data-pending])') !== null,
      status: document.querySelector('[data-slot="print-status"]').textContent,
    });
  };
  window.statusTexts = [];
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.querySelector('[data-slot="print-status"]');
    new MutationObserver(() => window.statusTexts.push(status.textContent))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
}

// Opens `url` in a fresh context (1280 x 800, no scrolling) with print stubbed; `setUp(context)` may
// route requests first.
async function open(url, setUp = async () => {}) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await setUp(context);
  await context.addInitScript(stubPrint);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, close: () => context.close() };
}

const printCalls = (page) => page.evaluate(() => window.printCalls);

// The page as window.print() found it: complete, with every figure drawn.
function assertComplete(printed) {
  assert.equal(printed.deferred, 0, 'a part was still deferred');
  assert.equal(printed.pending, 0, 'a catalogue entry was still pending');
  assert.equal(printed.emptySlots, 0, 'a derivation had no stepper yet');
  assert.equal(printed.emptyLists, 0, 'a derivation\'s list of steps was empty');
  assert.ok(printed.entries >= 15, `${printed.entries} catalogue entries`);
  assert.ok(printed.steppers >= printed.entries + 4, `${printed.steppers} steppers for ${printed.entries} entries`);
  assert.ok(printed.properties >= 20, `${printed.properties} rows in the properties table`);
  // The tutorial's 6, compare, lesson, depth, loss, two heat maps, the typed activation, the catalogue's.
  assert.ok(printed.canvases >= 13 + printed.entries, `${printed.canvases} figures shown`);
  assert.equal(printed.charted, printed.canvases, 'a figure has no chart');
  assert.deepEqual(printed.blank, [], 'figures not drawn');
  assert.equal(printed.noteWanted, false, 'the print styles would show the note that parts are missing');
}

// On paper (emulated print media): neither the note nor the button.
async function assertPaper(page) {
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ['.print-note', '#print-button', '[data-slot="print-status"]']
    .filter((selector) => document.querySelector(selector).checkVisibility()));
  assert.deepEqual(shown, [], 'shown on paper');
  await page.emulateMedia({ media: 'screen' });
}

test('hosted, nothing scrolled: a click on Print loads and draws everything, then prints', async () => {
  const view = await open(site.url);
  const { page } = view;
  try {
    // The first view only: nothing interactive has loaded.
    const before = await page.evaluate(() => ({
      charts: [...document.querySelectorAll('canvas')].filter((canvas) => canvas.chart).length,
      entries: document.querySelectorAll('.catalogue-entry').length,
    }));
    assert.deepEqual(before, { charts: 0, entries: 0 });
    const button = page.getByRole('button', { name: 'Print the page' });
    const live = await page.locator('[data-slot="print-status"]').evaluate((node) => [node.getAttribute('role'), node.getAttribute('aria-live')]);
    assert.deepEqual(live, ['status', 'polite']);
    const scrolled = await page.evaluate(() => window.scrollY);
    await button.click();
    await page.waitForFunction(() => window.printCalls.length > 0, null, { timeout: 30_000 });
    const calls = await printCalls(page);
    assert.equal(calls.length, 1);
    assertComplete(calls[0]);
    assert.equal(calls[0].status, 'The page is ready: opening the print dialog.');
    const texts = await page.evaluate(() => window.statusTexts);
    assert.equal(texts[0], 'Preparing the page for printing…');
    // After the dialog: the status is cleared, the button usable again, the page where it was.
    assert.equal(await page.locator('[data-slot="print-status"]').textContent(), '');
    assert.equal(await button.getAttribute('aria-disabled'), null);
    assert.equal(await page.evaluate(() => window.scrollY), scrolled);
    await assertPaper(page);
    // A second press prints again, without loading anything twice.
    await button.click();
    await page.waitForFunction(() => window.printCalls.length === 2);
    assertComplete((await printCalls(page))[1]);
    assert.deepEqual(view.errors, []);
  } finally {
    await view.close();
  }
});

test('keyboard: Tab reaches Print right after the skip link, and Enter prints a complete page', async () => {
  const view = await open(site.url);
  const { page } = view;
  try {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'print-button');
    assert.equal(await page.evaluate(() => document.activeElement.matches(':focus-visible')), true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.printCalls.length > 0, null, { timeout: 30_000 });
    assertComplete((await printCalls(page))[0]);
    // Focus stays on the button, and Space prints again.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'print-button');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.printCalls.length === 2);
    assert.deepEqual(view.errors, []);
  } finally {
    await view.close();
  }
});

// Opens the page with every request for a file matching `pattern` failing until unblock().
async function openBlocking(pattern) {
  let blocked = true;
  const view = await open(site.url, (context) => context.route(pattern, (route) => (blocked ? route.abort() : route.continue())));
  return { ...view, unblock: () => { blocked = false; } };
}

// Presses Print and waits until the status says that the page could not be prepared.
async function pressUntilRefused(page) {
  await page.locator('#print-button').click();
  await page.waitForFunction(() => /could not be prepared/.test(document.querySelector('[data-slot="print-status"]').textContent),
    null, { timeout: 30_000 });
}

// Presses Print and waits for the print; returns the page as window.print() found it.
async function pressUntilPrinted(page) {
  await page.locator('#print-button').click();
  await page.waitForFunction(() => window.printCalls.length > 0, null, { timeout: 30_000 });
  return (await printCalls(page))[0];
}

test('a part that cannot load: a message in the status, no print, and the button works again', async () => {
  const view = await openBlocking(/\/labs-[^/]*\.js$/);
  const { page } = view;
  try {
    await pressUntilRefused(page);
    const status = page.locator('[data-slot="print-status"]');
    assert.match(await status.textContent(),
      /^The page could not be prepared for printing: .*labs-.*\.js.*\. Check the connection and try again\.$/);
    assert.equal(await status.evaluate((node) => node.classList.contains('print-failed')), true);
    assert.deepEqual(await printCalls(page), []);
    assert.equal(await page.locator('#print-button').getAttribute('aria-disabled'), null);
    // The labs say so where they are.
    assert.match(await page.locator('#labs > .load-error').textContent(), /^This part could not start: /);
    // Back online: the next press loads the labs and prints.
    view.unblock();
    assertComplete(await pressUntilPrinted(page));
    assert.equal(await page.locator('#labs > .load-error').count(), 0);
  } finally {
    await view.close();
  }
});

test('the page\'s code cannot load: the status says why, and a retry prints', async () => {
  const view = await openBlocking(/\/page-[^/]*\.js$/);
  const { page } = view;
  try {
    await pressUntilRefused(page);
    assert.deepEqual(await printCalls(page), []);
    view.unblock();
    assertComplete(await pressUntilPrinted(page));
  } finally {
    await view.close();
  }
});

test('embedded, the Print button is not shown', async () => {
  const view = await open(new URL('?embed=1&fn=tanh', site.url).href);
  try {
    assert.equal(await view.page.locator('#print-button').isVisible(), false);
  } finally {
    await view.close();
  }
});

test('the single file from file://: Print completes the page before printing', async () => {
  const view = await open(pathToFileURL(SINGLE_FILE).href);
  const { page } = view;
  try {
    assert.ok(page.url().startsWith('file://'));
    await page.locator('#print-button').click();
    await page.waitForFunction(() => window.printCalls.length > 0, null, { timeout: 30_000 });
    assertComplete((await printCalls(page))[0]);
    await assertPaper(page);
    assert.deepEqual(view.errors, []);
  } finally {
    await view.close();
  }
});
