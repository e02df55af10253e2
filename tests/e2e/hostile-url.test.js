// Hostile values in the address: every key the page reads set to script tags, javascript: URLs,
// quotes, huge or non-numeric numbers and a 100 KB string. Each leaves a working page that runs no
// injected script, shows no NaN, and says in text what it ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, sharedPage } from './harness.mjs';

const shared = sharedPage();

const KEYS = ['fn', 'section', 'expr', 'expr.alpha', 'expr.beta', 'alpha', 'beta', 'depth.fn', 'depth.L',
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

for (const value of VALUES) {
  const shown = value.length > 40 ? `${value.slice(0, 12)}… (${value.length} characters)` : value;
  test(`every key set to ${JSON.stringify(shown)} leaves a working page`, async () => {
    // A 100 KB value goes in two keys only: fifteen would pass the server's 256 KB request-line limit.
    const keys = value.length > 1000 ? ['fn', 'expr'] : KEYS;
    const query = new URLSearchParams(keys.map((key) => [key, value]));
    const view = await openPage(shared.site, { search: `?${query}` });
    try {
      const { page, log } = view;
      const state = await page.evaluate(() => ({
        pwned: window.__pwned,
        injected: document.querySelectorAll('main img, main script').length,
        sigmoid: document.getElementById('chart-sigmoid').chart.data.datasets.length,
        // The visible text, but for the floating-point lesson (whose prose is about NaN) and the echo
        // of a refused expression (the reader's own text, shown back with the error marked).
        text: (() => {
          const parts = [];
          const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const { parentElement } = walker.currentNode;
            if (parentElement.closest('#floating-point, .expression-echo') || parentElement.offsetParent === null) continue;
            parts.push(walker.currentNode.textContent);
          }
          return parts.join('\n');
        })(),
      }));
      assert.equal(state.pwned, undefined, 'an injected script ran');
      assert.equal(state.injected, 0, 'an element from the address was inserted');
      assert.equal(state.sigmoid, 2, 'the sigmoid plot is missing');
      // Notices echo the refused value (between “ and ” or ' and ', or as "Ignored key=value from the
      // address");
      // anywhere else, nothing may read NaN or undefined.
      const shownNaN = state.text.replace(/“[^”]*”/g, '“…”').replace(/'[^'\n]*'/g, "'…'").replace(/Ignored \S+ from the address/g, '').match(/.{0,60}\b(NaN|undefined)\b.{0,60}/);
      assert.equal(shownNaN, null, `NaN or undefined on screen: ${shownNaN?.[0]}`);
      assert.deepEqual(log.errors, []);
      const notices = await page.locator('.embed-notice, .field-message:not(:empty), [role="status"]:not(:empty)').count();
      assert.ok(notices > 0, 'nothing says that a value was ignored');
    } finally {
      await view.close();
    }
  });
}
