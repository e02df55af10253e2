// Accessibility on the built page (WCAG 2.1 AA): every chart's data table, axe-core in the light and
// dark themes and in embed mode with every step listed and every table open, keyboard operation with
// a visible focus, the contrast of what the canvases draw, reduced motion, print, and 360 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chartData, openPage, startSite } from './harness.mjs';

// Up to this many rows in a data table (web/js/figures/data-table.js).
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

// Waits until every part in view has loaded and every catalogue entry made has been built (openPage
// skims the whole page, and an entry built later would add a data table that is not open).
function settled(page) {
  return page.waitForFunction(() => document.querySelector('[data-pending]') === null
    && ![...document.querySelectorAll('[data-deferred]')].some((part) => part.checkVisibility()));
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
  const slider = page.locator('#leaky_relu [data-slot="alpha"] input[name="slider"]').first();
  await slider.focus();
  await page.keyboard.press('End');
  const alpha = Number(await page.locator('#leaky_relu [data-slot="alpha"] input[name="value"]').first().inputValue());
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
  // The plot of g and g' (the section's error plot, under it, has a table too).
  const custom = await cells('#custom figure:has(#chart-custom) > details.data-table');
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

// WCAG contrast ratio of two #rrggbb colours.
function contrast(a, b) {
  const luminance = (hex) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('keyboard: the stepper steps with arrows and buttons, and announces the step in a polite live region', async () => {
  const { page } = view;
  const stepper = page.locator('#tanh .stepper');
  const status = stepper.locator('.step-status');
  const live = await status.evaluate((node) => {
    const region = node.closest('[aria-live]');
    return [region?.getAttribute('aria-live'), region?.getAttribute('aria-atomic')];
  });
  assert.deepEqual(live, ['polite', 'true']);
  await stepper.focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await status.textContent(), /^Step 2 of \d+: /);
  await page.keyboard.press('End');
  const count = Number((await status.textContent()).match(/^Step (\d+) of (\d+)/)[2]);
  assert.match(await status.textContent(), new RegExp(`^Step ${count} of ${count}: `));
  // Tab goes to Previous; Enter presses it.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'previous');
  await page.keyboard.press('Enter');
  assert.match(await status.textContent(), new RegExp(`^Step ${count - 1} of ${count}: `));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'all');
  await page.keyboard.press('Space');
  assert.equal(await stepper.locator('.stepper-all > li').count(), count);
  await page.keyboard.press('Space');
  assert.equal(await stepper.locator('.stepper-all').isVisible(), false);
});

test('keyboard: the slope point moves with its slider, and the readout is announced', async () => {
  const { page } = view;
  const toggle = page.locator('#sigmoid [data-action="slope"]');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  const readout = page.locator('#sigmoid .slope-readout');
  assert.equal(await readout.getAttribute('aria-live'), 'polite');
  const slider = page.locator('#sigmoid-slope-z0');
  await slider.focus();
  await page.keyboard.press('Home');
  assert.match(await readout.textContent(), /^z\u2080 = \u22126: g\(z\u2080\) = 0\.00247\d*, slope g\u2032\(z\u2080\) = 0\.00246\d*\.$/);
  await page.keyboard.press('ArrowRight');
  assert.match(await readout.textContent(), /^z\u2080 = \u22125\.95: /);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'secant');
  await page.keyboard.press('Space');
  assert.match(await readout.textContent(), /Secant over h = 0\.1: slope /);
  await toggle.focus();
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
});

test('keyboard: a lab checkbox and the training lab\'s Step button', async () => {
  const { page } = view;
  const labels = async () => (await chartData(page, 'chart-depth')).map(({ label }) => label);
  const tanh = page.locator('#depth-lab').getByRole('checkbox', { name: 'Tanh', exact: true });
  const had = await tanh.isChecked();
  await tanh.focus();
  await page.keyboard.press('Space');
  assert.equal(await tanh.isChecked(), !had);
  assert.equal((await labels()).includes('Tanh'), !had);
  const step = page.locator('#training-lab [data-action="step"]');
  await step.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#train-run-a [data-slot="epoch"]')?.textContent === '1');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#train-run-a [data-slot="epoch"]')?.textContent === '2');
});

// Tabs through the whole page from the top: every control is reached, and each shows a focus
// outline at least 2 px wide with 3:1 contrast against the page. Returns the number of stops.
async function tabThrough(page) {
  const colours = await themeColours(page);
  const controls = await page.evaluateHandle(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
      .filter((element) => element.tabIndex >= 0 && !element.disabled && element.checkVisibility());
    // Of a group of radio buttons, Tab reaches the checked one only.
    return all.filter((element) => element.type !== 'radio' || element.checked);
  });
  const total = await controls.evaluate((list) => list.length);
  // From the first stop, the skip link, focused as a keyboard user would (Tab from the top).
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Shift+Tab');
  const reached = new Set();
  const unstyled = [];
  let first = null;
  for (let press = 0; press < total + 40; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((list) => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`
        + ` "${(element.getAttribute('aria-label') ?? element.textContent).slice(0, 30)}"`;
      return { index: list.indexOf(element), name, visible: element.matches(':focus-visible'),
        outline: [style.outlineStyle, Number.parseFloat(style.outlineWidth), style.outlineColor] };
    }, controls);
    if (stop.index === first) break;
    // Past the last control, focus leaves the page, then comes back to the first.
    if (stop.index < 0) continue;
    first ??= stop.index;
    reached.add(stop.index);
    const [styleName, width] = stop.outline;
    if (!stop.visible || styleName === 'none' || width < 2) unstyled.push(stop.name);
  }
  const missed = await controls.evaluate((list, seen) => list.filter((_, i) => !seen.includes(i))
    .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} in #${element.closest('section')?.id}`), [...reached]);
  assert.deepEqual(missed, [], 'controls Tab never reached');
  assert.deepEqual(unstyled, [], 'controls without a visible focus outline');
  assert.ok(contrast(colours['--focus'], colours['--bg']) >= 3);
  assert.ok(contrast(colours['--focus'], colours['--surface']) >= 3);
  return total;
}

test('keyboard: Tab reaches every control, each with a visible focus outline, in light and dark', async () => {
  const { page } = view;
  const stops = await tabThrough(page);
  assert.ok(stops > 200, `only ${stops} controls`);
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    assert.equal((await themeColours(page))['--bg'], '#15181d');
    await tabThrough(page);
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
});

// Waits until the chart on canvas #id has been redrawn in the colours the stylesheet now gives.
function redrawn(page, id) {
  return page.waitForFunction((canvasId) => document.getElementById(canvasId).chart.options.scales.x.ticks.color
    === getComputedStyle(document.documentElement).getPropertyValue('--plot-axis').trim(), id);
}

test('chart colours drawn on canvas meet AA in both themes: text 4.5:1, lines 3:1', async () => {
  const { page } = view;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await redrawn(page, 'chart-compare');
    const colours = await themeColours(page);
    const drawn = await page.evaluate(() => {
      const { chart } = document.getElementById('chart-compare');
      const { x } = chart.options.scales;
      return { ticks: x.ticks.color, title: x.title.color, legend: chart.options.plugins.legend.labels.color,
        lines: chart.data.datasets.map(({ borderColor }) => borderColor) };
    });
    // The chart was redrawn in this theme's colours.
    assert.deepEqual([drawn.ticks, drawn.title, drawn.legend], [colours['--plot-axis'], colours['--text'], colours['--text']], scheme);
    assert.ok(drawn.lines.every((colour) => colour.startsWith('#')));
    const bg = colours['--bg'];
    for (const name of ['--text', '--muted', '--plot-axis', '--accent', '--error']) {
      const ratio = contrast(colours[name], bg);
      assert.ok(ratio >= 4.5, `${scheme} ${name} ${colours[name]} on ${bg}: ${ratio.toFixed(2)}`);
    }
    for (const name of Array.from({ length: 6 }, (_, i) => `--plot-${i + 1}`)) {
      const ratio = contrast(colours[name], bg);
      assert.ok(ratio >= 3, `${scheme} ${name} ${colours[name]} on ${bg}: ${ratio.toFixed(2)}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('reduced motion: no smooth scrolling, no chart animation, Shrink h jumps at once', async () => {
  await withPage({}, async (page) => {
    const state = () => page.evaluate(() => ({
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
      animated: [...document.querySelectorAll('canvas')].filter((canvas) => canvas.chart && canvas.chart.options.animation !== false)
        .map(({ id }) => id),
    }));
    assert.deepEqual(await state(), { scroll: 'smooth', animated: [] });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.deepEqual(await state(), { scroll: 'auto', animated: [] });
    await page.locator('#tanh [data-action="slope"]').click();
    await page.locator('#tanh-slope-secant').check();
    await page.locator('#tanh [data-action="shrink"]').click();
    assert.equal(await page.locator('#tanh-slope-h').inputValue(), '-3');
  });
});

test('print: no controls, every derivation with all its steps, light colours, charts across the page', async () => {
  await withPage({}, async (page) => {
    await settled(page);
    // The dark scheme must not reach paper.
    await page.emulateMedia({ colorScheme: 'dark' });
    await redrawn(page, 'chart-sigmoid');
    assert.equal((await themeColours(page))['--plot-axis'], '#aeb5bf');
    const steppers = await page.locator('.stepper').count();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    // The charts redraw, and the steppers fill their lists, when print media starts to apply (one
    // event, so once the one has happened so has the other).
    await redrawn(page, 'chart-sigmoid');
    const printed = await page.evaluate(() => {
      const shown = (element) => getComputedStyle(element).display !== 'none';
      const hidden = ['nav', '.skip-link', '.embed-button', '.controls', '.stepper-bar', '.stepper-hint', '.stepper-current',
        '.slope-explorer', '.run-bar', 'details.data-table', '.print-note']
        .filter((selector) => [...document.querySelectorAll(selector)].some(shown));
      const steppers = [...document.querySelectorAll('.stepper')].map((stepper) => {
        const count = Number(stepper.querySelector('.step-status').textContent.match(/ of (\d+):/)[1]);
        const items = [...stepper.querySelectorAll('.stepper-all > li')];
        return { count, listed: shown(stepper.querySelector('.stepper-all')) ? items.filter(shown).length : 0,
          unbreakable: items.every((item) => getComputedStyle(item).breakInside === 'avoid') };
      });
      const style = getComputedStyle(document.documentElement);
      const { chart } = document.getElementById('chart-sigmoid');
      const canvas = chart.canvas.getBoundingClientRect();
      return { hidden, steppers, bg: style.getPropertyValue('--bg').trim(), axis: style.getPropertyValue('--plot-axis').trim(),
        ticks: chart.options.scales.x.ticks.color, width: canvas.width, height: canvas.height,
        column: document.querySelector('main').getBoundingClientRect().width };
    });
    assert.deepEqual(printed.hidden, [], 'shown on paper');
    assert.equal(printed.steppers.length, steppers);
    for (const { count, listed, unbreakable } of printed.steppers) {
      assert.ok(count >= 2);
      assert.equal(listed, count, 'a stepper prints only some of its steps');
      assert.ok(unbreakable, 'a step may split across pages');
    }
    assert.deepEqual([printed.bg, printed.axis, printed.ticks], ['#fdfdfc', '#4a5361', '#4a5361']);
    assert.ok(Math.abs(printed.width - printed.column) < 2, `chart ${printed.width} px in a ${printed.column} px column`);
    assert.ok(printed.height > 150 && printed.height < printed.width, `chart ${printed.width} x ${printed.height}`);

    const pdf = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g).length;
    assert.ok(pdf.length > 200_000, `the PDF is only ${pdf.length} bytes`);
    assert.ok(pages > 20, `the PDF has only ${pages} pages`);

    // Back on screen: each stepper shows one step again, as before printing.
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    const screen = await page.evaluate(() => [...document.querySelectorAll('.stepper')]
      .filter((stepper) => stepper.querySelector('.stepper-all').checkVisibility()).length);
    assert.equal(screen, 0);
  });
});

test("a browser's print from the dark theme: light charts and every step at 'beforeprint', dark again after", async () => {
  await withPage({}, async (page) => {
    await settled(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await redrawn(page, 'chart-sigmoid');
    // Registered last, so it sees the page as the other 'beforeprint' listeners left it.
    await page.evaluate(() => {
      window.addEventListener('beforeprint', () => {
        document.body.dataset.printedWith = JSON.stringify({
          ticks: document.getElementById('chart-sigmoid').chart.options.scales.x.ticks.color,
          heatmap: document.querySelector('.heatmap canvas').chart.options.scales.x.ticks.color,
          unlisted: document.querySelectorAll('.stepper-all:empty').length,
        });
      }, { once: true });
    });
    // page.pdf() prints as a browser does, with 'beforeprint' and 'afterprint'.
    await page.pdf({ format: 'A4' });
    const printed = JSON.parse(await page.evaluate(() => document.body.dataset.printedWith ?? '{}'));
    assert.deepEqual(printed, { ticks: '#4a5361', heatmap: '#4a5361', unlisted: 0 });
    await redrawn(page, 'chart-sigmoid');
    const after = await page.evaluate(() => [document.documentElement.classList.contains('printing'),
      document.getElementById('chart-sigmoid').chart.options.scales.x.ticks.color]);
    assert.deepEqual(after, [false, '#aeb5bf']);
  });
});

test('print before the page has loaded: a note on paper says what is missing', async () => {
  // A short window, so that no interactive section is in view and nothing starts loading.
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 300 } });
  try {
    const page = await context.newPage();
    await page.goto(site.url, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const note = page.locator('.print-note');
    assert.equal(await note.isVisible(), true);
    assert.match(await note.textContent(), /printed before the whole page had loaded/);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await note.isVisible(), false);
  } finally {
    await context.close();
  }
});
