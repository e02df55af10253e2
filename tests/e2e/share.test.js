// Shared links: fn= or section= scrolls to that part of the page, and the Embed dialog also gives a
// plain link to the view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sharedPage } from './harness.mjs';

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
