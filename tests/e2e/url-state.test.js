// An activation's view in the address: fn= with its parameters by id and step= open that section's
// controls, plots and stepper there; the reader's changes write them back (the first render does not);
// a value that does not read is ignored with a text notice and the default kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, chartData, openPage, reachPart, sharedPage, yAt } from './harness.mjs';

const shared = sharedPage();

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const close = (a, b, tolerance = 1e-12) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

// Opens the page at `search` and waits until section `id` is built (a generated one is built lazily; one
// the link does not name, once the reader scrolls to it).
async function openAt(search, id, options = {}) {
  const view = await openPage(shared.site, { ...options, search });
  if (new URLSearchParams(search).get('fn') !== id) await reachPart(view.page, id);
  await view.page.waitForFunction((sectionId) => {
    const section = document.getElementById(sectionId);
    return !section.hasAttribute('data-pending') && document.getElementById(`chart-${sectionId}`).chart?.data.datasets.length > 0;
  }, id);
  return view;
}

// What section `id` shows: its stepper, first parameter's slider and field, and its notices.
function shown(page, id) {
  return page.evaluate((sectionId) => {
    const section = document.getElementById(sectionId);
    const stepper = section.querySelector('.stepper');
    const message = section.querySelector('.field-message');
    return {
      status: stepper.querySelector('.step-status').textContent.replace(/:.*/, ''),
      all: stepper.querySelector('[data-action="all"]').getAttribute('aria-pressed') === 'true',
      listed: [...stepper.querySelectorAll('.stepper-all > li')].filter((item) => !item.closest('[hidden]')).length,
      slider: section.querySelector('input[name="slider"]')?.value ?? null,
      field: section.querySelector('input[name="value"]')?.value ?? null,
      fieldMessage: message?.textContent ?? null,
      notice: section.querySelector('.url-notice')?.textContent ?? null,
    };
  }, id);
}

// The address as it settles: a quick run of changes may be written up to 100 ms late (web/js/state/url-state.js).
const SETTLE_MS = 300;
const search = async (page) => {
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate(() => window.location.search);
};
const query = async (page) => Object.fromEntries(new URLSearchParams(await search(page)));

test('?fn=leaky_relu&alpha=0.2 starts the slider, the field and both plots at 0.2, and writes nothing', async () => {
  const address = '?fn=leaky_relu&alpha=0.2';
  const view = await openAt(address, 'leaky_relu');
  try {
    const now = await shown(view.page, 'leaky_relu');
    assert.deepEqual([now.slider, now.field, now.fieldMessage, now.notice], ['0.2', '0.2', '', null]);
    const [g, dg] = await chartData(view.page, 'chart-leaky_relu');
    assert.ok(close(yAt(g, -2), -0.4), `g(-2) = ${yAt(g, -2)}`);
    assert.ok(close(yAt(dg, -2), 0.2), `g'(-2) = ${yAt(dg, -2)}`);
    const [, , leaky] = await chartData(view.page, 'chart-relu-vs-leaky');
    assert.ok(close(yAt(leaky, -2), -0.4));
    assert.equal(now.status, 'Step 1 of 2');
    assert.equal(await search(view.page), address, 'the first render changed the address');
    assert.deepEqual(view.log.errors, []);
  } finally {
    await view.close();
  }
});

test('?fn=tanh&step=3 opens the tanh stepper at step 3; the other steppers stay at step 1', async () => {
  const view = await openAt('?fn=tanh&step=3', 'tanh');
  try {
    assert.equal((await shown(view.page, 'tanh')).status, 'Step 3 of 3');
    assert.match((await shown(view.page, 'sigmoid')).status, /^Step 1 of/);
    assert.equal(await search(view.page), '?fn=tanh&step=3');
  } finally {
    await view.close();
  }
});

test('?fn=silu&beta=2&step=all opens a generated entry with every step showing and beta at 2', async () => {
  const view = await openAt('?fn=silu&beta=2&step=all', 'silu');
  try {
    const now = await shown(view.page, 'silu');
    assert.equal(now.all, true);
    assert.equal(now.listed, 3);
    assert.deepEqual([now.slider, now.field], ['2', '2']);
    const [g] = await chartData(view.page, 'chart-silu');
    assert.ok(close(yAt(g, 1), sigmoid(2)), `g(1) = ${yAt(g, 1)}`);
    assert.equal(await search(view.page), '?fn=silu&beta=2&step=all');
  } finally {
    await view.close();
  }
});

test('?fn=elu&alpha=0.5&step=2 opens ELU at step 2 with alpha 0.5', async () => {
  const view = await openAt('?fn=elu&alpha=0.5&step=2', 'elu');
  try {
    const now = await shown(view.page, 'elu');
    assert.deepEqual([now.status, now.all, now.field], ['Step 2 of 2', false, '0.5']);
    const [g] = await chartData(view.page, 'chart-elu');
    assert.ok(close(yAt(g, -2), 0.5 * Math.expm1(-2)), `g(-2) = ${yAt(g, -2)}`);
  } finally {
    await view.close();
  }
});

test('moving a slider or stepping writes the address, and that address restores the view', async () => {
  const { page } = shared.view;
  assert.equal(await search(page), '');
  const leaky = page.locator('#leaky_relu');
  await leaky.getByRole('slider', { name: 'Slope alpha', exact: true }).fill('0.3');
  await leaky.locator('.stepper [data-action="next"]').click();
  assert.deepEqual(await query(page), { fn: 'leaky_relu', alpha: '0.3', step: '2' });
  await leaky.locator('.stepper [data-action="previous"]').click();
  assert.deepEqual(await query(page), { fn: 'leaky_relu', alpha: '0.3' }, 'step 1 is left out');

  // Another activation takes fn= over, and alpha= (which tanh does not have) goes.
  const tanh = page.locator('#tanh .stepper');
  await tanh.locator('[data-action="next"]').click();
  await tanh.locator('[data-action="next"]').click();
  assert.deepEqual(await query(page), { fn: 'tanh', step: '3' });
  await tanh.locator('[data-action="all"]').click();
  assert.deepEqual(await query(page), { fn: 'tanh', step: 'all' });

  const restored = await openAt(await search(page), 'tanh');
  try {
    const now = await shown(restored.page, 'tanh');
    assert.deepEqual([now.all, now.listed], [true, 3]);
  } finally {
    await restored.close();
  }

  await page.locator('#elu').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !document.getElementById('elu').hasAttribute('data-pending'));
  await page.locator('#elu').locator('input[name="value"]').fill('0.5');
  await page.locator('#elu .stepper [data-action="next"]').click();
  assert.deepEqual(await query(page), { fn: 'elu', alpha: '0.5', step: '2' });
  const again = await openAt(await search(page), 'elu');
  try {
    const now = await shown(again.page, 'elu');
    assert.deepEqual([now.status, now.field, now.slider], ['Step 2 of 2', '0.5', '0.5']);
    const [g] = await chartData(again.page, 'chart-elu');
    assert.ok(close(yAt(g, -2), 0.5 * Math.expm1(-2)));
  } finally {
    await again.close();
  }
  await page.locator('#elu').locator('input[name="value"]').fill('1');
  assert.deepEqual(await query(page), { fn: 'elu', step: '2' }, 'a parameter at its default is left out');
});

test('section= and the other settings: an activation change drops section= and keeps the rest', async () => {
  const view = await openAt('?section=compare&expr=z%5E2&depth.L=10', 'sigmoid');
  try {
    await view.page.locator('#sigmoid .stepper [data-action="next"]').click();
    assert.deepEqual(await query(view.page), { expr: 'z^2', 'depth.L': '10', fn: 'sigmoid', step: '2' });
  } finally {
    await view.close();
  }
});

// Refused values: the address, the section, where the notice shows and what it says.
const REFUSED = [
  { search: '?fn=leaky_relu&alpha=abc', id: 'leaky_relu', where: 'fieldMessage',
    notice: 'Ignored alpha=abc from the address: alpha must be a number from 0 to 1; using 0.01.' },
  { search: '?fn=leaky_relu&alpha=99', id: 'leaky_relu', where: 'fieldMessage',
    notice: 'Ignored alpha=99 from the address: alpha must be from 0 to 1, not 99; using 0.01.' },
  { search: '?fn=leaky_relu&alpha=-0.5', id: 'leaky_relu', where: 'fieldMessage',
    notice: 'Ignored alpha=-0.5 from the address: alpha must be from 0 to 1, not \u22120.5; using 0.01.' },
  { search: '?fn=tanh&step=0', id: 'tanh', where: 'notice',
    notice: 'Ignored step=0 from the address: the Tanh derivation has 3 steps: use 1 to 3, or all; showing step 1.' },
  { search: '?fn=tanh&step=999', id: 'tanh', where: 'notice',
    notice: 'Ignored step=999 from the address: the Tanh derivation has 3 steps: use 1 to 3, or all; showing step 1.' },
  { search: '?fn=tanh&step=2.5', id: 'tanh', where: 'notice',
    notice: 'Ignored step=2.5 from the address: the Tanh derivation has 3 steps: use 1 to 3, or all; showing step 1.' },
  { search: `?fn=tanh&step=${encodeURIComponent('<script>window.__pwned=1</script>')}`, id: 'tanh', where: 'notice',
    notice: 'Ignored step=<script>window.__pwned=1</script> from the address: the Tanh derivation has 3 steps: use 1 to 3, or all; showing step 1.' },
  { search: '?fn=tanh&alpha=0.3', id: 'tanh', where: 'notice',
    notice: 'Ignored alpha=0.3 from the address: Tanh has no parameter alpha.' },
  { search: `?fn=silu&beta=${'<b>x</b>'.repeat(20)}`, id: 'silu', where: 'fieldMessage',
    notice: `Ignored beta=${'<b>x</b>'.repeat(20).slice(0, 40)}… from the address: beta must be a number from 0.1 to 10; using 1.` },
];

for (const { search: address, id, where, notice } of REFUSED) {
  test(`${address.slice(0, 60)} is ignored with a notice and the defaults kept`, async () => {
    const view = await openAt(address, id);
    try {
      const now = await shown(view.page, id);
      assert.equal(now[where], notice);
      assert.match(now.status, /^Step 1 of \d+$/);
      assert.equal(now.all, false);
      if (now.field !== null) {
        const defaults = { leaky_relu: '0.01', silu: '1' };
        assert.deepEqual([now.slider, now.field], [defaults[id], defaults[id]]);
        const [g] = await chartData(view.page, `chart-${id}`);
        const expected = id === 'leaky_relu' ? -0.02 : -2 * sigmoid(-2);
        assert.ok(close(yAt(g, -2), expected), `g(-2) = ${yAt(g, -2)}`);
      }
      assert.equal(await view.page.evaluate(() => window.__pwned), undefined);
      assert.equal(await view.page.locator('main b, main script').count(), 0);
      assert.doesNotMatch(await view.page.locator(`#${id}`).innerText(), /NaN|undefined/);
      assert.deepEqual(view.log.errors, []);
    } finally {
      await view.close();
    }
  });
}

test('embedded, ?fn=elu&alpha=0.5&step=2&embed=1 shows ELU alone in that view', async () => {
  const view = await openAt('?fn=elu&alpha=0.5&step=2&embed=1', 'elu');
  try {
    const now = await shown(view.page, 'elu');
    assert.deepEqual([now.status, now.field], ['Step 2 of 2', '0.5']);
    assert.equal(await view.page.locator('#elu').isVisible(), true);
    assert.equal(await view.page.locator('#tanh').isVisible(), false);
  } finally {
    await view.close();
  }
});

test('axe-core finds no violations with notices in a section and next to a slider', async () => {
  const view = await openAt('?fn=leaky_relu&alpha=abc&step=9', 'leaky_relu', { bypassCSP: true });
  try {
    const now = await shown(view.page, 'leaky_relu');
    assert.ok(now.notice && now.fieldMessage, 'both notices show');
    assert.deepEqual(await axeViolations(view.page), []);
  } finally {
    await view.close();
  }
});
