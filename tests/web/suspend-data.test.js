// web/js/boot/scorm/suspend-data.js, the SCORM suspend_data encoder, on its own (no build needed):
// round trips, version 1's text, malformed text, and the 4,096-character limit with the order
// records are dropped in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUSPEND_LIMIT, decodeProgress, encodeProgress } from '../../web/js/boot/scorm/suspend-data.js';

const record = (exercise, seed, fields = {}) => ({ exercise, seed, attempts: 1, wrong: 0, hints: 0, solved: true,
  score: 100, time: 1000, ...fields });
const restorable = ({ exercise, seed, attempts, wrong, hints, solved, time }) => (
  { exercise, seed, attempts, wrong, hints, solved, time });

test('progress round-trips: the ids seen and each record with its seed, the largest seed too; one only shown is left out', () => {
  const records = [
    record('tanh', 0, { attempts: 2, wrong: 1, score: 90, time: 34567 }),
    record('sigmoid', 0, { attempts: 0, solved: false, hints: 1, score: 0, time: 0 }),
    record('leaky_relu', Number.MAX_SAFE_INTEGER, { time: 3600000 }),
    record('custom', 0, { solved: false, score: 0 }),
  ];
  const shown = record('relu', 0, { attempts: 0, solved: false, score: 0, time: 0 });
  const text = encodeProgress({ seen: ['tanh', 'sigmoid'], records: [...records, shown] });
  assert.equal(text, '2|sigmoid,tanh|tanh.0.2.1.0.1.qo7,sigmoid.0.0.0.1.0.0,'
    + 'leaky_relu.2gosa7pa2gv.1.0.0.1.255s0,custom.0.1.0.0.0.rs');
  assert.deepEqual(decodeProgress(text), { seen: ['sigmoid', 'tanh'], records: records.map(restorable) });
});

const cases = [
  { input: '', expected: { seen: [], records: [] } },
  { input: 'sigmoid,tanh', expected: { seen: ['sigmoid', 'tanh'], records: [] } },
  { input: 'relu,elu,relu,,tanh', expected: { seen: ['relu', 'tanh'], records: [] } },
  { input: '2||', expected: { seen: [], records: [] } },
  { input: '2|relu|', expected: { seen: ['relu'], records: [] } },
  { input: '2||tanh.0.1.0.0.1.a,bad,ta nh.0.1.0.0.1.a,tanh.0.1.0.0.1,tanh.0.1.0.0.1.A,tanh.zzzzzzzzzzzz.1.0.0.1.a',
    expected: { seen: [], records: [{ exercise: 'tanh', seed: 0, attempts: 1, wrong: 0, hints: 0, solved: true, time: 10 }] } },
  { input: '<script>|2|x', expected: { seen: [], records: [] } },
  { input: null, expected: { seen: [], records: [] } },
];
for (const { input, expected } of cases) {
  test(`decodeProgress(${JSON.stringify(input)})`, () => assert.deepEqual(decodeProgress(input), expected));
}

test('too long: unscored records go first, then scored ones that are not their section\'s best, oldest first', () => {
  const records = [
    record('tanh', 1, { score: 40 }),             // scored, not the best: second group
    record('elu', 1),                             // unscored: first group, oldest
    record('tanh', 2, { score: 90 }),             // tanh's best: kept
    record('gelu', 2),                            // unscored
    record('sigmoid', 3, { score: 0, solved: false }), // sigmoid's best (its only one)
    record('tanh', 4, { score: 90 }),             // ties the best but is not the first: second group
  ];
  const full = encodeProgress({ seen: ['relu'], records });
  const parts = full.split('|')[2].split(',');
  const without = (...drop) => `2|relu|${parts.filter((part, index) => !drop.includes(index)).join(',')}`;
  assert.equal(encodeProgress({ seen: ['relu'], records }, full.length), full);
  assert.equal(encodeProgress({ seen: ['relu'], records }, full.length - 1), without(1));
  assert.equal(encodeProgress({ seen: ['relu'], records }, without(1).length - 1), without(1, 3));
  assert.equal(encodeProgress({ seen: ['relu'], records }, without(1, 3).length - 1), without(1, 3, 0));
  assert.equal(encodeProgress({ seen: ['relu'], records }, without(1, 3, 0).length - 1), without(1, 3, 0, 5));
  assert.equal(encodeProgress({ seen: ['relu'], records }, without(1, 3, 0, 5).length - 1), without(1, 3, 0, 5, 2));
  assert.equal(encodeProgress({ seen: ['relu'], records }, 7), '2|relu|');
  assert.equal(encodeProgress({ seen: ['relu'], records }, 6), '');
});

test('a thousand variants at the largest seeds stay within 4,096 characters, the best of each section kept', () => {
  const sections = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu'];
  const records = Array.from({ length: 1000 }, (unused, index) => record(sections[index % 5],
    Number.MAX_SAFE_INTEGER - index, { attempts: 1e6, wrong: 1e6, hints: 99, score: index % 97, time: 1e12 }));
  const text = encodeProgress({ seen: ['sigmoid', 'tanh', 'relu', 'leaky_relu'], records });
  assert.ok(text.length <= SUSPEND_LIMIT, `${text.length} characters`);
  assert.ok(text.length > SUSPEND_LIMIT - 60, 'dropped more than it had to');
  const kept = decodeProgress(text).records;
  assert.equal(kept.some(({ exercise }) => exercise === 'elu'), false);
  for (const section of sections.slice(0, 4)) {
    const best = records.filter(({ exercise }) => exercise === section).reduce((a, b) => (b.score > a.score ? b : a));
    assert.ok(kept.some(({ seed }) => seed === best.seed), `${section}'s best was dropped`);
  }
});
