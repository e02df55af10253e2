// Hostile values in the address: every key the page reads set to script tags, javascript: URLs,
// quotes, huge or non-numeric numbers and a 100 KB string. Each leaves a working page that runs no
// injected script, shows no NaN, and says in text what it ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sharedPage, visibleText } from './harness.mjs';

const shared = sharedPage();

const KEYS = ['fn', 'section', 'step', 'expr', 'expr.alpha', 'expr.beta', 'alpha', 'beta', 'depth.fn', 'depth.L',
  'depth.mu', 'train.fn', 'train.lr', 'train.data', 'train.batch', 'train.vs'];
const VALUES = [
  '<script>window.__pwned = 1</script>',
  'javascript:window.__pwned=1',
  '"\'><img src=x onerror="window.__pwned=1">',
  '1e309',
  'NaN',
  '-Infinity',
  '0x1F',
  'a'.repeat(100_000),
];

// Opens the page at `search` and checks that it works, ran nothing injected, shows no NaN and says in
// text that something was ignored. Returns the open view for further checks; the caller closes it.
async function openSafely(search) {
  const view = await openPage(shared.site, { search });
  const { page, log } = view;
  // The plot of the section the link opens (the others are set up as the reader nears them), or the
  // first one for a link that names none.
  const state = await page.evaluate(() => {
    const fn = new URLSearchParams(window.location.search).get('fn');
    const chart = (fn && document.getElementById(`chart-${fn}`)) || document.getElementById('chart-sigmoid');
    return {
      pwned: window.__pwned,
      injected: document.querySelectorAll('main img, main script').length,
      plotted: chart.chart?.data.datasets.length ?? 0,
    };
  });
  state.text = await visibleText(page);
  assert.equal(state.pwned, undefined, 'an injected script ran');
  assert.equal(state.injected, 0, 'an element from the address was inserted');
  assert.ok(state.plotted >= 2, 'the plot is missing');
  // Notices echo the refused value (between “ and ” or ' and ', or as "Ignored key=value from the
  // address"); anywhere else, nothing may read NaN or undefined.
  const shownNaN = state.text.replace(/“[^”]*”/g, '“…”').replace(/'[^'\n]*'/g, "'…'").replace(/Ignored \S+ from the address/g, '').match(/.{0,60}\b(NaN|undefined)\b.{0,60}/);
  assert.equal(shownNaN, null, `NaN or undefined on screen: ${shownNaN?.[0]}`);
  assert.deepEqual(log.errors, []);
  const notices = await page.locator('.embed-notice, .field-message:not(:empty), [role="status"]:not(:empty)').count();
  assert.ok(notices > 0, 'nothing says that a value was ignored');
  return view;
}

const describe = (value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 12)}… (${value.length} characters)` : value);

for (const value of VALUES) {
  test(`every key set to ${describe(value)} leaves a working page`, async () => {
    // A 100 KB value goes in two keys only: sixteen would pass the server's 256 KB request-line limit.
    const keys = value.length > 1000 ? ['fn', 'expr'] : KEYS;
    const view = await openSafely(`?${new URLSearchParams(keys.map((key) => [key, value]))}`);
    await view.close();
  });
}

for (const value of VALUES) {
  test(`fn=leaky_relu with alpha, beta and step set to ${describe(value)} keeps the defaults, with notices`, async () => {
    // As above, a 100 KB value goes in one key only.
    const keys = value.length > 1000 ? ['alpha'] : ['alpha', 'beta', 'step'];
    const view = await openSafely(`?fn=leaky_relu&${new URLSearchParams(keys.map((key) => [key, value]))}`);
    try {
      const leaky = view.page.locator('#leaky_relu');
      // Both alpha fields (under the plot and under ReLU versus Leaky ReLU).
      assert.deepEqual(await leaky.locator('input[name="value"]').evaluateAll((inputs) => inputs.map(({ value }) => value)), ['0.01', '0.01']);
      assert.match(await leaky.locator('#alpha-control-message').textContent(), /^Ignored alpha=.{1,40}…? from the address: alpha must be a number from 0 to 1; using 0\.01\.$/);
      assert.match(await leaky.locator('.step-status').textContent(), /^Step 1 of/);
      if (keys.includes('step')) assert.match(await leaky.locator('.url-notice').textContent(), /Ignored step=.* showing step 1\./);
      assert.equal(new URL(view.page.url()).searchParams.get('fn'), 'leaky_relu', 'the first render rewrote the address');
    } finally {
      await view.close();
    }
  });
}
