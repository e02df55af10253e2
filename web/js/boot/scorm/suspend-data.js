// The learner's progress as one short string for an LMS's suspend_data, which SCORM 1.2 limits to
// 4,096 characters: the tutorial derivations seen to their end, and the practice records
// (state/practice-record.js) with their seeds, so that a returning learner gets both back.
//
//   2|sigmoid,tanh|tanh.0.2.1.0.1.5yc,tanh.3f.1.0.2.1.1hs
//
// Version 2; the ids seen; then one record per exercise: its section id, then seed, attempts,
// wrong checks, hints, solved (0 or 1) and time in milliseconds, each a whole number in base 36.
// Text without the leading "2|" is version 1, the ids seen alone ("sigmoid,tanh"), as written before.
// What the learner typed is not kept here (it goes to the interactions) and neither is a typed
// target: a variant is rebuilt from its seed.
import { SCORED } from '../../state/practice-record.js';

// SCORM 1.2's cmi.suspend_data limit (SCORM 2004 allows 64,000; one limit keeps one encoder).
export const SUSPEND_LIMIT = 4096;

const VERSION = '2';
const NUMBER_FIELDS = ['seed', 'attempts', 'wrong', 'hints', 'solved', 'time'];
const whole = (value) => (Number.isSafeInteger(value) && value >= 0 ? value : 0);

function encodeRecord(record) {
  const numbers = { ...record, solved: record.solved ? 1 : 0 };
  return [record.exercise, ...NUMBER_FIELDS.map((field) => whole(numbers[field]).toString(36))].join('.');
}

// The order records are dropped in when the whole does not fit: first those that do not count
// towards the course's score, then the scored ones that are not their section's best (the course's
// score keeps the best of each section), then the rest; the oldest first within each group.
function dropOrder(records) {
  const best = new Map();
  for (const record of records) {
    if (!SCORED.includes(record.exercise)) continue;
    const kept = best.get(record.exercise);
    if (!kept || record.score > kept.score) best.set(record.exercise, record);
  }
  const rank = (record) => {
    if (!SCORED.includes(record.exercise)) return 0;
    return best.get(record.exercise) === record ? 2 : 1;
  };
  return records.map((record, index) => ({ index, rank: rank(record) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index).map(({ index }) => index);
}

// `seen` (ids of the tutorial sections, SCORED) and `records` (as practiceRecords() gives them,
// oldest first; those with no check and no hint left out) as a string of at most `limit`
// characters; records that do not fit are dropped (see dropOrder).
export function encodeProgress({ seen = [], records = [] }, limit = SUSPEND_LIMIT) {
  const head = `${VERSION}|${SCORED.filter((id) => seen.includes(id)).join(',')}|`;
  // An exercise only shown (every panel opens its own) carries nothing worth keeping.
  const valid = records.filter((record) => /^[A-Za-z0-9_]+$/.test(record?.exercise ?? '')
    && (record.attempts > 0 || record.hints > 0));
  const parts = valid.map(encodeRecord);
  const kept = parts.map(() => true);
  // Each kept part costs its length plus a comma, except the first.
  let length = head.length + parts.reduce((sum, part) => sum + part.length + 1, 0) - (parts.length ? 1 : 0);
  for (const index of dropOrder(valid)) {
    if (length <= limit) break;
    kept[index] = false;
    length -= parts[index].length + 1;
  }
  const text = head + parts.filter((part, index) => kept[index]).join(',');
  return text.length <= limit ? text : '';
}

// What encodeProgress() wrote (or version 1's list of ids) as {seen, records}; records in the form
// restoreRecords() takes. Anything malformed is skipped, so any string can be given.
export function decodeProgress(text) {
  const source = typeof text === 'string' ? text : '';
  const [version, seenPart, recordPart] = source.startsWith(`${VERSION}|`) ? source.split('|') : ['1', source, ''];
  const seen = (seenPart ?? '').split(',').filter((id, index, all) => SCORED.includes(id) && all.indexOf(id) === index);
  const records = version === VERSION ? (recordPart ?? '').split(',').map(decodeRecord).filter(Boolean) : [];
  return { seen, records };
}

function decodeRecord(part) {
  const [exercise, ...fields] = part.split('.');
  if (!/^[A-Za-z0-9_]+$/.test(exercise) || fields.length !== NUMBER_FIELDS.length) return null;
  if (!fields.every((field) => /^[0-9a-z]{1,11}$/.test(field))) return null;
  const values = fields.map((field) => Number.parseInt(field, 36));
  if (!values.every(Number.isSafeInteger)) return null;
  const record = Object.fromEntries(NUMBER_FIELDS.map((field, index) => [field, values[index]]));
  return { exercise, ...record, solved: record.solved === 1 };
}
