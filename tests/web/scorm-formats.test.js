// The SCORM adapters' formats on their own (no build needed): durations in 1.2's CMITimespan and
// 2004's ISO 8601, and what the learner typed cut to a field's limit without splitting a character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timespan12 } from '../../web/js/boot/scorm/scorm12.js';
import { duration2004, fillIn } from '../../web/js/boot/scorm/scorm2004.js';
import { lmsText } from '../../web/js/boot/scorm/text.js';

const durations = [
  { ms: 0, v12: '0000:00:00.00', v2004: 'PT0S' },
  { ms: 4, v12: '0000:00:00.00', v2004: 'PT0S' },
  { ms: 5250, v12: '0000:00:05.25', v2004: 'PT5.25S' },
  { ms: 60000, v12: '0000:01:00.00', v2004: 'PT1M' },
  { ms: 3725500, v12: '0001:02:05.50', v2004: 'PT1H2M5.50S' },
  { ms: 40 * 3600000, v12: '0040:00:00.00', v2004: 'PT40H' },
  { ms: 1e12, v12: '9999:59:59.99', v2004: 'PT277777H46M40S' },
  { ms: -5, v12: '0000:00:00.00', v2004: 'PT0S' },
  { ms: Number.NaN, v12: '0000:00:00.00', v2004: 'PT0S' },
];
for (const { ms, v12, v2004 } of durations) {
  test(`${ms} ms is ${v12} in 1.2 and ${v2004} in 2004`, () => {
    assert.equal(timespan12(ms), v12);
    assert.equal(duration2004(ms), v2004);
  });
}

test('typed text becomes one line within the limit, never half a surrogate pair', () => {
  assert.equal(lmsText('1 - g(z)', 255), '1 - g(z)');
  assert.equal(lmsText('a\nb\tc\u2028d\u0000e', 255), 'a b c d e');
  assert.equal(lmsText('x'.repeat(300), 255), 'x'.repeat(255));
  assert.equal(lmsText(`${'x'.repeat(254)}😀`, 255), 'x'.repeat(254));
  assert.equal(lmsText(`${'x'.repeat(253)}😀`, 255), `${'x'.repeat(253)}😀`);
});

test('a 2004 fill-in response stays one entry: no "[,]" delimiter, no leading "{" read as a prefix, 250 units', () => {
  assert.equal(fillIn('g(z)*(1 - g(z))'), 'g(z)*(1 - g(z))');
  assert.equal(fillIn('{lang=en}a[,]b'), ' {lang=en}a[ ,]b');
  assert.equal(fillIn('y'.repeat(1e6)), 'y'.repeat(250));
});
