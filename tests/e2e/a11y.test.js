// Accessibility on the built page (WCAG 2.1 AA): every chart's data table, axe-core in the light and
// dark themes and in embed mode with every step listed and every table open, and a 360 px layout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chartData, openPage, startSite } from './harness.mjs';

// Up to this many rows in a data table (web/js/data-table.js).
const TABLE_ROWS = 21;

let site;
let view;
before(async () => {
  site = await startSite();
  view = await openPage(site);
  await settled(view.page);
});
after(async () => {
  await view?.close();
  await site?.close();
});

// Opens a page with `options`, runs `check(page)` and always closes it.
async function withPage(options, check) {
  const opened = await openPage(site, options);
  try {
    await check(opened.page, opened);
  } finally {
    await opened.close();
  }
}

// Waits until every part in view has loaded and the catalogue has built its entries (in idle time).
function settled(page) {
  return page.waitForFunction(() => ![...document.querySelectorAll('[data-pending], [data-deferred]')]
    .some((part) => part.checkVisibility()));
}

// Lists every derivation step and opens every figure's data table, then waits for the tables.
async function openEverything(page) {
  await settled(page);
  await page.evaluate(() => {
    for (const toggle of document.querySelectorAll('.stepper [data-action="all"][aria-pressed="false"]')) toggle.click();
    for (const details of document.querySelectorAll('details.data-table')) details.open = true;
  });
  await page.waitForFunction(() => [...document.querySelectorAll('details.data-table')]
    .every((details) => details.querySelector('tbody tr')));
}

// A number as the page writes it ("−1.2e−5") read back.
const read = (text) => Number(text.replace(/\u2212/g, '-'));

// The theme's custom properties as the page has them now.
function themeColours(page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    const names = ['--bg', '--surface', '--text', '--muted', '--accent', '--focus', '--error', '--plot-axis',
      ...Array.from({ length: 6 }, (_, i) => `--plot-${i + 1}`)];
    return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name).trim()]));
  });
}

test('every chart has a data table under it, built only when opened', async () => {
  const { page } = view;
  const counts = await page.evaluate(() => ({
    charts: [...document.querySelectorAll('figure.plot canvas')].length,
    tables: [...document.querySelectorAll('figure.plot canvas')]
      .filter((canvas) => canvas.closest('figure').querySelector(':scope > details.data-table')).length,
    built: [...document.querySelectorAll('details.data-table table')].filter((table) => table.rows.length > 0).length,
  }));
  assert.ok(counts.charts > 20, `only ${counts.charts} charts`);
  assert.equal(counts.tables, counts.charts, 'a chart without a data table');
  assert.equal(counts.built, 0, 'a closed table was built');
});

test('the sigmoid table lists 21 evenly spaced points of the plotted numbers, with row and column headers', async () => {
  const { page } = view;
  const summary = page.locator('#sigmoid details.data-table > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const table = await page.locator('#sigmoid details.data-table table').evaluate((node) => ({
    caption: node.caption?.textContent ?? '',
    head: [...node.tHead.rows[0].cells].map((cell) => [cell.tagName, cell.scope, cell.textContent]),
    rows: [...node.tBodies[0].rows].map((row) => [...row.cells].map((cell) => [cell.tagName, cell.scope, cell.textContent])),
  }));
  assert.deepEqual(table.head, [['TH', 'col', 'z'], ['TH', 'col', 'g(z)'], ['TH', 'col', 'g\u2032(z)']]);
  assert.equal(table.rows.length, TABLE_ROWS);
  const [g, dg] = await chartData(page, 'chart-sigmoid');
  assert.match(table.caption, new RegExp(`^21 evenly spaced of the ${g.data.length} plotted points\\. Plot of Sigmoid`));
  table.rows.forEach((row, k) => {
    const i = Math.round((k * (g.data.length - 1)) / (TABLE_ROWS - 1));
    assert.deepEqual(row.map(([tag, scope]) => [tag, scope]), [['TH', 'row'], ['TD', ''], ['TD', '']]);
    assert.ok(Math.abs(read(row[0][2]) - g.data[i].x) < 1e-9, `row ${k}: z ${row[0][2]} is not ${g.data[i].x}`);
    assert.ok(Math.abs(read(row[1][2]) - g.data[i].y) <= 1e-5 * Math.abs(g.data[i].y), `row ${k}: g ${row[1][2]}`);
    assert.ok(Math.abs(read(row[2][2]) - dg.data[i].y) <= 1e-5 * Math.abs(dg.data[i].y), `row ${k}: g' ${row[2][2]}`);
  });
  assert.equal(table.rows[0][0][2], '\u22126');
  assert.equal(table.rows[10][1][2], '0.5');
  assert.equal(table.rows[10][2][2], '0.25');
});

test('an open table follows the chart: Leaky ReLU\'s alpha slider moved by keyboard', async () => {
  const { page } = view;
  await page.locator('#leaky_relu figure details.data-table').first().evaluate((details) => { details.open = true; });
  const slider = page.locator('#leaky_relu [data-slot="alpha"] input[name="slider"]');
  await slider.focus();
  await page.keyboard.press('End');
  const alpha = Number(await page.locator('#leaky_relu [data-slot="alpha"] input[name="value"]').inputValue());
  assert.ok(alpha > 0.01, `alpha is still ${alpha}`);
  const first = await page.locator('#leaky_relu figure details.data-table').first()
    .evaluate((details) => [...details.querySelector('tbody tr').cells].map((cell) => cell.textContent));
  const [g] = await chartData(page, 'chart-leaky_relu');
  assert.equal(read(first[0]), g.data[0].x);
  assert.ok(Math.abs(read(first[1]) - g.data[0].y) < 1e-9, `${first[1]} is not ${g.data[0].y}`);
  assert.ok(Math.abs(g.data[0].y - alpha * g.data[0].x) < 1e-9);
});

test('non-numbers read as words: the floating-point lesson and a typed log(z)', async () => {
  const { page } = view;
  const cells = (selector) => page.locator(selector).evaluate(async (details) => {
    details.open = true;
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    return [...details.querySelectorAll('tbody tr')].map((row) => [...row.cells].map((cell) => cell.textContent));
  });
  const lesson = await cells('#floating-point details.data-table');
  assert.equal(lesson.length, TABLE_ROWS);
  const words = lesson.flat();
  assert.ok(words.some((text) => /^returns not a number/.test(text)), 'no formula reads as not a number');
  assert.ok(words.some((text) => /^relative error \d/.test(text)));
  assert.deepEqual(words.filter((text) => /^(NaN|-?Infinity|null|undefined)$|Infinity/.test(text)), []);

  // Typed by keyboard: the expression field, then Enter.
  const input = page.locator('#custom-expr');
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('log(z)');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('chart-custom').getAttribute('aria-label').includes('log'));
  const custom = await cells('#custom details.data-table');
  assert.equal(custom[0][0], '\u22126');
  assert.equal(custom[0][1], 'no value');
  assert.equal(custom.at(-1)[1], '1.79176');
  assert.deepEqual(custom.flat().filter((text) => /NaN|Infinity|undefined|null/.test(text)), []);
});

test('axe-core: no violations in the dark theme with every step listed and every table open', async () => {
  await withPage({ bypassCSP: true }, async (page) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openEverything(page);
    assert.equal((await themeColours(page))['--bg'], '#15181d');
    assert.deepEqual(await axeViolations(page), []);
  });
});

test('axe-core: no violations in the light theme with every table open', async () => {
  await withPage({ bypassCSP: true }, async (page) => {
    await openEverything(page);
    assert.deepEqual(await axeViolations(page), []);
  });
});

for (const search of ['?embed=1&fn=tanh', '?embed=1&section=labs']) {
  test(`axe-core: no violations embedded (${search}), light and dark, steps listed and tables open`, async () => {
    await withPage({ bypassCSP: true, search }, async (page) => {
      await openEverything(page);
      const shown = await page.evaluate(() => [...document.querySelectorAll('details.data-table')]
        .filter((details) => details.checkVisibility()).length);
      assert.ok(shown >= 1, 'no data table in view');
      assert.deepEqual(await axeViolations(page), [], 'light');
      await page.emulateMedia({ colorScheme: 'dark' });
      assert.deepEqual(await axeViolations(page), [], 'dark');
    });
  });
}

test('at 360 px, light and dark, with every table open and the labs loaded, nothing scrolls sideways', async () => {
  await withPage({ width: 360, height: 740 }, async (page) => {
    // The widest table: every function of the compare view, values and derivatives.
    await page.evaluate(() => {
      const form = document.querySelector('#compare [data-slot="compare-form"]');
      for (const box of form.querySelectorAll('input[name="fn"]:not(:checked)')) box.click();
      form.querySelector('input[name="mode"][value="both"]').click();
    });
    await openEverything(page);
    const columns = await page.locator('#compare details.data-table thead th').count();
    assert.ok(columns > 20, `the compare table has ${columns} columns`);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scrollWidth <= innerWidth, `${scheme}: page is ${scrollWidth} px wide in a ${innerWidth} px window`);
    }
  });
});
