// "Your own activation" on the built page: typed expressions derived and plotted, refused input
// underlined at its column, gaps where a function has no value, parameter sliders, the address as
// state, and accessibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chartData, openPage, sharedPage, yAt } from './harness.mjs';

const shared = sharedPage();

const page = () => shared.view.page;
const input = (view = shared.view) => view.page.locator('#custom-expr');
const message = (view = shared.view) => view.page.locator('#custom .expression-controls .field-message');

// Fills the field with `text` and waits until the core accepted it (the address names it).
async function typeValid(text, view = shared.view) {
  await input(view).fill(text);
  await view.page.waitForFunction((expected) => new URLSearchParams(window.location.search).get('expr') === expected
    && !document.getElementById('custom-expr').hasAttribute('aria-invalid'), text);
}

// Fills the field with `text` and waits until it is refused; returns the message shown.
async function typeInvalid(text, view = shared.view) {
  await input(view).fill(text);
  await view.page.waitForFunction((expected) => {
    const echo = document.querySelector('#custom .expression-controls .expression-echo');
    return !echo.hidden && echo.textContent.replace(/\u00a0$/, '') === expected;
  }, text);
  return message(view).textContent();
}

// What the section shows: the TeX of the preview and result, the check badge, the step count.
function shown(view = shared.view) {
  return view.page.evaluate(() => {
    const section = document.getElementById('custom');
    const tex = (slot) => section.querySelector(`[data-slot="${slot}"] annotation`)?.textContent ?? '';
    return {
      preview: tex('preview'),
      derivative: tex('derivative'),
      gForm: section.querySelector('[data-slot="g-form"]').hidden ? null : tex('g-form-math'),
      badge: section.querySelector('[data-slot="check"]').textContent,
      warning: section.querySelector('[data-slot="check"]').classList.contains('check-warning'),
      steps: section.querySelectorAll('[data-slot="steps"] .derivation-step').length,
      stepMath: section.querySelectorAll('[data-slot="steps"] .derivation-step .katex').length,
      katexErrors: section.querySelectorAll('.katex-error').length,
      resultsHidden: section.querySelector('[data-slot="results"]').hidden,
    };
  });
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const softplus = (z) => Math.log1p(Math.exp(z));
const close = (a, b, tolerance = 1e-12) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

test('the section starts with z*sigmoid(z), derived, checked and plotted', async () => {
  assert.equal(await input().inputValue(), 'z*sigmoid(z)');
  const view = await shown();
  assert.equal(view.resultsHidden, false);
  assert.match(view.preview, /^g\(z\) = /);
  assert.match(view.preview, /\\sigma|sigma/);
  assert.ok(view.steps >= 2, `only ${view.steps} steps`);
  assert.ok(view.stepMath >= view.steps, 'every step shows typeset math');
  assert.equal(view.katexErrors, 0);
  assert.match(view.derivative, /^g'\(z\) = /);
  const [g, dg] = await chartData(page(), 'chart-custom');
  assert.ok(close(yAt(g, 1), sigmoid(1)));
  assert.ok(close(yAt(dg, 1), sigmoid(1) + sigmoid(1) * (1 - sigmoid(1))));
  assert.equal(await message().textContent(), '');
  assert.equal(new URL(page().url()).search, '', 'the address is left alone until the student changes something');
});

const EXAMPLES = [
  { text: 'z*sigmoid(z)', g: (z) => z * sigmoid(z) },
  { text: 'log(1+e^z)', g: softplus },
  { text: 'z*tanh(softplus(z))', g: (z) => z * Math.tanh(softplus(z)) },
  { text: 'max(0.01z, z)', g: (z) => Math.max(0.01 * z, z) },
  { text: 'sigmoid(beta*z)', g: sigmoid },
];

test('each example button renders the math, a checked derivative and a finite chart', async () => {
  // Start from something else so every example changes the address.
  await typeValid('z');
  for (const { text, g } of EXAMPLES) {
    await page().locator('#custom .example', { hasText: text }).click();
    await page().waitForFunction((expected) => new URLSearchParams(window.location.search).get('expr') === expected, text);
    assert.equal(await input().inputValue(), text);
    const view = await shown();
    assert.ok(view.steps >= 1 && view.stepMath >= view.steps, text);
    assert.equal(view.katexErrors, 0, text);
    assert.match(view.derivative, /^g'\(z\) = \S/, text);
    const datasets = await chartData(page(), 'chart-custom');
    assert.equal(datasets.length, 2, text);
    for (const { label, data } of datasets) {
      assert.ok(data.length > 100, `${text} ${label}`);
      assert.ok(data.every(({ x, y }) => Number.isFinite(x) && Number.isFinite(y)), `${text} ${label}: not finite`);
    }
    for (const z of [-3, -0.5, 2]) {
      assert.ok(close(yAt(datasets[0], z), g(z), 1e-9), `${text}: g(${z}) = ${yAt(datasets[0], z)}, expected ${g(z)}`);
    }
  }
});

test('the derivative agrees with automatic differentiation: the badge shows a tiny error', async () => {
  for (const text of ['z*tanh(softplus(z))', 'sqrt(1 + z^2) - 1', 'erf(z)*exp(-z^2/2)']) {
    await typeValid(text);
    const { badge, warning } = await shown();
    const match = /Checked against automatic differentiation at (\d+) points: max relative error (\S+)$/.exec(badge);
    assert.ok(match, `${text}: badge reads "${badge}"`);
    assert.ok(Number(match[1]) > 0, badge);
    const error = Number(match[2]);
    assert.ok(Number.isFinite(error) && error >= 0 && error < 1e-9, `${text}: max relative error ${match[2]}`);
    assert.equal(warning, false, text);
  }
});

test('a derivative the core recognises is also written in terms of g', async () => {
  await typeValid('1/(1+e^(-z))');
  const { gForm } = await shown();
  assert.ok(gForm, 'no g-form shown');
  assert.match(gForm.replace(/\\left|\\right|\s+/g, ''), /^g'\(z\)=g\(z\)\(1-g\(z\)\)$/);
  await typeValid('z*tanh(z)');
  assert.equal((await shown()).gForm, null, 'a g-form was shown where the core found none');
});

test('a refusal without a column (too large a derivative) still shows its message, and nothing else changes', async () => {
  await typeValid('z*tanh(z)');
  const before = await chartData(page(), 'chart-custom');
  await input().fill(Array.from({ length: 40 }, (_, i) => `tanh(${i + 1}z)`).join('*'));
  await page().waitForFunction(() => document.getElementById('custom-expr').getAttribute('aria-invalid') === 'true');
  assert.match(await message().textContent(), /too large/);
  assert.equal(await page().locator('#custom .expression-controls .expression-echo').isVisible(), false);
  assert.deepEqual(await chartData(page(), 'chart-custom'), before);
});

test('the step tree nests sub-steps in collapsible details, typeset when opened', async () => {
  await typeValid('z*tanh(softplus(z))');
  const closed = await page().locator('#custom [data-slot="steps"] details.derivation-substeps:not([open])').first().elementHandle();
  assert.equal(await closed.evaluate((details) => details.querySelectorAll('.derivation-step').length), 0,
    'closed sub-steps are not typeset yet');
  await (await closed.$(':scope > summary')).click();
  const inside = await closed.evaluate((details) => ({
    open: details.open,
    steps: details.querySelectorAll(':scope > ol > .derivation-step').length,
    math: details.querySelectorAll(':scope > ol > .derivation-step > .step-math .katex').length,
    rules: [...details.querySelectorAll(':scope > ol > .derivation-step > .step-title')].map((p) => p.textContent),
  }));
  assert.equal(inside.open, true);
  assert.ok(inside.steps > 0);
  assert.equal(inside.math, inside.steps);
  assert.ok(inside.rules.every((rule) => rule.length > 2), inside.rules.join(', '));
  const rules = await page().locator('#custom [data-slot="steps"] .derivation-step > .step-title').allTextContents();
  assert.ok(rules.some((rule) => /chain rule/i.test(rule)), rules.join(', '));
  assert.ok(rules.some((rule) => /product rule/i.test(rule)), rules.join(', '));
});

test('"(z + 1" is refused at column 7, underlined there, and the last good results stay', async () => {
  await typeValid('z*tanh(z)');
  const before = await chartData(page(), 'chart-custom');
  const shownBefore = await shown();
  const text = await typeInvalid('(z + 1');
  assert.match(text, /column \d+/);
  const column = Number(/at column (\d+)/.exec(text)[1]);
  assert.equal(column, 7, text);
  assert.ok(await message().isVisible());
  assert.equal(await input().getAttribute('aria-invalid'), 'true');
  const echo = await page().evaluate(() => {
    const mark = document.querySelector('#custom .expression-controls .expression-echo mark.error-at');
    const code = mark.parentElement;
    const range = document.createRange();
    range.setStart(code, 0);
    range.setEndBefore(mark);
    return { before: range.toString(), mark: mark.textContent, count: document.querySelectorAll('#custom .expression-controls mark').length };
  });
  assert.deepEqual(echo, { before: '(z + 1', mark: '\u00a0', count: 1 });
  assert.deepEqual(await chartData(page(), 'chart-custom'), before, 'the chart changed');
  const shownAfter = await shown();
  assert.deepEqual({ ...shownAfter }, { ...shownBefore }, 'the derivation changed');
  assert.match(await page().locator('#custom .expression-controls .expression-stale').textContent(), /z\*tanh\(z\)|tanh/);
  assert.equal(new URLSearchParams(new URL(page().url()).search).get('expr'), 'z*tanh(z)');
});

test('an error inside the text underlines the offending character', async () => {
  const text = await typeInvalid('z * * 2');
  const column = Number(/at column (\d+)$/.exec(text)?.[1]);
  assert.ok(column >= 1 && column <= 7, text);
  const mark = await page().locator('#custom .expression-controls mark.error-at').textContent();
  assert.equal(mark, Array.from('z * * 2')[column - 1]);
});

test('an unknown function "tanhh(z)" suggests tanh', async () => {
  const text = await typeInvalid('tanhh(z)');
  assert.match(text, /tanhh/);
  assert.match(text, /did you mean tanh\?/);
  assert.match(text, /at column 1$/);
  assert.equal(await page().locator('#custom .expression-controls mark.error-at').textContent(), 't');
  await typeValid('tanh(z)');
  assert.equal(await message().textContent(), '');
  assert.equal(await page().locator('#custom .expression-controls .expression-echo').isVisible(), false);
  assert.equal(await page().locator('#custom .expression-controls mark').count(), 0);
});

test('log(z) plots with gaps (nulls) for z <= 0 and no "NaN" anywhere in the section', async () => {
  await typeValid('log(z)');
  const [g, dg] = await chartData(page(), 'chart-custom');
  for (const { x, y } of g.data) {
    if (x <= 0) assert.equal(y, null, `g(${x}) = ${y}`);
    else assert.ok(close(y, Math.log(x)), `g(${x}) = ${y}`);
  }
  assert.equal(yAt(dg, 0), null);
  for (const { x, y } of dg.data.filter((point) => point.x > 0)) assert.ok(close(y, 1 / x), `g'(${x}) = ${y}`);
  const spanGaps = await page().evaluate(() => document.getElementById('chart-custom').chart.data.datasets
    .map((dataset) => dataset.spanGaps));
  assert.deepEqual(spanGaps, [false, false]);
  const text = await page().locator('#custom').innerText();
  assert.doesNotMatch(text, /NaN|Infinity|undefined|null/);
  const label = await page().locator('#chart-custom').getAttribute('aria-label');
  assert.doesNotMatch(label, /NaN|Infinity|undefined|null/);
  assert.match(label, /gaps/);
});

test('an expression using beta shows a beta slider only, and moving it re-plots', async () => {
  await typeValid('z');
  assert.equal(await page().locator('#custom .param-controls:visible').count(), 0);
  await typeValid('sigmoid(beta*z)');
  const slider = page().locator('#custom').getByRole('slider', { name: /beta/i });
  assert.ok(await slider.isVisible());
  assert.equal(await page().locator('#custom').getByRole('slider', { name: /alpha/i }).count(), 0);
  const before = await chartData(page(), 'chart-custom');
  assert.ok(close(yAt(before[0], 1), sigmoid(1)));
  await slider.fill('2');
  await page().waitForFunction(() => new URLSearchParams(window.location.search).get('expr.beta') === '2');
  assert.equal(new URLSearchParams(new URL(page().url()).search).get('beta'), null, 'bare beta= belongs to fn=');
  const [g, dg] = await chartData(page(), 'chart-custom');
  assert.ok(close(yAt(g, 1), sigmoid(2)), `g(1) = ${yAt(g, 1)}`);
  assert.ok(close(yAt(dg, 1), 2 * sigmoid(2) * (1 - sigmoid(2))), `g'(1) = ${yAt(dg, 1)}`);
  assert.notDeepEqual(g.data, before[0].data);
  assert.equal(new URLSearchParams(new URL(page().url()).search).get('expr.alpha'), null);
  assert.equal(await page().locator('#custom .param-controls input[name="value"]:visible').inputValue(), '2');
  await typeValid('z^2');
  assert.equal(await slider.isVisible(), false);
  assert.equal(new URLSearchParams(new URL(page().url()).search).get('expr.beta'), null);
});

test('typing key by key updates the address once the expression is complete', async () => {
  const entries = await page().evaluate(() => window.history.length);
  await input().fill('');
  await input().pressSequentially('z*tanh(2z)', { delay: 20 });
  await page().waitForFunction(() => new URLSearchParams(window.location.search).get('expr') === 'z*tanh(2z)');
  assert.equal(await input().getAttribute('aria-invalid'), null);
  assert.equal(await message().textContent(), '');
  const [g] = await chartData(page(), 'chart-custom');
  assert.ok(close(yAt(g, 0.5), 0.5 * Math.tanh(1)));
  assert.equal(await page().evaluate(() => window.history.length), entries, 'replaceState, not new history entries');
});

test('?expr=z*tanh(z) loads that expression, with its parameters', async () => {
  const view = await openPage(shared.site, { search: '?expr=z*tanh(z)' });
  try {
    assert.equal(await input(view).inputValue(), 'z*tanh(z)');
    const [g] = await chartData(view.page, 'chart-custom');
    assert.ok(close(yAt(g, 1), Math.tanh(1)));
    assert.match((await shown(view)).preview, /tanh/);
  } finally {
    await view.close();
  }
  const withBeta = await openPage(shared.site, { search: `?expr=${encodeURIComponent('sigmoid(beta*z)')}&expr.beta=2` });
  try {
    const [g] = await chartData(withBeta.page, 'chart-custom');
    assert.ok(close(yAt(g, 1), sigmoid(2)));
    assert.equal(await withBeta.page.locator('#custom').getByRole('slider', { name: /beta/i }).inputValue(), '2');
  } finally {
    await withBeta.close();
  }
});

test('bare beta= is not the typed activation\'s: it keeps its default', async () => {
  const view = await openPage(shared.site, { search: `?expr=${encodeURIComponent('sigmoid(beta*z)')}&beta=3` });
  try {
    const [g] = await chartData(view.page, 'chart-custom');
    assert.ok(close(yAt(g, 1), sigmoid(1)), `g(1) = ${yAt(g, 1)}`);
    assert.equal(await view.page.locator('#custom').getByRole('slider', { name: /beta/i }).inputValue(), '1');
  } finally {
    await view.close();
  }
});

test('an out-of-range expr.beta= is refused next to its slider, naming the key', async () => {
  const view = await openPage(shared.site, { search: `?expr=${encodeURIComponent('sigmoid(beta*z)')}&expr.beta=99` });
  try {
    const [g] = await chartData(view.page, 'chart-custom');
    assert.ok(close(yAt(g, 1), sigmoid(1)), `g(1) = ${yAt(g, 1)}`);
    const notice = await view.page.locator('#custom .param-controls:visible .field-message').textContent();
    assert.match(notice, /^expr\.beta in the link must be from \u22125 to 5, not 99; using 1\.$/);
  } finally {
    await view.close();
  }
});

test('an invalid ?expr= shows the message, inserts nothing as HTML, and the page keeps working', async () => {
  const hostile = '<img src=x onerror=alert(1)>(';
  const view = await openPage(shared.site, { search: `?expr=${encodeURIComponent(hostile)}` });
  try {
    assert.equal(await input(view).inputValue(), hostile);
    assert.match(await message(view).textContent(), /column \d+/);
    assert.equal(await view.page.locator('#custom img').count(), 0);
    assert.ok((await view.page.locator('#custom .expression-controls .expression-echo').textContent()).startsWith('<'));
    assert.equal((await shown(view)).resultsHidden, true);
    assert.ok((await chartData(view.page, 'chart-sigmoid')).length === 2, 'the rest of the page works');
    await typeValid('relu(z)', view);
    const [g] = await chartData(view.page, 'chart-custom');
    assert.deepEqual([yAt(g, -2), yAt(g, 3)], [0, 3]);
    assert.equal((await shown(view)).resultsHidden, false);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

test('axe-core finds no violations with the section populated, sub-steps open and an error shown', async () => {
  const view = await openPage(shared.site, { bypassCSP: true, search: '?expr=sigmoid(beta*z)*z' });
  try {
    // Opening a level reveals the next one's summaries.
    const closed = view.page.locator('#custom details:not([open]) > summary');
    for (let opened = 0; opened < 60 && (await closed.count()) > 0; opened += 1) await closed.first().click();
    assert.deepEqual(await axeViolations(view.page), []);
    await typeInvalid('tanhh(z)', view);
    assert.deepEqual(await axeViolations(view.page), []);
  } finally {
    await view.close();
  }
});

test('no console errors or page errors in the section', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error' || type === 'warning'), []);
  assert.deepEqual(shared.view.log.errors, []);
});

test('a kink is listed with its one-sided slopes and the value used there; smooth functions list none', async () => {
  await typeValid('max(0.01z, z)');
  const kinks = page().locator('#custom [data-slot="kink-list"] li');
  assert.deepEqual(await kinks.allTextContents(),
    ['At z = 0: slope 0.01 from the left, 1 from the right; g\u2032(0) = 0.01 here.']);
  await typeValid('min(max(0, z), 6)');
  assert.equal(await kinks.count(), 2);
  assert.match(await kinks.nth(1).textContent(), /^At z = 6: slope 1 from the left, 0 from the right/);
  await typeValid('z*sigmoid(z)');
  assert.equal(await page().locator('#custom [data-slot="kinks"]').isHidden(), true);
});

test('the syntax help lists the functions of the core\'s table, sech included, and sech(z)^2 is derived', async () => {
  const listed = await page().evaluate(() => [...document.querySelectorAll('#custom [data-slot="functions"] code')]
    .map((code) => code.textContent));
  for (const name of ['exp', 'log', 'ln', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'sech', 'sigmoid', 'softplus', 'relu', 'erf',
    'max(a, b)', 'min(a, b)']) {
    assert.ok(listed.includes(name), `${name} is not listed: ${listed.join(', ')}`);
  }
  // The kink search's range, as the core defines it (core.limits().expression.kinkRange).
  assert.equal(await page().locator('#custom [data-slot="kink-range"] annotation').textContent(), '-10 \\le z \\le 10');
  await typeValid('sech(z)^2');
  const view = await shown();
  assert.match(view.preview, /\\operatorname\{sech\}\^\{2\}\(z\)/);
  assert.match(view.badge, /automatic differentiation/);
  assert.equal(view.warning, false);
  assert.equal(view.katexErrors, 0);
});
