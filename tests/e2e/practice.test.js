// "Your turn" on the built page: the student types g'(z), the core judges it and the panel says so
// (right, with the walkthrough's form; the mistake named; or where it differs, drawn over the true
// g'), hints cost points, attempts are counted, "Another like this" keeps its seed in the address,
// and "Your results" lists and downloads what was done. Keyboard, live region, 360 px, dark, print
// and embed. (The answer field's hostile entries are in hostile-input.test.js.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertNarrowAndAccessible, openPage, sharedPage } from './harness.mjs';

const shared = sharedPage({ bypassCSP: true });
const page = () => shared.view.page;

const panel = (id, view = shared.view) => view.page.locator(`#${id}-practice`);
const answer = (id, view) => panel(id, view).getByRole('textbox', { name: /Your g/ });
const verdict = (id, view) => panel(id, view).locator('[data-slot="verdict"]');
const score = (id, view) => panel(id, view).locator('[data-slot="practice-score"]');

// Types `text` into the panel of `id`, presses Check and returns the verdict's text.
async function check(id, text, view = shared.view) {
  await answer(id, view).fill(text);
  await panel(id, view).getByRole('button', { name: 'Check' }).click();
  await view.page.waitForFunction((sel) => document.querySelector(sel).textContent.trim() !== '',
    `#${id}-practice [data-slot="verdict"]`);
  return (await verdict(id, view).innerText()).replace(/\s+/g, ' ');
}

test('each tutorial section, each catalogue entry and the own activation have a labelled panel', async () => {
  // The catalogue builds its entries as the reader nears them.
  await page().evaluate(async () => {
    for (const entry of document.querySelectorAll('.catalogue-entry')) {
      entry.scrollIntoView({ behavior: 'instant' });
      for (let i = 0; i < 100 && entry.hasAttribute('data-pending'); i += 1) await new Promise((r) => { setTimeout(r, 20); });
    }
    window.scrollTo({ top: 0, behavior: 'instant' });
  });
  const found = await page().evaluate(() => ({
    tutorial: ['sigmoid', 'tanh', 'relu', 'leaky_relu'].map((id) => {
      const root = document.getElementById(`${id}-practice`);
      return root && [root.closest('section').id, root.querySelector('.practice-title').tagName,
        root.getAttribute('aria-labelledby') === root.querySelector('.practice-title').id];
    }),
    catalogue: document.querySelectorAll('.catalogue-entry .practice h4.practice-title').length,
    entries: document.querySelectorAll('.catalogue-entry').length,
    custom: document.querySelectorAll('#custom .practice').length,
    ids: [...document.querySelectorAll('.practice [id]')].map((node) => node.id),
  }));
  assert.deepEqual(found.tutorial, [['sigmoid', 'H3', true], ['tanh', 'H3', true], ['relu', 'H3', true], ['leaky_relu', 'H3', true]]);
  assert.equal(found.catalogue, found.entries);
  assert.ok(found.entries >= 15);
  assert.equal(found.custom, 1);
  assert.equal(new Set(found.ids).size, found.ids.length, 'an id used twice');
  const task = await panel('tanh').locator('[data-slot="task"] annotation').textContent();
  assert.match(task, /^g\(z\) = \\tanh/);
  const described = await answer('tanh').getAttribute('aria-describedby');
  assert.equal(described, 'tanh-answer-message tanh-answer-help');
});

test('the preview shows how the answer was read, and a malformed one its column, live', async () => {
  await answer('tanh').fill('sech(z)^2');
  const preview = panel('tanh').locator('[data-slot="answer-preview"]');
  await preview.waitFor({ state: 'visible' });
  assert.match(await preview.locator('annotation').textContent(), /\\operatorname\{sech\}|sech/);
  await answer('tanh').fill('1 - (g(z)');
  await page().waitForFunction(() => document.getElementById('tanh-answer').getAttribute('aria-invalid') === 'true');
  assert.match(await panel('tanh').locator('.field-message').textContent(), /at column 10$/);
  assert.equal(await panel('tanh').locator('.expression-echo mark.error-at').count(), 1);
  assert.equal(await preview.isVisible(), false);
  assert.equal(await verdict('tanh').textContent(), '', 'typing is not checking');
  assert.match(await score('tanh').textContent(), /^0 checks, 0 hints: not solved yet\./);
  await panel('tanh').getByRole('button', { name: 'Check' }).click();
  assert.match(await score('tanh').textContent(), /^0 checks/, 'a malformed answer is not an attempt');
  await answer('tanh').fill('');
  await panel('tanh').getByRole('button', { name: 'Check' }).click();
  assert.match(await panel('tanh').locator('.field-message').textContent(), /^Type your g′\(z\) first/);
});

test('a classic mistake is named with its step, and the two curves are drawn with the point', async () => {
  const text = await check('tanh', '1 - g(z)');
  assert.match(text, /^Not yet: that is not g′\(z\)\./);
  assert.match(text, /Your answer is .*; the derivative is .*, the square of tanh/s);
  assert.match(text, /the step "in terms of g" shows it\./);
  assert.match(text, /At z = −?\d+(\.\d+)?, g′\(z\) is .*, but your answer gives /);
  const plot = panel('tanh').locator('[data-slot="practice-plot"]');
  assert.equal(await plot.isVisible(), true);
  const drawn = await plot.locator('canvas').evaluate((canvas) => ({
    labels: canvas.chart.data.datasets.map((d) => d.label),
    described: canvas.getAttribute('aria-label') ?? canvas.textContent,
    table: canvas.closest('figure').querySelector(':scope > details.data-table') !== null,
  }));
  assert.deepEqual(drawn.labels, ['true g′(z)', 'your answer']);
  assert.equal(drawn.table, true, 'the plot has no data table');
  assert.match(await score('tanh').textContent(), /^1 check, 0 hints: not solved yet\./);
  assert.equal(await verdict('tanh').getAttribute('role'), 'status');
  assert.equal(await verdict('tanh').getAttribute('aria-live'), 'polite');
});

test('a right answer in another form is correct, with the walkthrough\'s form, and scores 90', async () => {
  const text = await check('tanh', '(1 - g(z))*(1 + g(z))');
  assert.match(text, /^Correct: that is g′\(z\)\. The walkthrough writes it as/);
  assert.equal(await panel('tanh').locator('[data-slot="practice-plot"]').isVisible(), false);
  assert.match(await score('tanh').textContent(), /^2 checks, 0 hints: solved, 90 of 100 points\./);
  // The walkthrough's own form is just correct; at the kink the frameworks' value is shown, not required.
  const kink = /At z = 0 the slope jumps from 0 to 1, so g′ is not defined there and either side is accepted; the frameworks' convention there is 0\.$/;
  const own = await check('relu', 'piecewise(z > 0, 1, z <= 0, 0)');
  assert.match(own, /^Correct: that is g′\(z\)\. At z = 0/);
  assert.match(own, kink);
  assert.match(await check('relu', 'piecewise(z >= 0, 1, z < 0, 0)'), kink);
});

test('a wrong answer without a classic mistake differs at a round z, with both values', async () => {
  const text = await check('leaky_relu', '1');
  assert.match(text, /At z = −1, g′\(z\) is 0\.01, but your answer gives 1\./);
});

test('hints reveal the walkthrough one step at a time, each costing 20 points', async () => {
  const hint = panel('sigmoid').locator('[data-action="hint"]');
  const total = Number(/of (\d+)/.exec(await hint.textContent())[1]);
  assert.ok(total >= 2, await hint.textContent());
  await hint.click();
  await hint.click();
  assert.equal(await panel('sigmoid').locator('[data-slot="hints"] > li').count(), 2);
  assert.match(await hint.textContent(), new RegExp(`step 3 of ${total}|Every step is shown`));
  assert.equal(await panel('sigmoid').locator('[data-slot="hints"] .katex').count() >= 2, true);
  assert.match(await check('sigmoid', 'g(z)*(1 - g(z))'), /^Correct/);
  assert.match(await score('sigmoid').textContent(), /^1 check, 2 hints: solved, 60 of 100 points\./);
});

test('the keyboard alone checks an answer: Tab to the field, type, Enter', async () => {
  await answer('relu').focus();
  await page().keyboard.press('Control+A');
  await page().keyboard.type('max(0, z)');
  await page().keyboard.press('Enter');
  await page().waitForFunction(() => /^Not yet/.test(document.querySelector('#relu-practice [data-slot="verdict"]').textContent));
  assert.match((await verdict('relu').innerText()).replace(/\s+/g, ' '), /function itself/);
  await page().keyboard.press('Tab');
  assert.equal(await page().evaluate(() => document.activeElement.textContent), 'Check');
});

test('"Another like this" shows a seeded variant, kept in the address, the same on reopening', async () => {
  await panel('relu').getByRole('button', { name: 'Another like this' }).click();
  const url = new URL(page().url());
  const value = url.searchParams.get('practice');
  assert.match(value, /^relu-\d+$/);
  const task = await panel('relu').locator('[data-slot="task"] annotation').textContent();
  assert.doesNotMatch(task, /^g\(z\) = \\max\(0, z\)$/);
  assert.equal(await answer('relu').inputValue(), '', 'the field is cleared');
  const back = panel('relu').getByRole('button', { name: 'Back to the section’s function' });
  assert.equal(await back.isVisible(), true);
  const view = await openPage(shared.site, { search: `?fn=relu&practice=${value}` });
  try {
    assert.equal(await panel('relu', view).locator('[data-slot="task"] annotation').textContent(), task);
    assert.match(await check('relu', view === null ? '' : '0', view), /^Not yet/);
  } finally {
    await view.close();
  }
  await back.click();
  assert.equal(new URL(page().url()).searchParams.get('practice'), null);
  assert.equal(await back.isVisible(), false);
});

test('a seed in the address that does not read is refused with a message, the section\'s own shown', async () => {
  const view = await openPage(shared.site, { search: '?fn=relu&practice=relu-12abc' });
  try {
    assert.match(await verdict('relu', view).textContent(), /seed.*own function is shown instead/s);
    assert.equal(await panel('relu', view).getByRole('button', { name: 'Back to the section’s function' }).isVisible(), false);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

test('your own activation\'s panel follows what is typed', async () => {
  await page().locator('#custom-expr').fill('z^3');
  await page().waitForFunction(() => /z\^\{3\}/.test(document.querySelector('#custom-practice [data-slot="task"] annotation')?.textContent ?? ''));
  assert.match(await check('custom', '3*z^2'), /^Correct/);
  assert.match(await check('custom', 'z^2'), /^Not yet/);
});

test('"Your results" lists every exercise tried and downloads them as JSON and CSV', async () => {
  const rows = await page().locator('#results tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const byExercise = Object.fromEntries(rows.map((row) => [row[0], row]));
  assert.deepEqual(byExercise.tanh.slice(1, 6), ['—', 'tanh', '2', '0', '90 of 100']);
  assert.deepEqual(byExercise.sigmoid.slice(3, 6), ['1', '2', '60 of 100']);
  assert.match(await page().locator('#results [data-slot="results-total"]').textContent(), /^Course score: \d+ of 100, from \d+ exercises tried\.$/);
  const [json] = await Promise.all([page().waitForEvent('download'), page().locator('#results [data-action="download-json"]').click()]);
  assert.match(json.suggestedFilename(), /^activation-derivations-results-\d{4}-\d\d-\d\d\.json$/);
  const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(data.maxScore, 100);
  const tanh = data.exercises.find((e) => e.exercise === 'tanh');
  assert.deepEqual({ ...tanh, seconds: 0 }, { exercise: 'tanh', seed: 0, function: 'tanh', attempts: 2, hints: 0, solved: true, score: 90, seconds: 0 });
  assert.equal(data.courseScore, Math.round((90 + 60 + 100 + 0) / 4));
  const [csv] = await Promise.all([page().waitForEvent('download'), page().locator('#results [data-action="download-csv"]').click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'exercise,seed,function,attempts,hints,solved,score,seconds');
  assert.equal(lines.length, data.exercises.length + 1);
  assert.ok(lines.some((line) => line.startsWith('custom,') && line.includes(',z^3,')), lines.join('\n'));
});

test('the progress survives a reload in the same tab', async () => {
  await page().reload({ waitUntil: 'load' });
  await page().waitForSelector('#tanh-practice [data-slot="practice-score"]');
  await page().waitForFunction(() => /solved, 90 of 100/.test(document.querySelector('#tanh-practice [data-slot="practice-score"]').textContent));
  assert.deepEqual(shared.view.log.errors, []);
});

test('axe-core finds nothing in a panel with its verdict, plot and hints, light and dark, and at 360 px it fits', async () => {
  await assertNarrowAndAccessible(shared.site, '?fn=tanh', async (view) => {
    await check('tanh', '1 - g(z)', view);
    await panel('tanh', view).locator('[data-action="hint"]').click();
  });
});

test('embedded, ?embed=1&fn=tanh shows its panel, which works', async () => {
  const view = await openPage(shared.site, { search: '?embed=1&fn=tanh' });
  try {
    assert.equal(await panel('tanh', view).isVisible(), true);
    assert.match(await check('tanh', 'sech(z)^2', view), /^Correct/);
  } finally {
    await view.close();
  }
});

test('on paper the panel is an exercise: the task and blank space, no buttons, verdict or hints', async () => {
  await page().emulateMedia({ media: 'print' });
  try {
    const shown = await page().evaluate(() => {
      const root = document.getElementById('tanh-practice');
      const visible = (sel) => getComputedStyle(root.querySelector(sel)).display !== 'none';
      return { task: visible('[data-slot="task"]'), space: visible('.practice-print-space'),
        space_height: root.querySelector('.practice-print-space').getBoundingClientRect().height,
        bar: visible('.practice-bar'), verdict: visible('[data-slot="verdict"]'), hints: visible('[data-slot="hints"]'),
        form: visible('.practice-form') };
    });
    assert.deepEqual({ ...shown, space_height: shown.space_height > 80 },
      { task: true, space: true, space_height: true, bar: false, verdict: false, hints: false, form: false });
  } finally {
    await page().emulateMedia({ media: 'screen' });
  }
});

test('no console errors or page errors', () => {
  assert.deepEqual(shared.view.log.errors, []);
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error'), []);
});
