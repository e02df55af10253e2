// The BUILT module's address readers, checked against JavaScript itself: the query parser against
// Node's URLSearchParams, the number grammar against the reader the page used before it moved into
// the core, and number texts against String(), each on thousands of seeded random inputs.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadCore } from 'activation-derivations';

const core = await loadCore();

// A small seeded generator (mulberry32), so that a failure names an input that can be replayed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of hostile queries: separators, escapes good and broken, encoded invalid UTF-8 (overlong
// forms, surrogates, past U+10FFFF, cut sequences), multi-byte characters and lone surrogates.
const QUERY_PIECES = ['%', '+', '&', '=', '?', '#', ' ', 'a', 'b', 'fn', 'alpha', '0', '9', 'f', 'F', 'g', 'z',
  '%2', '%2B', '%26', '%3D', '%25', '%20', '%E', '%e2', '%C3', '%A9', '%C3%A9', '%FF', '%80', '%C0%AF',
  '%E0%80%AF', '%ED%A0%80', '%ED%BF%BF', '%F4%90%80%80', '%F0%9F%98', '%F0%9F%98%80', '%00', '%0', 'é', '😀',
  '\u2212', '\u202e', '\ud800', '\udc00', '\ud83d', '\ude00', '\u0000', '\uffff', '\ufeff'];

function randomString(next, pieces, maxPieces) {
  let text = '';
  const count = Math.floor(next() * (maxPieces + 1));
  for (let i = 0; i < count; i += 1) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

// URLSearchParams(query) with each non-ASCII character of `query` percent-encoded first (after its
// lone surrogates became U+FFFD), which by the standard gives the same entries: the parser UTF-8
// encodes its input before it decodes %XX, and an escape starts with '%', never a hex digit. Node
// 20.20's own parser goes wrong on a raw non-ASCII character in a piece that also holds a broken
// escape and a '+' (new URLSearchParams('\ua555%F+5') gives 'U%F 5': it kept one byte of U+A555);
// a page never meets that case, since location.search is ASCII.
function expectedEntries(query) {
  const ascii = query.replace(/\p{Cs}/gu, '\ufffd').replace(/[^\0-\x7f]/gu, encodeURIComponent);
  return [...new URLSearchParams(ascii)];
}

test('parseQuery matches URLSearchParams on 5000 random hostile queries', () => {
  const next = random(20261125);
  for (let i = 0; i < 5000; i += 1) {
    const query = randomString(next, QUERY_PIECES, 24);
    const expected = expectedEntries(query);
    assert.deepEqual(core.parseQuery(query), expected, `query ${JSON.stringify(query)}`);
    for (const [name] of expected.slice(0, 2)) {
      assert.equal(core.queryValue(query, name), expected.find(([key]) => key === name)[1], JSON.stringify(query));
    }
    assert.equal(core.queryValue(query, 'absent-name'), null);
  }
});

test('parseQuery matches URLSearchParams on ASCII queries as they are', () => {
  const next = random(3);
  for (let i = 0; i < 2000; i += 1) {
    const query = randomString(next, QUERY_PIECES.filter((piece) => /^[\0-\x7f]*$/.test(piece)), 24);
    assert.deepEqual(core.parseQuery(query), [...new URLSearchParams(query)], JSON.stringify(query));
  }
});

test('parseQuery matches URLSearchParams on random code units, every kind of character', () => {
  const next = random(7);
  for (let i = 0; i < 2000; i += 1) {
    const units = Array.from({ length: Math.floor(next() * 16) }, () => {
      const r = next();
      if (r < 0.4) return '%+&=a5F'.charCodeAt(Math.floor(next() * 7));
      if (r < 0.6) return 0xd800 + Math.floor(next() * 0x800);
      return Math.floor(next() * 0x10000);
    });
    const query = String.fromCharCode(...units);
    assert.deepEqual(core.parseQuery(query), expectedEntries(query), `units ${JSON.stringify(units)}`);
  }
});

// The page's number reader before the core had one (web/js/state/inputs.js), kept as the reference the
// core's grammar and messages must match; its set of named characters is the core's (unicode.h).
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u00a0\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\uffa0\ufe00-\ufe0f\ufff0-\ufffb\u{e0000}-\u{e0fff}]$/u;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const visible = (c) => (INVISIBLE.test(c) ? `\u27e8U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9` : c);
function quoteEntry(text) {
  const characters = Array.from(text);
  const shown = characters.slice(0, 40).map(visible).join('');
  return characters.length > 40 ? `“${shown}…” (${characters.length} characters)` : `“${shown}”`;
}
function referenceParseNumber(text, what) {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  if (cleaned === '') return { error: `${what} is empty; enter a number.` };
  if (!DECIMAL.test(cleaned)) return { error: `${what}: ${quoteEntry(text.trim())} is not a number (try 2.5 or -1e-3).` };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { error: `${what}: that number is too large.` };
  if (value === 0 && /[1-9]/.test(cleaned.replace(/e.*$/i, ''))) {
    return { error: `${what}: ${quoteEntry(text.trim())} is too close to 0 to store; enter 0 if you mean 0.` };
  }
  return { value };
}

const NUMBER_PIECES = ['0', '1', '5', '9', '.', 'e', 'E', '-', '+', '\u2212', ' ', '\t', '\u00a0', '\u3000',
  '\ufeff', '\u2028', '\u202f', '\u200b', '\u202e', '\u0000', '\ud800', '\udfff', '😀', 'x', ',', '400', '309',
  '00000000000', '\u{e0041}', '\ue000', '\u0600', '\u00ad'];

test('parseNumber matches the reader it replaced on 5000 random entries, messages included', () => {
  const next = random(42);
  for (let i = 0; i < 5000; i += 1) {
    const text = randomString(next, NUMBER_PIECES, i % 10 === 0 ? 60 : 8);
    assert.deepEqual(core.parseNumber(text, 'alpha'), referenceParseNumber(text, 'alpha'), JSON.stringify(text));
  }
});

test('visibleCharacter names exactly the characters the reference set names', () => {
  for (let c = 0; c <= 0x10ffff; c += c < 0x30000 ? 1 : 0x101) {
    if (c >= 0x30000 && c < 0xe0000) continue;
    const character = String.fromCodePoint(c);
    if (INVISIBLE.test(character)) assert.equal(core.visibleCharacter(character), visible(character), c.toString(16));
    else if (c % 97 === 0) assert.equal(core.visibleCharacter(character), character, c.toString(16));
  }
});

test('numbers in messages are written as String() writes them', () => {
  const next = random(99);
  const bits = new DataView(new ArrayBuffer(8));
  const setting = { key: 'k', kind: 'number', what: 'it', min: 0, max: 0 };
  for (let i = 0; i < 3000; i += 1) {
    bits.setUint32(0, Math.floor(next() * 2 ** 32));
    bits.setUint32(4, Math.floor(next() * 2 ** 32));
    const value = i % 3 === 0 ? (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20) : bits.getFloat64(0);
    if (!Number.isFinite(value) || value === 0) continue;
    const text = String(value).replace('-', '\u2212');
    assert.deepEqual(core.readSetting(setting, String(value)), { error: `it must be from 0 to 0, not ${text}.` });
    const bounds = { ...setting, min: value, max: value, whole: true };
    if (!Number.isInteger(value)) assert.deepEqual(core.readSetting(bounds, String(value)), { error: `it must be a whole number, not ${text}.` });
  }
});

test('the readers return the page\'s values and sentences', () => {
  assert.deepEqual(core.readActivationView('?fn=leaky_relu&alpha=0.2&step=all&beta=3', 'leaky_relu'), {
    named: true, params: { alpha: 0.2 }, step: { index: 0, all: true },
    notices: { params: {}, section: ['Ignored beta=3 from the address: Leaky ReLU has no parameter beta.'] },
  });
  assert.equal(core.readActivationView('?fn=tanh', 'leaky_relu').named, false);
  assert.deepEqual(core.readSettings('?depth.fn=tanh,relu,tanh&depth.L=2.5&x=1', [
    { key: 'depth.fn', kind: 'list', what: 'depth.fn', ids: ['relu', 'tanh'] },
    { key: 'depth.L', kind: 'number', what: 'the depth', min: 1, max: 50, whole: true },
    { key: 'train.data', kind: 'choice', what: 'train.data', ids: ['xor'] },
  ]), { values: [['tanh', 'relu'], null, null],
    notices: ['Ignored depth.L=2.5 from the address: the depth must be a whole number, not 2.5.'] });
  assert.deepEqual(core.readExpressionParams('?expr.alpha=abc&expr.beta=-2&expr.y=0.25'), {
    values: { alpha: core.expressionParams()[0].default, beta: -2, y: 0.25 },
    refused: [['alpha', `expr.alpha in the link: “abc” is not a number (try 2.5 or -1e-3). Using ${core.expressionParams()[0].default}.`]],
  });
  assert.deepEqual(core.parameterKeys(), [...new Set(core.activations().flatMap((a) => a.params.map((p) => p.id)))].sort());
  assert.throws(() => core.readSettings('', [{ key: 'k', kind: 'other' }]), TypeError);
  assert.throws(() => core.readActivationView('', 'nope'), /nope/);
});
