// Softmax and its Jacobian (#softmax) on the built page: the probabilities as bars, the Jacobian as a
// shaded table (rows summing to 0, positive on the diagonal), 2 to 6 logits, a temperature,
// cross-entropy's gradient s - y, the softmax as written against from the largest logit past 710;
// hostile entries in a logit's field; link, embed, 360 px, dark, axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNarrowAndAccessible, openPage, sharedPage } from './harness.mjs';

const shared = sharedPage({ search: '?section=softmax', bypassCSP: true });
const page = () => shared.view.page;
const section = () => page().locator('#softmax');
const read = (text) => Number(text.replace('\u2212', '-'));
const ready = (view) => view.page.waitForSelector('#softmax:not([data-deferred]) [data-slot="bars"] li');

const bars = () => section().locator('[data-slot="bars"] li .softmax-label').allTextContents();
const probabilities = async () => (await bars()).map((t) => read(t.split(' = ')[1]));
const jacobian = () => section().locator('[data-slot="jacobian-rows"] tr')
  .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => [td.textContent, td.className])));
const field = (name) => section().getByRole('textbox', { name, exact: true });

test('three logits give three bars summing to 1 and a 3 x 3 Jacobian: rows sum to 0, + on the diagonal', async () => {
  await ready(shared.view);
  const s = await probabilities();
  assert.deepEqual(s, [0.659, 0.2424, 0.09857]);
  assert.ok(Math.abs(s.reduce((a, b) => a + b) - 1) < 1e-3);
  const rows = await jacobian();
  assert.equal(rows.length, 3);
  rows.forEach((row, i) => {
    assert.equal(row.length, 3);
    assert.ok(Math.abs(row.reduce((sum, [v]) => sum + read(v), 0)) < 1e-3, `row ${i}`);
    row.forEach(([v, kind], j) => assert.equal(kind, i === j ? 'jacobian-positive' : 'jacobian-negative', `${i},${j}: ${v}`));
  });
  assert.equal(rows[0][0][0], '0.2247');  // s1 (1 - s1)
  assert.match(await section().locator('[data-slot="loss"]').textContent(),
    /^At temperature 1, the loss is −log s₁ = 0\.41703, and its gradient s − y is \(−0\.341, 0\.2424, 0\.09857\)\.$/);
});

test('logits are added up to 6 and removed down to 2, the buttons saying when no more can be', async () => {
  const add = section().getByRole('button', { name: 'Add a logit' });
  const remove = section().getByRole('button', { name: 'Remove the last logit' });
  for (let k = 4; k <= 6; k += 1) {
    await add.click();
    assert.equal((await bars()).length, k);
    assert.equal((await jacobian()).length, k);
  }
  assert.equal(await add.isDisabled(), true);
  assert.equal(await section().locator('[data-slot="logit-count"]').textContent(), '6 logits (from 2 to 6).');
  for (let k = 5; k >= 2; k -= 1) await remove.click();
  assert.equal((await bars()).length, 2);
  assert.equal(await remove.isDisabled(), true);
  await add.click();
  assert.deepEqual((await probabilities()).length, 3);
});

test('a lower temperature sharpens the probabilities; the target class changes the loss and s - y', async () => {
  const before = await probabilities();
  await field('T value').fill('0.5');
  await page().waitForFunction(() => document.querySelector('#softmax [data-slot="bars"] .softmax-label').textContent !== 's₁ = 0.7054');
  const after = await probabilities();
  assert.ok(after[0] > before[0], `${after[0]} after ${before[0]}`);
  await field('T value').fill('1');
  await section().locator('[data-slot="target"]').selectOption('1');
  assert.match(await section().locator('[data-slot="loss"]').textContent(), /−log s₂ = .*s − y is \([0-9.]+, −[0-9.]+, [0-9.e−]+\)\.$/);
});

test('past 710 the softmax as written is not a number; from the largest logit it is 1 and two tiny numbers', async () => {
  await field('large z₁ value').fill('710');
  await page().waitForFunction(() => /710/.test(document.querySelector('#softmax [data-slot="big-caption"]').textContent));
  const rows = await section().locator('[data-slot="big-rows"] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['s₁', 'not a number', '1'], ['s₂', '0', '1.216781e−308'], ['s₃', '0', '3.307553e−308']]);
  await field('large z₁ value').fill('700');
  await page().waitForFunction(() => /= 700,/.test(document.querySelector('#softmax [data-slot="big-caption"]').textContent));
  const finite = await section().locator('[data-slot="big-rows"] tr td:nth-child(2)').allTextContents();
  assert.equal(finite[0], '1');
});

test('hostile entries in a logit\'s field are refused with a message and change nothing', async () => {
  const before = await bars();
  for (const [entry, message] of [['NaN', /not a number/], ['Infinity', /not a number/], ['1e309', /too large/], ['', /empty/],
    ['<script>window.__pwned = 1</script>', /not a number/], ['25', /a logit must be from −20 to 20, not 25/], ['1\u202e0', /U\+202E/]]) {
    await field('z₁ value').fill(entry);
    await page().waitForFunction(() => document.querySelector('#softmax-z1-control-message, #softmax [data-slot="logits"] .field-message')?.textContent !== '');
    const shown = await section().locator('[data-slot="logits"] .field-message').first().textContent();
    assert.match(shown, message, entry);
    assert.equal(await field('z₁ value').getAttribute('aria-invalid'), 'true', entry);
    assert.deepEqual(await bars(), before, `${entry} changed the bars`);
  }
  assert.equal(await page().evaluate(() => window.__pwned), undefined);
  await field('z₁ value').fill('2');
  assert.equal(await section().locator('[data-slot="logits"] .field-message').first().textContent(), '');
});

test('axe-core finds nothing, light and dark, at 360 px nothing scrolls sideways, and ?embed=1&section=softmax works', async () => {
  await assertNarrowAndAccessible(shared.site, '?section=softmax', ready);
  const embedded = await openPage(shared.site, { search: '?embed=1&section=softmax' });
  try {
    await ready(embedded);
    assert.equal(await embedded.page.locator('#softmax').isVisible(), true);
    assert.equal(await embedded.page.locator('#loss').isVisible(), false);
    assert.deepEqual(embedded.log.errors, []);
  } finally {
    await embedded.close();
  }
});

test('no console errors or page errors', () => {
  assert.deepEqual(shared.view.log.errors, []);
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error'), []);
});
