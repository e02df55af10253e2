// Hostile entries in the page's fields: the own-activation expression (1 MB strings, 10,000 nested
// parentheses, markup, javascript: URLs, NaN, Infinity, 1e309, control, bidirectional and zero-width
// characters, lone surrogates, emoji) and the number fields (Leaky ReLU's alpha, a compare-view
// parameter, the z range, the labs' fields: NaN, Infinity, 1e309, -0, blanks, 1e-400, hex, markup).
// Each leaves a working page: a message saying what is wrong (and, for an expression, the column),
// no script run, no element inserted, no NaN or undefined on screen, no page error, and the previous
// plot, slider and address as they were. (tests/e2e/hostile-url.test.js does the same for the address.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartData, sharedPage, visibleText } from './harness.mjs';

const shared = sharedPage();
const page = () => shared.view.page;

// Puts `entry` into the field `selector`: typed (Playwright's fill, which a paste or typing matches,
// maxlength included) or set (value assigned, then an input event, as autofill or a script would; the
// only way to pass lone surrogates, which do not survive the trip to the browser as text). `entry`:
// {text} or {repeat, count} or {units: [UTF-16 code units]}.
async function enter(selector, entry, how = 'type') {
  if (how === 'type' && entry.text !== undefined) {
    await page().locator(selector).first().fill(entry.text);
    return;
  }
  await page().evaluate(([css, { text, repeat, count, units }]) => {
    const input = document.querySelector(css);
    input.value = text ?? (units ? String.fromCharCode(...units) : repeat.repeat(count));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, [selector, entry]);
}

// What must not change, and what must not appear, around the field `selector` drawing chart `chartId`.
async function snapshot(selector, chartId, watch) {
  return {
    chart: JSON.stringify(await chartData(page(), chartId)),
    watched: watch ? await page().locator(watch).textContent() : null,
    sliders: await page().evaluate((css) => [...document.querySelector(css).form.querySelectorAll('input[type="range"]')]
      .map((slider) => slider.value), selector),
    search: new URL(page().url()).search,
  };
}

// The page's state after an entry: the field's message, the script and element checks, and the visible
// text (see visibleText in harness.mjs).
async function pageState(selector) {
  const state = await page().evaluate((css) => {
    const input = document.querySelector(css);
    const message = document.getElementById(input.getAttribute('aria-describedby').split(' ')[0]);
    return {
      message: message.textContent,
      invalid: input.getAttribute('aria-invalid'),
      pwned: window.__pwned,
      inserted: document.querySelectorAll('main script, main img, main iframe, main object, main embed, [onerror], '
        + 'a[href^="javascript:" i]').length,
    };
  }, selector);
  return { ...state, text: await visibleText(page()) };
}

function assertSafe(state, what) {
  assert.equal(state.pwned, undefined, `${what}: an injected script ran`);
  assert.equal(state.inserted, 0, `${what}: an element was inserted`);
  const shown = state.text.replace(/“[^”]*”/g, '“…”').replace(/'[^'\n]*'/g, "'…'").match(/.{0,60}\b(NaN|undefined)\b.{0,60}/);
  assert.equal(shown, null, `${what}: NaN or undefined on screen: ${shown?.[0]}`);
  assert.deepEqual(shared.view.log.errors, [], `${what}: page errors`);
}

const frame = () => page().evaluate(() => new Promise((resolve) => { requestAnimationFrame(() => resolve()); }));

// The own-activation field. Each case: the entry, how it is entered, the message it must give.
const EXPRESSION = '#custom-expr';
const CUT = /Only the first 500 characters were kept: the field takes at most 500\.$/;
const EXPRESSION_CASES = [
  { name: '1 MB of letters, pasted', entry: { text: 'x'.repeat(1_000_000) }, column: 1,
    message: /^unknown name 'x{30}…' \(500 characters\) at column 1 /, cut: true },
  { name: '1 MB of letters, set', entry: { repeat: 'x', count: 1_000_000 }, how: 'set', column: 501,
    message: /^the expression is longer than 500 characters at column 501$/ },
  { name: '10,000 nested parentheses, pasted', entry: { text: `${'('.repeat(10_000)}z${')'.repeat(10_000)}` }, column: 65,
    message: /^expression nested more than 64 levels deep at column 65 /, cut: true },
  { name: '10,000 nested parentheses, set', entry: { text: `${'('.repeat(10_000)}z${')'.repeat(10_000)}` }, how: 'set',
    column: 501, message: /longer than 500 characters at column 501$/ },
  { name: 'a script tag', entry: { text: '<script>window.__pwned = 1</script>' }, column: 1,
    message: /^expected a number, a name or '\(' but found '<' at column 1$/ },
  { name: 'an image with onerror', entry: { text: 'z<img src=x onerror="window.__pwned=1">' }, column: 2,
    message: /^a comparison such as z > 0 is only allowed as a piecewise condition at column 2$/ },
  { name: 'a javascript: URL', entry: { text: 'javascript:window.__pwned=1' }, column: 1,
    message: /^unknown name 'javascript' at column 1$/ },
  { name: 'NaN', entry: { text: 'NaN' }, column: 1, message: /^unknown name 'NaN'.* at column 1$/ },
  { name: 'Infinity', entry: { text: 'Infinity*z' }, column: 1, message: /^unknown name 'Infinity'.* at column 1$/ },
  { name: '1e309', entry: { text: 'z + 1e309' }, column: 5, message: /^number '1e309' is too large at column 5$/ },
  { name: 'U+0000', entry: { units: [0x7a, 0x2b, 0, 0x31] }, how: 'set', column: 3,
    message: /^unexpected control character U\+0000 at column 3$/, shows: '⟨U+0000⟩' },
  { name: 'U+202E (right-to-left override)', entry: { text: 'z\u202e + 1' }, column: 2,
    message: /^unexpected invisible character U\+202E at column 2$/, shows: '⟨U+202E⟩' },
  { name: 'a zero-width joiner', entry: { text: 'z*\u200dz' }, column: 3,
    message: /^unexpected invisible character U\+200D at column 3$/, shows: '⟨U+200D⟩' },
  { name: 'a lone high surrogate', entry: { units: [0x7a, 0x20, 0x2b, 0x20, 0xd800, 0x31] }, how: 'set', column: 5,
    message: /^unexpected invisible character U\+D800 \(half of a broken character\) at column 5$/, shows: '⟨U+D800⟩' },
  { name: 'a lone low surrogate after an emoji', entry: { units: [0xd83d, 0xde00, 0xdc00, 0x7a] }, how: 'set', column: 2,
    message: /^unexpected invisible character U\+DC00 .* at column 2$/, shows: '⟨U+DC00⟩' },
  { name: 'an emoji', entry: { text: 'z*\u{1F600}' }, column: 3, message: /^unexpected character '\u{1F600}' \(U\+1F600\) at column 3$/u },
];
// Valid expressions entered between the cases, so each refusal starts from a fresh, accepted plot.
const VALID = ['z*tanh(z)', 'softplus(z)', 'z*sigmoid(z)', 'max(0.1z, z)'];

// After a refused expression in the field `selector`: the page is safe, the message matches and
// ends with the column (or says the paste was cut), and the marked copy in `echo` shows the
// offending character, at most 100 characters long.
async function assertRefusedExpression(selector, echo, { name, column, message, cut, shows }) {
  const state = await pageState(selector);
  assertSafe(state, name);
  assert.match(state.message, message);
  assert.ok(state.message.endsWith(`at column ${column}`) || cut, state.message);
  if (cut) assert.match(state.message, CUT);
  const copy = await page().evaluate((css) => {
    const node = document.querySelector(css);
    return { hidden: node.hidden, mark: node.querySelector('mark.error-at')?.textContent, length: node.textContent.length };
  }, echo);
  assert.equal(copy.hidden, false, 'no marked copy');
  if (shows) assert.equal(copy.mark, shows);
  assert.ok(copy.length <= 100, `the marked copy is ${copy.length} characters long`);
}

for (const [index, { name, entry, how, column, message, cut, shows }] of EXPRESSION_CASES.entries()) {
  test(`own activation: ${name} is refused at column ${column}, the plot kept`, async () => {
    const valid = VALID[index % VALID.length];
    await page().locator(EXPRESSION).fill(valid);
    await page().waitForFunction((text) => new URLSearchParams(window.location.search).get('expr') === text
      && !document.getElementById('custom-expr').hasAttribute('aria-invalid'), valid);
    const before = await snapshot(EXPRESSION, 'chart-custom');
    await enter(EXPRESSION, entry, how);
    await page().waitForFunction(() => document.getElementById('custom-expr').getAttribute('aria-invalid') === 'true');
    await assertRefusedExpression(EXPRESSION, '#custom .expression-controls .expression-echo', { name, column, message, cut, shows });
    assert.equal(await page().locator('#custom .expression-controls .expression-stale').textContent(), `The results below are still those of ${valid}.`);
    assert.deepEqual(await snapshot(EXPRESSION, 'chart-custom'), before, 'the plot or the address changed');
  });
}

// The same entries in a "Your turn" answer field (tanh's): the same refusals, column and marked
// copy, and nothing checked: no attempt counted, no verdict, the section's plot and address as they
// were, and the panel still judging the next answer. Enter (Check) on a refused answer changes nothing.
const ANSWER = '#tanh-answer';
for (const [index, { name, entry, how, column, message, cut, shows }] of EXPRESSION_CASES.entries()) {
  test(`answer field: ${name} is refused at column ${column}, nothing counted`, async () => {
    const valid = ['1 - g(z)^2', 'sech(z)^2'][index % 2];
    await page().locator(ANSWER).fill(valid);
    await page().waitForFunction(() => !document.getElementById('tanh-answer').hasAttribute('aria-invalid')
      && !document.querySelector('#tanh-practice [data-slot="answer-preview"]').hidden);
    const before = await snapshot(ANSWER, 'chart-tanh', '#tanh-practice [data-slot="practice-score"]');
    await enter(ANSWER, entry, how);
    await page().waitForFunction(() => document.getElementById('tanh-answer').getAttribute('aria-invalid') === 'true');
    await page().locator('#tanh-practice').getByRole('button', { name: 'Check' }).click();
    await assertRefusedExpression(ANSWER, '#tanh-practice .expression-echo', { name, column, message, cut, shows });
    const panel = await page().evaluate(() => ({
      preview: document.querySelector('#tanh-practice [data-slot="answer-preview"]').hidden,
      verdict: document.querySelector('#tanh-practice [data-slot="verdict"]').textContent }));
    assert.deepEqual([panel.preview, panel.verdict], [true, ''], 'preview or verdict');
    assert.deepEqual(await snapshot(ANSWER, 'chart-tanh', '#tanh-practice [data-slot="practice-score"]'), before,
      'the plot, the score or the address changed');
  });
}

// The number fields: each with the chart it drives, two valid entries that change what it shows, and
// (for the training lab, whose loss at epoch 0 does not depend on these settings) the text that
// summarises the run.
const FIELDS = [
  { name: 'Leaky ReLU\'s alpha', selector: '#leaky_relu input[name="value"][aria-describedby="alpha-control-message"]', chart: 'chart-leaky_relu',
    valid: ['0.2', '0.3'] },
  { name: 'a compare-view parameter (ELU\'s alpha)', selector: '#compare input[name="value"][aria-describedby="compare-elu-alpha-control-message"]',
    chart: 'chart-compare', valid: ['0.5', '0.7'], setup: () => page().locator('#compare').getByRole('checkbox', { name: 'ELU', exact: true }).check() },
  { name: 'the z range (from)', selector: '#sigmoid input[name="from"]', chart: 'chart-sigmoid', valid: ['-5', '-4'] },
  { name: 'the z range (to)', selector: '#sigmoid input[name="to"]', chart: 'chart-sigmoid', valid: ['5', '4'] },
  { name: 'the loss chapter\'s target y', selector: '#loss input[name="value"]', chart: 'chart-loss-gradient',
    valid: ['0.2', '0.3'] },
  { name: 'the depth lab\'s depth L', selector: '#depth-lab input[name="value"][aria-describedby="depth-L-control-message"]',
    chart: 'chart-depth', valid: ['15', '14'] },
  { name: 'the depth lab\'s mean', selector: '#depth-lab input[name="value"][aria-describedby="depth-mu-control-message"]',
    chart: 'chart-depth', valid: ['0.5', '0.25'] },
  { name: 'the training lab\'s learning rate', selector: '#training-lab input[name="lr"]', chart: 'chart-loss',
    watch: '#training-lab [data-slot="runs"]', valid: ['0.2', '0.3'] },
  { name: 'the training lab\'s batch size', selector: '#training-lab input[name="batch"]', chart: 'chart-loss',
    watch: '#training-lab [data-slot="runs"]', valid: ['16', '8'] },
];
const NUMBERS = [
  { entry: 'NaN', message: /“NaN” is not a number/ },
  { entry: 'Infinity', message: /“Infinity” is not a number/ },
  { entry: '-Infinity', message: /“-Infinity” is not a number/ },
  { entry: '1e309', message: /that number is too large/ },
  { entry: '', message: /is empty; enter a number/ },
  { entry: '   ', message: /is empty; enter a number/ },
  { entry: '1e-400', message: /“1e-400” is too close to 0 to store; enter 0 if you mean 0/ },
  { entry: '0x1F', message: /“0x1F” is not a number/ },
  { entry: '<script>window.__pwned = 1</script>', message: /“<script>window.__pwned = 1<\/script>” is not a number/ },
  { entry: '"><img src=x onerror="window.__pwned=1">', message: /is not a number/ },
  { entry: '1\u202e0', message: /“1⟨U\+202E⟩0” is not a number/ },
  { entry: 'x'.repeat(100_000), message: /“x{40}…” \(100000 characters\) is not a number/, how: 'set' },
  // -0 is a number: taken as 0 where 0 is allowed, refused as out of range elsewhere.
  { entry: '-0', message: /must be|outside/, mayAccept: true },
];

for (const field of FIELDS) {
  test(`${field.name}: ${NUMBERS.length} hostile entries each refused with a message, the plot kept`, async () => {
    await field.setup?.();
    const input = page().locator(field.selector).first();
    const take = () => snapshot(field.selector, field.chart, field.watch);
    await input.scrollIntoViewIfNeeded();
    await input.fill(field.valid[0]);
    await frame();
    assert.equal((await pageState(field.selector)).message, '', `${field.valid[0]} was refused`);
    let before = await take();
    for (const { entry, message, how, mayAccept } of NUMBERS) {
      const what = `${field.name} = ${JSON.stringify(entry.slice(0, 20))}`;
      await enter(field.selector, { text: entry }, how);
      await frame();
      const state = await pageState(field.selector);
      assertSafe(state, what);
      if (mayAccept && state.message === '') {
        // Accepted as 0: drawn, with finite numbers, and the next entries are judged from here.
        const after = JSON.parse((await take()).chart);
        assert.ok(after.every(({ data }) => data.every(({ x }) => Number.isFinite(x))), what);
        before = await take();
        continue;
      }
      assert.match(state.message, message, what);
      assert.equal(state.invalid, 'true', `${what}: the field is not marked invalid`);
      assert.deepEqual(await take(), before, `${what}: the plot, a slider or the address changed`);
    }
    // And the field still works.
    await input.fill(field.valid[1]);
    await frame();
    assert.equal((await pageState(field.selector)).message, '');
    const after = await take();
    assert.ok(after.chart !== before.chart || after.watched !== before.watched, `${field.name}: a valid entry changed nothing`);
  });
}

test('no console errors and no page errors after all of it', () => {
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error'), []);
  assert.deepEqual(shared.view.log.errors, []);
});
