// Shared links: fn= or section= scrolls to that part of the page, and the Embed dialog also gives a
// plain link to the view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, reachPart, sharedPage } from './harness.mjs';

const shared = sharedPage();

test('a link with fn= opens the page at that activation, once it exists', async () => {
  const view = await openPage(shared.site, { search: '?fn=gelu' });
  try {
    await view.page.waitForFunction(() => Math.abs(document.getElementById('gelu').getBoundingClientRect().top) < 80);
    assert.equal(await view.page.locator('.embed-notice').count(), 0);
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

// On a phone the sections above a linked one are laid out late (content-visibility: auto), some
// after the page has settled: the link still lands on its section, and stays there once it has.
for (const id of ['labs', 'custom', 'floating-point', 'loss']) {
  test(`at 360 px, a link with section=${id} lands on it and stays`, async () => {
    const view = await openPage(shared.site, { search: `?section=${id}`, width: 360, height: 800 });
    try {
      const top = () => view.page.evaluate((name) => document.getElementById(name).getBoundingClientRect().top, id);
      await view.page.waitForFunction((name) => Math.abs(document.getElementById(name).getBoundingClientRect().top) < 80,
        id, { timeout: 20_000 });
      await view.page.waitForTimeout(1000);
      assert.ok(Math.abs(await top()) < 80, `${id} is ${await top()} px from the top`);
      assert.deepEqual(view.log.errors, []);
    } finally {
      await view.close();
    }
  });
}

test('a link naming nothing says so in text and stays at the top', async () => {
  const view = await openPage(shared.site, { search: '?section=%3Cb%3Enope%3C%2Fb%3E' });
  try {
    const notice = view.page.locator('.embed-notice');
    await notice.waitFor();
    assert.equal(await notice.textContent(), 'The link names no section called “<b>nope</b>”; showing the page from the top.');
    assert.equal(await view.page.locator('main b').count(), 0);
    assert.equal(await view.page.evaluate(() => window.scrollY), 0);
  } finally {
    await view.close();
  }
});

// The head's script and embed.js read one rule (fn= an activation's section, section= a part marked
// data-part): a section that is neither, or fn= naming a part, is not scrolled to and then back.
test('a link naming a section that is no part, or fn= naming a part, never leaves the top', async () => {
  for (const search of ['?section=results', '?section=why', '?fn=compare']) {
    const context = await shared.site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.furthest = 0;
        addEventListener('scroll', () => { window.furthest = Math.max(window.furthest, scrollY); }, { capture: true, passive: true });
      });
      await page.goto(new URL(search, shared.site.url).href, { waitUntil: 'load' });
      await page.locator('.embed-notice').waitFor();
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => window.furthest), 0, search);
    } finally {
      await context.close();
    }
  }
});

test('the Embed dialog also offers a link to the view, without embed=1', async () => {
  const { page } = shared.view;
  await page.getByRole('button', { name: 'Embed Tanh' }).click();
  const link = await page.locator('input[name="link"]').inputValue();
  const url = new URL(link);
  assert.equal(url.searchParams.get('fn'), 'tanh');
  assert.equal(url.searchParams.has('embed'), false);
  await page.evaluate(() => { Object.defineProperty(navigator, 'clipboard', { value: undefined }); });
  await page.getByRole('button', { name: 'Copy link' }).click();
  assert.match(await page.locator('.embed-dialog [data-slot="status"]').textContent(), /copy the selected link/);
  await page.keyboard.press('Escape');
});

// The link and the iframe's address in the open Embed dialog, as query objects.
async function dialogAddresses(page) {
  const link = await page.locator('input[name="link"]').inputValue();
  const code = await page.locator('.embed-dialog textarea').inputValue();
  const src = code.match(/src="([^"]*)"/)[1].replace(/&amp;/g, '&');
  return [link, src].map((address) => Object.fromEntries(new URL(address).searchParams));
}

test('the Embed dialog gives an activation with its current parameters and step, and other parts without them', async () => {
  const view = await openPage(shared.site, { search: '?fn=elu&alpha=0.5&step=2' });
  try {
    const { page } = view;
    // The sections far from the one the link opened are set up as the reader comes to them.
    for (const id of ['sigmoid', 'tanh', 'leaky_relu', 'compare']) await reachPart(page, id);
    const leaky = page.locator('#leaky_relu');
    await leaky.getByRole('slider', { name: 'Slope alpha', exact: true }).fill('0.3');
    await leaky.locator('.stepper [data-action="next"]').click();
    // The address now follows tanh; each dialog still describes its own section as it is.
    await page.locator('#tanh .stepper [data-action="next"]').click();
    assert.equal(new URL(page.url()).search, '?fn=tanh&step=2');
    await page.getByRole('button', { name: 'Embed Leaky ReLU' }).click();
    const expected = { fn: 'leaky_relu', alpha: '0.3', step: '2' };
    assert.deepEqual(await dialogAddresses(page), [expected, { ...expected, embed: '1' }]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Embed ELU' }).click();
    assert.deepEqual((await dialogAddresses(page))[0], { fn: 'elu', alpha: '0.5', step: '2' }, 'the view the link opened');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Embed Sigmoid' }).click();
    assert.deepEqual(await dialogAddresses(page), [{ fn: 'sigmoid' }, { fn: 'sigmoid', embed: '1' }]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Embed Compare activations' }).click();
    const [link] = await dialogAddresses(page);
    assert.deepEqual(link, { section: 'compare' }, 'fn=, alpha= and step= stay out of a link to another part');
    await page.keyboard.press('Escape');
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});
