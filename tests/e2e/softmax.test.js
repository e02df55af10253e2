// Softmax and its Jacobian (#softmax) on the built page: the probabilities as bars, the Jacobian as a
// shaded table (rows summing to 0, positive on the diagonal), 2 to 6 logits, a temperature,
// cross-entropy's gradient s - y, the softmax as written against from the largest logit past 710;
// the engine's derivations in index notation and the two Your-turn panels on the Jacobian's
// entries; the settings in the address; hostile entries in a logit's field and in the address;
// link, embed, 360 px, dark, axe.
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

test('the engine derives the Jacobian to s_i(delta_ij - s_j), with its two cases, and cross-entropy to s_j - y_j', async () => {
  const annotation = (name) => section().locator(`[data-slot="${name}"] annotation`).first().textContent();
  assert.equal(await annotation('jacobian-input'), 's_{i} = \\frac{e^{z_{i}}}{\\sum_{k} e^{z_{k}}}');
  assert.equal(await annotation('jacobian-result'), '\\frac{\\partial s_{i}}{\\partial z_{j}} = s_{i} (\\delta_{ij} - s_{j})');
  const cases = await section().locator('[data-slot="jacobian-cases"] li annotation').allTextContents();
  assert.deepEqual(cases, [
    '\\frac{\\partial s_{i}}{\\partial z_{j}} = s_{i} (1 - s_{i}) \\quad \\text{where } i = j',
    '\\frac{\\partial s_{i}}{\\partial z_{j}} = -s_{i} s_{j} \\quad \\text{where } i \\neq j',
  ]);
  assert.equal(await annotation('cross-entropy-result'), '\\frac{\\partial L}{\\partial z_{j}} = s_{j} - y_{j}');
  assert.match(await section().locator('[data-slot="jacobian-check"]').textContent(),
    /^✓ Checked against the core’s softmax \(2 to 6 logits\) at 880 entries: max relative error /);
  assert.match(await section().locator('[data-slot="cross-entropy-check"]').textContent(), /^✓ Checked .* at 180 entries/);
  // Every sub-step opened: the index rules are named, in the engine's words.
  const titles = async (id) => {
    const steps = section().locator(`[data-slot="${id}-steps"]`);
    for (let i = 0; i < 40 && await steps.locator('details:not([open]) > summary').count() > 0; i += 1) {
      await steps.locator('details:not([open]) > summary').first().click();
    }
    return (await steps.locator('.step-title').allTextContents()).map((t) => t.trim().toLowerCase());
  };
  const jacobianRules = await titles('jacobian');
  for (const rule of ['quotient rule', 'index rule', 'sum over an index', 'the delta picks out one term',
    'split the fraction', 'write with the softmax', 'factor out', 'the case i = j', 'the case i differs from j']) {
    assert.ok(jacobianRules.includes(rule), `${rule} not in ${jacobianRules.join(' | ')}`);
  }
  const crossEntropyRules = await titles('cross-entropy');
  for (const rule of ['the log of a softmax', 'the targets add up to 1', 'write with the softmax']) {
    assert.ok(crossEntropyRules.includes(rule), `${rule} not in ${crossEntropyRules.join(' | ')}`);
  }
});

test('Your turn on the diagonal and off it: s(1 - s) is right; off the diagonal a lost sign is named', async () => {
  const check = async (id, text) => {
    const panel = section().locator(`#${id}-practice`);
    await panel.getByRole('textbox', { name: /Your g/ }).fill(text);
    await panel.getByRole('button', { name: 'Check' }).click();
    return (await panel.locator('[data-slot="verdict"]').innerText()).replace(/\s+/g, ' ');
  };
  assert.equal(await section().locator('#softmax-diagonal-practice-title').textContent(), 'Your turn: on the diagonal');
  assert.equal(await section().locator('#softmax-off-diagonal-practice-title').textContent(), 'Your turn: off the diagonal');
  assert.match(await check('softmax-diagonal', 'g(z)*(1 - g(z))'), /^Correct: that is g′\(z\)\./);
  assert.match(await check('softmax-diagonal', '2*exp(z)/(exp(z) + 2)^2'), /^Correct/);
  assert.match(await check('softmax-off-diagonal', 'exp(z)/(exp(z) + 2)^2'), /^Not yet: .*opposite sign.*At z = 1, g′\(z\) is −0\.12210311/);
  assert.match(await check('softmax-off-diagonal', '-g(z)*exp(z)*g(z)'), /^Correct/);
});

test('the address keeps the logits, the temperature and the class, and refuses what does not read', async () => {
  const linked = await openPage(shared.site, { search: '?section=softmax&softmax.k=4&softmax.z2=5&softmax.T=0.5&softmax.class=2' });
  try {
    await ready(linked);
    const labels = await linked.page.locator('#softmax [data-slot="bars"] li .softmax-label').allTextContents();
    assert.deepEqual(labels, ['s₁ = 0.002472', 's₂ = 0.9974', 's₃ = 5.53e−5', 's₄ = 4.53e−5']);
    assert.equal(await linked.page.locator('#softmax [data-slot="target"]').inputValue(), '1');
    assert.equal(await linked.page.locator('#softmax [data-slot="notice"]').isHidden(), true);
    await linked.page.locator('#softmax').getByRole('textbox', { name: 'z₁ value', exact: true }).fill('3');
    await linked.page.waitForFunction(() => new URLSearchParams(window.location.search).get('softmax.z1') === '3');
    const query = new URLSearchParams(new URL(linked.page.url()).search);
    assert.deepEqual(['k', 'z2', 'T', 'class'].map((key) => query.get(`softmax.${key}`)), ['4', '5', '0.5', '2']);
  } finally {
    await linked.close();
  }
  const hostile = await openPage(shared.site, { search: '?section=softmax&softmax.k=9&softmax.z1=%3Cb%3Ex&softmax.T=0&softmax.class=1.5&softmax.big=1e400' });
  try {
    await ready(hostile);
    const notice = await hostile.page.locator('#softmax [data-slot="notice"]').textContent();
    for (const part of [/number of logits in the address must be from 2 to 6, not 9/, /logit z1 in the address: “<b>x” is not a number/,
      /temperature in the address must be from 0\.1 to 10, not 0/, /class in the address must be a whole number/, /large logit in the address/]) {
      assert.match(notice, part);
    }
    assert.equal(await hostile.page.locator('#softmax [data-slot="bars"] li').count(), 3, 'the defaults are kept');
    assert.equal(await hostile.page.locator('#softmax b').count(), 0, 'nothing from the address is inserted as HTML');
    assert.deepEqual(hostile.log.errors, []);
  } finally {
    await hostile.close();
  }
  const past = await openPage(shared.site, { search: '?section=softmax&softmax.class=5' });
  try {
    await ready(past);
    assert.match(await past.page.locator('#softmax [data-slot="notice"]').textContent(), /^The class 5 in the address is past the 3 logits; using class 1\.$/);
  } finally {
    await past.close();
  }
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
