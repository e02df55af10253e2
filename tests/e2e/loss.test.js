// "From activation to learning" (#loss) on the built page: the engine's derivations of dL/dz after a
// sigmoid (cross-entropy reaching sigma(z) - y, its g(1 - g) cancelled in view; half squared error
// keeping sigma(z)(1 - sigma(z))), both gradients plotted for the target y the reader moves (kept in
// the address), the loss as written against the loss from the logit in the tails, the Your-turn
// panel; link, embed, 360 px, dark, axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNarrowAndAccessible, chartData, openPage, sharedPage, yAt } from './harness.mjs';

const shared = sharedPage({ search: '?section=loss', bypassCSP: true });
const page = () => shared.view.page;
const section = () => page().locator('#loss');
const yField = () => section().getByRole('textbox', { name: 'y value' });

const waitForLoss = (view) => view.page.waitForSelector('#loss:not([data-deferred]) #loss-practice');

test('a link opens the chapter with both derivations from the engine, each checked', async () => {
  await waitForLoss(shared.view);
  const annotation = (name) => section().locator(`[data-slot="${name}"] annotation`).first().textContent();
  assert.match(await annotation('bce-input'), /^L\(z\) = -.*y.*\\ln\(\\sigma\(z\)\) - \(1 - .*y.*\) \\ln\(1 - \\sigma\(z\)\)$/);
  assert.match(await annotation('bce-result'), /^\\frac\{\\partial L\}\{\\partial z\} = \\sigma\(z\) - .*y/);
  assert.match(await annotation('mse-result'), /= \\sigma\(z\) \(1 - \\sigma\(z\)\) \(\\sigma\(z\) - .*y.*\)$/);
  for (const id of ['bce', 'mse']) assert.match(await section().locator(`[data-slot="${id}-check"]`).textContent(), /^✓ Checked/);
  // The rules are named, and the cancelling is one of simplify's stages: every sub-step opened.
  const steps = section().locator('[data-slot="bce-steps"]');
  for (let i = 0; i < 30 && await steps.locator('details:not([open]) > summary').count() > 0; i += 1) {
    await steps.locator('details:not([open]) > summary').first().click();
  }
  const titles = (await steps.locator('.step-title').allTextContents()).map((t) => t.trim().toLowerCase());
  for (const rule of ['difference rule', 'constant multiple', 'chain rule', 'sigmoid rule', 'simplify',
    'collect numbers', 'collect like factors', 'collect like terms']) {
    assert.ok(titles.includes(rule), `${rule} not in ${titles.join(' | ')}`);
  }
  assert.ok(titles.indexOf('collect like factors') < titles.indexOf('collect like terms'));
});

test('the plot shows cross-entropy\'s gradient staying near -1 where the unit is confidently wrong, squared error\'s vanishing', async () => {
  const [bce, mse] = await chartData(page(), 'chart-loss-gradient');
  assert.equal(bce.borderDash.length, 0);
  assert.ok(mse.borderDash.length > 0);
  assert.ok(Math.abs(yAt(bce, -10) + 1) < 1e-4, `${yAt(bce, -10)}`);
  assert.ok(Math.abs(yAt(mse, -10)) < 1e-4, `${yAt(mse, -10)}`);
  assert.equal(yAt(bce, 0), -0.5);
  assert.equal(yAt(mse, 0), -0.125);
  assert.match(await section().locator('[data-slot="loss-reading"]').textContent(),
    /^At z = −5, where σ\(z\) = 0\.00669 is far from y = 1, cross-entropy's gradient is −0\.9933 and half squared error's −0\.006604: squared error's is 150 times smaller/);
});

test('moving y redraws both gradients, the sentence, the table and the address', async () => {
  await yField().fill('0');
  await page().waitForFunction(() => new URLSearchParams(window.location.search).get('loss.y') === '0');
  const [bce, mse] = await chartData(page(), 'chart-loss-gradient');
  assert.ok(Math.abs(yAt(bce, 10) - 1) < 1e-4);
  assert.ok(Math.abs(yAt(mse, 10)) < 1e-3);
  assert.match(await section().locator('[data-slot="loss-reading"]').textContent(), /^At z = 5, where σ\(z\) = 0\.993 is far from y = 0,/);
  assert.equal(await section().locator('[data-slot="logit-y"]').textContent(), 'y = 0');
  const slider = section().getByRole('slider', { name: 'y', exact: true });
  await slider.focus();
  await page().keyboard.press('ArrowRight');
  await page().waitForFunction(() => new URLSearchParams(window.location.search).get('loss.y') === '0.01');
  assert.equal(await yField().inputValue(), '0.01');
});

test('in the tails the loss as written is infinite or not a number, from the logit it is finite', async () => {
  await yField().fill('1');
  await page().waitForFunction(() => document.querySelector('#loss [data-slot="logit-y"]').textContent === 'y = 1');
  const rows = await section().locator('[data-slot="logit-rows"] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['−1000', '−746', '−40', '0', '40', '1000']);
  assert.deepEqual(rows[0].slice(1), ['∞', '1000']);
  assert.deepEqual(rows[1].slice(1), ['∞', '746']);
  assert.deepEqual(rows[3].slice(1), ['0.69314718', '0.69314718']);
  assert.deepEqual(rows[4].slice(1), ['not a number', '4.248354e−18']);
  assert.equal(new URLSearchParams(new URL(page().url()).search).get('loss.y'), null, 'the default leaves the address');
});

test('Your turn: a - y is right, forgetting the target is named, the function itself is named', async () => {
  const panel = section().locator('#loss-practice');
  const check = async (text) => {
    await panel.getByRole('textbox', { name: /Your g/ }).fill(text);
    await panel.getByRole('button', { name: 'Check' }).click();
    return (await panel.locator('[data-slot="verdict"]').innerText()).replace(/\s+/g, ' ');
  };
  assert.match(await check('sigmoid(z)*(1-sigmoid(z))*(sigmoid(z) - y)'), /^Not yet/);
  assert.match(await check('sigmoid(z) - y'), /^Correct: that is g′\(z\)\.$/);
  assert.match(await panel.locator('[data-slot="practice-score"]').textContent(), /^2 checks, 0 hints: solved, 90 of 100 points/);
});

test('a y in the address that does not read falls back to 1 with a message; ?embed=1&section=loss works', async () => {
  const view = await openPage(shared.site, { search: '?section=loss&loss.y=2' });
  try {
    await waitForLoss(view);
    assert.match(await view.page.locator('#loss-y-control-message').textContent(), /target y in the address must be from 0 to 1, not 2\. Using y = 1\./);
    assert.equal(await view.page.locator('#loss input[name="value"]').inputValue(), '1');
  } finally {
    await view.close();
  }
  const embedded = await openPage(shared.site, { search: '?embed=1&section=loss&loss.y=0.5' });
  try {
    await waitForLoss(embedded);
    assert.equal(await embedded.page.locator('#loss').isVisible(), true);
    assert.equal(await embedded.page.locator('#sigmoid').isVisible(), false);
    const [bce] = await chartData(embedded.page, 'chart-loss-gradient');
    assert.equal(yAt(bce, 0), 0);
    assert.deepEqual(embedded.log.errors, []);
  } finally {
    await embedded.close();
  }
});

test('axe-core finds nothing in the chapter, light and dark, and at 360 px nothing scrolls sideways', async () => {
  await assertNarrowAndAccessible(shared.site, '?section=loss', waitForLoss);
});

test('the labs link to the chapter: the training lab\'s loss chart names its loss, the depth lab its last factor', async () => {
  assert.match(await page().locator('#training-lab figure:has(#chart-loss) figcaption').textContent(), /mean cross-entropy/);
  assert.equal(await page().locator('#training-lab figure:has(#chart-loss) figcaption a[href="#loss"]').count(), 1);
  assert.equal(await page().locator('#depth-lab a[href="#loss"]').count(), 1);
  assert.equal(await page().locator('nav a[href="#loss"]').count(), 1);
});

test('no console errors or page errors', () => {
  assert.deepEqual(shared.view.log.errors, []);
  assert.deepEqual(shared.view.log.console.filter(({ type }) => type === 'error'), []);
});
