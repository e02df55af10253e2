// "Computed carefully", the panel of the own-activation section on the built page: the forms as
// written beside the stable forms the core evaluates and the identities between them, each form's
// error in ULP over the section's plot range (with the buttons that widen it), the sentences on where
// the form as written breaks down and where the stable form is ill-conditioned, all in words (no NaN
// or Infinity on screen), measured only when what it measures changes, and accessible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from 'activation-derivations';
import { axeViolations, chartData, openPage, sharedPage } from './harness.mjs';

const shared = sharedPage();
const page = () => shared.view.page;
const core = await loadCore();

// The error plot's axis (web/js/figures/ulp-plot.js): exact results on the floor, infinite errors on
// the ceiling.
const FLOOR = 0.1;
const CEILING = 1e17;
// The plotted points (PLOT_POINTS in the build).
const POINTS = 481;

// Fills the field with `text` and waits until the core accepted it (the address names it).
async function typeValid(text, view = shared.view) {
  await view.page.locator('#custom-expr').fill(text);
  await view.page.waitForFunction((expected) => new URLSearchParams(window.location.search).get('expr') === expected
    && !document.getElementById('custom-expr').hasAttribute('aria-invalid'), text);
}

// Waits until the error plot spans z from `from` to `to`.
function plotted(from, to, view = shared.view) {
  return view.page.waitForFunction(([lo, hi]) => {
    const { x } = document.getElementById('chart-custom-ulp').chart.options.scales;
    return x.min === lo && x.max === hi;
  }, [from, to]);
}

// Sets the section's plot range by typing into its fields.
async function typeRange(from, to, view = shared.view) {
  const field = (name) => view.page.locator(`#custom .range-controls input[name="${name}"]`);
  // Widening first keeps every intermediate range valid.
  await field('to').fill(String(Math.max(to, 6)));
  await field('from').fill(String(from));
  await field('to').fill(String(to));
  await plotted(from, to, view);
}

// Clicks the panel's range button whose text names `to`, and waits for the plot.
async function clickRange(from, to, view = shared.view) {
  await view.page.locator('#custom [data-slot="tails"] button', { hasText: `to ${to}` }).click();
  await plotted(from, to, view);
}

// What the panel shows: each form pair's TeX (null when hidden), the sentence that no rewrite was
// needed, the identities' summaries, and the sentences on g and g′.
function panel(view = shared.view) {
  return view.page.evaluate(() => {
    const root = document.querySelector('#custom [data-slot="careful"]');
    const slot = (name) => root.querySelector(`[data-slot="${name}"]`);
    const tex = (name) => slot(name).querySelector('annotation')?.textContent.replace(/\s+/g, '') ?? '';
    const pair = (prefix) => (slot(`careful-${prefix}`).hidden ? null
      : { plain: tex(`plain-${prefix}`), stable: tex(`stable-${prefix}`) });
    return {
      input: pair('input'),
      derivative: pair('derivative'),
      none: slot('careful-none').hidden ? null : slot('careful-none').textContent,
      summaries: [...root.querySelectorAll('details.derivation-substeps > summary')].map((s) => s.textContent),
      value: slot('accuracy-value').textContent,
      slope: slot('accuracy-derivative').textContent,
      katexErrors: root.querySelectorAll('.katex-error').length,
    };
  });
}

// The error plot's series by label: {label: [{x, y}]}.
async function errors(view = shared.view) {
  return Object.fromEntries((await chartData(view.page, 'chart-custom-ulp')).map(({ label, data }) => [label, data]));
}

const largest = (data) => Math.max(...data.map(({ y }) => y ?? -Infinity));
const at = (data, z) => data.find(({ x }) => Math.abs(x - z) < 1e-9).y;
// A number as the page writes it ("−1.2e−5") read back.
const read = (text) => Number(text.replace(/\u2212/g, '-'));
const grid = (from, to) => Float64Array.from({ length: POINTS }, (_, i) => from + ((to - from) * i) / (POINTS - 1));

// The data table of the error plot, opened: its rows' cells as text, header row first.
function errorTable(view = shared.view) {
  return view.page.locator('#custom [data-slot="careful"] details.data-table').evaluate(async (details) => {
    details.open = true;
    await new Promise((resolve) => { setTimeout(resolve, 0); });
    return [...details.querySelectorAll('tr')].map((row) => [...row.cells].map((cell) => cell.textContent));
  });
}

test('sigmoid(z): g′ as written beside its stable form, and the identity "one minus a sigmoid" between them', async () => {
  await typeValid('sigmoid(z)');
  const shown = await panel();
  assert.equal(shown.input, null, 'g needed no rewrite, so no pair for it');
  assert.deepEqual(shown.derivative, { plain: "g'(z)=\\sigma(z)(1-\\sigma(z))", stable: "g'(z)=\\sigma(z)\\sigma(-z)" });
  assert.equal(shown.none, null);
  assert.equal(shown.katexErrors, 0);
  assert.deepEqual(shown.summaries, ['The identities that make g\u2032 careful (1 step)']);
  const details = page().locator('#custom [data-slot="derivative-rewrites"] details');
  assert.equal(await details.locator('.derivation-step').count(), 0, 'typeset before it was opened');
  await details.locator('summary').click();
  const step = await details.evaluate((node) => ({
    rule: node.querySelector('.step-title').textContent,
    math: node.querySelector('.step-math annotation').textContent.replace(/\s+/g, ''),
    note: node.querySelector('.step-note').textContent,
    noteMath: node.querySelectorAll('.step-note .katex').length,
  }));
  assert.equal(step.rule, 'one minus a sigmoid');
  assert.equal(step.math, '1-\\sigma(z)=\\sigma(-z)');
  assert.match(step.note, /without subtracting from 1/);
  assert.ok(step.noteMath > 0, 'the note\'s math is typeset');
  // The stacked and side-by-side layout: at this width, side by side.
  const [left, right] = await page().locator('#custom [data-slot="careful-derivative"] .form-pair > div').evaluateAll(
    (cells) => cells.map((cell) => cell.getBoundingClientRect().toJSON()));
  assert.ok(Math.abs(left.top - right.top) < 1 && right.left >= left.right, 'not side by side on a wide screen');
});

test('"z from −50 to 50" widens the plot: g′ as written breaks down near z = 23, its stable form stays within a few ULP', async () => {
  await typeValid('sigmoid(z)');
  await clickRange(-50, 50);
  const fields = await page().locator('#custom .range-controls input').evaluateAll((inputs) => inputs.map((input) => input.value));
  assert.deepEqual(fields, ['\u221250', '50']);
  const [g] = await chartData(page(), 'chart-custom');
  assert.deepEqual([g.data[0].x, g.data.at(-1).x], [-50, 50], 'the plot of g follows');

  const { value, slope } = await panel();
  assert.match(value, /^As written, g does not break down over this range \(worst error [\d.]+ ULP\)\.$/);
  const match = /^Counting out from z = 0, g′ as written first breaks down at z = (\S+), where it returns (\S+) \(the true value is (\S+): off by more than a millionth\)\. The stable form stays within (\S+) ULP over the whole range\.$/.exec(slope);
  assert.ok(match, slope);
  // Where 1 - sigma(z) has lost a millionth: about 1e-10 of it is left there, and sigma rounds by 1e-16.
  const z = read(match[1]);
  assert.ok(z > 23 && z < 24, `breaks down at ${z}`);
  const [breakdown] = core.accuracy('sigmoid(z)', grid(-50, 50)).derivative.breakdowns;
  assert.equal(z, breakdown.z, 'the z the core located');
  assert.ok(Math.abs(read(match[2]) / read(match[3]) - 1) > 1e-6, `${match[2]} against ${match[3]}`);
  assert.ok(read(match[4]) > 0 && read(match[4]) < 10, `the stable form within ${match[4]} ULP`);

  const series = await errors();
  assert.deepEqual(Object.keys(series), ['g as written', 'g stable form', 'g\u2032 as written', 'g\u2032 stable form']);
  // Past z = 37, 1 - sigma(z) is 0: not one digit right, about 2^52 to 2^53 ULP.
  assert.ok(largest(series['g\u2032 as written']) > 1e15, `as written: at most ${largest(series['g\u2032 as written'])} ULP`);
  assert.ok(at(series['g\u2032 as written'], 50) > 4e15);
  assert.ok(largest(series['g\u2032 stable form']) < 10, `stable: up to ${largest(series['g\u2032 stable form'])} ULP`);
  assert.ok(at(series['g\u2032 as written'], -50) < 10, 'the left tail is fine as written');
  assert.equal(at(series['g\u2032 as written'], 0), FLOOR, 'exact at 0, on the floor');
  const table = await errorTable();
  assert.deepEqual(table[0], ['z', 'g as written', 'g stable form', 'g\u2032 as written', 'g\u2032 stable form']);
  assert.equal(table.at(-1)[0], '50');
  assert.match(table.at(-1)[3], /^returns 0 \(the stable form gives 1\.9287e\u221222\): every digit lost$/);
  assert.match(table.at(-1)[4], /^0\.\d+ ULP off \(the nearest double\): returns 1\.9287e\u221222$/);
});

test('(exp(z)-exp(-z))/(exp(z)+exp(-z)) over −800 to 800: as written it is not a number past 709.78, said in words', async () => {
  await typeValid('(exp(z)-exp(-z))/(exp(z)+exp(-z))');
  await clickRange(-800, 800);
  const shown = await panel();
  assert.deepEqual(shown.input, { plain: 'g(z)=\\frac{e^{z}-e^{-z}}{e^{z}+e^{-z}}', stable: 'g(z)=\\tanh(z)' });
  assert.equal(shown.derivative.stable, "g'(z)=\\operatorname{sech}^{2}(z)");
  assert.deepEqual(shown.summaries, ['The identities that make g careful (3 steps)', 'The identities that make g\u2032 careful (2 steps)']);
  const match = /^Counting out from z = 0, g as written first breaks down at z = (\S+), where it returns not a number \(the true value is −1\), and at z = (\S+), where it returns not a number \(the true value is 1\)\. The stable form stays within (\S+) ULP over the whole range\.$/.exec(shown.value);
  assert.ok(match, shown.value);
  // e^z overflows past log(max double) = 709.78...: inf/inf.
  assert.ok(Math.abs(read(match[1]) + 709.78) < 0.01 && Math.abs(read(match[2]) - 709.78) < 0.01, shown.value);
  assert.ok(read(match[3]) <= 1);
  const series = await errors();
  assert.equal(at(series['g as written'], 800), CEILING, 'not a number: on the ceiling');
  assert.equal(at(series['g as written'], -800), CEILING);
  assert.equal(at(series['g stable form'], 800), FLOOR, 'tanh(800) = 1 exactly');
  const table = await errorTable();
  assert.equal(table[1][1], 'returns not a number (the stable form gives \u22121): every digit lost');
  assert.equal(table.at(-1)[1], 'returns not a number (the stable form gives 1): every digit lost');
});

test('z^2 needs no rewrite: one sentence says so, nothing breaks down, and the plot is still drawn', async () => {
  await typeValid('z^2');
  await typeRange(-6, 6);
  const shown = await panel();
  assert.deepEqual([shown.input, shown.derivative, shown.summaries], [null, null, []]);
  assert.equal(shown.none, 'As written, g and g\u2032 are already careful: the engine knows no identity that would compute them more accurately.');
  assert.match(shown.value, /^As written, g does not break down over this range \(worst error 0\.\d+ ULP\)\.$/);
  assert.equal(shown.slope, 'As written, g\u2032 is exact at every plotted point.');
  const series = await errors();
  assert.equal(Object.keys(series).length, 4);
  for (const [label, data] of Object.entries(series)) assert.equal(data.length, POINTS, label);
  assert.ok(series['g\u2032 as written'].every(({ y }) => y === FLOOR), '2z is exact everywhere');
  assert.ok(series['g stable form'].every(({ y }) => y >= FLOOR && y < 1));
});

test('sqrt(z^2+1)-z over 1e5 to 1e6 is ill-conditioned: its condition number and the digits it costs', async () => {
  await typeValid('sqrt(z^2+1)-z');
  await typeRange(1e5, 1e6);
  const { none, value, slope } = await panel();
  assert.match(none, /already careful/);
  for (const [name, text] of [['g', value], ['g\u2032', slope]]) {
    assert.match(text, new RegExp(`^Counting out from z = 0, ${name} as written first breaks down at z = 100000, `));
    assert.match(text, new RegExp(`Ill-conditioned: at z = 1000000, the condition number of ${name} is 4e12, so about 12 of `
      + 'its 16 digits can be lost; no identity the engine knows removes this cancellation\\.$'), text);
  }
  // Cancellation costs the stable form (here the same form) its digits too.
  assert.ok(largest((await errors())['g\u2032 stable form']) > 1e9);
});

// Every text the panel gives for `view`: its visible text, the error plot's name and each point's tooltip.
function panelTexts(view = shared.view) {
  return view.page.evaluate(() => {
    const root = document.querySelector('#custom [data-slot="careful"]');
    const canvas = document.getElementById('chart-custom-ulp');
    return [root.innerText, canvas.getAttribute('aria-label'),
      ...canvas.chart.data.datasets.flatMap((dataset) => dataset.data.map((_, i) => dataset.describe(i)))];
  });
}

test('no NaN, Infinity, undefined or null in the panel, its tooltips or its data table', async () => {
  const cases = [['log(z)', -6, 6], ['1/z', -6, 6], ['exp(z)', -800, 800], ['log(1+e^z)', -800, 800],
    ['(exp(z)-exp(-z))/(exp(z)+exp(-z))', -800, 800], ['sqrt(z)', -50, 50], ['(exp(z)-1)/z', -6, 6]];
  for (const [text, from, to] of cases) {
    await typeValid(text);
    await typeRange(from, to);
    const texts = [...await panelTexts(), ...(await errorTable()).flat()];
    const bad = texts.filter((part) => typeof part !== 'string' || /NaN|Infinity|undefined|null/.test(part));
    assert.deepEqual(bad.map((part) => String(part).slice(0, 120)), [], text);
    assert.equal(texts.length > 4 * POINTS, true);
  }
  // log(z) has no real value below 0: a gap, said in words, in every series.
  await typeValid('log(z)');
  await typeRange(-6, 6);
  const series = await errors();
  for (const [label, data] of Object.entries(series)) assert.equal(at(data, -3), null, label);
  assert.equal((await errorTable())[1][1], 'no real value here');
});

test('the accuracy is measured when the expression, a parameter or the range changes, not when the slope explorer redraws', async () => {
  await typeValid('sigmoid(beta*z)');
  await typeRange(-6, 6);
  await page().evaluate(() => {
    const canvas = document.getElementById('chart-custom-ulp');
    const setAttribute = canvas.setAttribute.bind(canvas);
    window.ulpDraws = 0;
    canvas.setAttribute = (name, value) => {
      if (name === 'aria-label') window.ulpDraws += 1;
      setAttribute(name, value);
    };
  });
  const draws = () => page().evaluate(() => window.ulpDraws);
  const before = await chartData(page(), 'chart-custom');
  await page().locator('#custom [data-action="slope"]').click();
  await page().locator('#custom-slope-z0').fill('2');
  assert.notDeepEqual(await chartData(page(), 'chart-custom'), before, 'the slope explorer drew nothing');
  assert.equal(await draws(), 0, 'redrawn for the slope explorer');
  await page().locator('#custom-slope-z0').fill('-1');
  await page().locator('#custom [data-action="slope"]').click();
  assert.equal(await draws(), 0);
  await page().locator('#custom').getByRole('slider', { name: /beta/i }).fill('2');
  await page().waitForFunction(() => new URLSearchParams(window.location.search).get('expr.beta') === '2');
  assert.equal(await draws(), 1, 'a parameter changes it');
  await typeRange(-10, 10);
  assert.ok(await draws() >= 2, 'the range changes it');
  const drawn = await draws();
  await typeValid('z*sigmoid(z)');
  assert.equal(await draws(), drawn + 1, 'the expression changes it');
});

test('axe-core finds no violations in the panel, light and dark, with its identities and table open, and at 360 px it stacks', async () => {
  const view = await openPage(shared.site, { bypassCSP: true, search: `?expr=${encodeURIComponent('(exp(z)-exp(-z))/(exp(z)+exp(-z))')}` });
  try {
    await clickRange(-800, 800, view);
    const closed = view.page.locator('#custom [data-slot="careful"] details:not([open]) > summary');
    for (let opened = 0; opened < 10 && (await closed.count()) > 0; opened += 1) await closed.first().click();
    await view.page.waitForFunction(() => document.querySelector('#custom [data-slot="careful"] details.data-table tbody tr'));
    assert.deepEqual(await axeViolations(view.page), [], 'light');
    await view.page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(view.page), [], 'dark');
    await view.page.setViewportSize({ width: 360, height: 740 });
    const layout = await view.page.evaluate(() => {
      const [left, right] = [...document.querySelectorAll('#custom [data-slot="careful-input"] .form-pair > div')]
        .map((cell) => cell.getBoundingClientRect());
      return { stacked: right.top >= left.bottom - 1, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth };
    });
    assert.ok(layout.stacked, 'the forms are not stacked at 360 px');
    assert.ok(layout.scrollWidth <= layout.width, `the page is ${layout.scrollWidth} px wide in ${layout.width}`);
    assert.deepEqual(await axeViolations(view.page), [], '360 px');
  } finally {
    await view.close();
  }
});

test('on paper: the error plot and the sentences, not the range buttons', async () => {
  await typeValid('sigmoid(z)');
  await page().emulateMedia({ media: 'print' });
  try {
    const printed = await page().evaluate(() => {
      const shown = (selector) => getComputedStyle(document.querySelector(selector)).display !== 'none';
      return { buttons: shown('#custom [data-slot="tails"]'), chart: shown('#chart-custom-ulp'),
        sentence: shown('#custom [data-slot="accuracy-derivative"]'), pair: shown('#custom [data-slot="careful-derivative"]') };
    });
    assert.deepEqual(printed, { buttons: false, chart: true, sentence: true, pair: true });
  } finally {
    await page().emulateMedia({ media: 'screen' });
  }
});

test('no console errors or page errors', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(shared.view.log.errors, []);
});
