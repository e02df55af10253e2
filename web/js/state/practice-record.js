// The learner's practice in this visit: for each exercise tried (a section's "Your turn" panel, at
// a seed), the attempts, the hints taken, whether it is solved and its score. The panels write
// here; the SCORM reporter (boot/scorm/) and "Download my results" read from here. Nothing typed
// is kept as HTML: responses are plain strings.
//
// Scoring, defined here and nowhere else: an exercise is worth MAX_SCORE; solved, it scores
// MAX_SCORE less HINT_COST per hint taken and WRONG_COST per wrong check before it, never below 0;
// unsolved, 0. The course's score is the mean, over the four tutorial sections, of the best score
// of that section's exercises (its own or a variant from "Another like this"); the catalogue's and
// the own-activation section's exercises are recorded but do not change it.

export const MAX_SCORE = 100;
export const HINT_COST = 20;
export const WRONG_COST = 10;
// The sections whose exercises make up the course's score.
export const SCORED = ['sigmoid', 'tanh', 'relu', 'leaky_relu'];

// An exercise's key: its section id, and its seed when it is a variant (seed 0 is the section's own
// function). Letters, digits, '_' and '-' only, so it is also a SCORM interaction identifier.
export const exerciseKey = (exercise, seed = 0) => (seed ? `${exercise}-${seed}` : exercise);

// Records by key: {key, exercise, seed, target, attempts, wrong, hints, solved, score, firstSeen,
// lastAt, time}; times are milliseconds (Date.now() for the instants, a duration for `time`, from
// the exercise being shown to its last attempt).
const records = new Map();
const events = new EventTarget();

function scoreOf(record) {
  if (!record.solved) return 0;
  return Math.max(0, MAX_SCORE - HINT_COST * record.hints - WRONG_COST * record.wrong);
}

function emit(type, record, detail = {}) {
  events.dispatchEvent(new CustomEvent(type, { detail: { record: { ...record }, ...detail } }));
}

// The record of `exercise` at `seed`, created when first asked for (`target` names what is derived:
// an activation id or the expression typed).
export function openExercise(exercise, seed = 0, target = exercise) {
  const key = exerciseKey(exercise, seed);
  let record = records.get(key);
  if (!record) {
    const now = Date.now();
    record = { key, exercise, seed, target, attempts: 0, wrong: 0, hints: 0, solved: false, score: 0,
      firstSeen: now, lastAt: now, time: 0 };
    records.set(key, record);
  }
  return { ...record };
}

// One check of `response` (the text typed) for the exercise `key`: `correct` is the core's verdict.
// A check after the exercise is solved is recorded as an attempt but changes neither its score nor
// its time. Emits 'attempt' with {record, attempt: {response, correct, latency (ms since the
// exercise was shown or last checked), at}}. Returns the record.
export function recordAttempt(key, response, correct) {
  const record = records.get(key);
  if (!record) throw new Error(`no exercise '${key}' is open`);
  const at = Date.now();
  const latency = Math.max(0, at - record.lastAt);
  record.attempts += 1;
  if (!record.solved) {
    if (correct) record.solved = true;
    else record.wrong += 1;
    record.score = scoreOf(record);
    record.time = at - record.firstSeen;
  }
  record.lastAt = at;
  emit('attempt', record, { attempt: { response: String(response), correct: Boolean(correct), latency, at } });
  return { ...record };
}

// One hint taken for the exercise `key` (a hint taken after it is solved costs nothing). Emits
// 'hint' with {record}. Returns the record.
export function recordHint(key) {
  const record = records.get(key);
  if (!record) throw new Error(`no exercise '${key}' is open`);
  if (!record.solved) record.hints += 1;
  emit('hint', record);
  return { ...record };
}

// Every record, in the order the exercises were first shown.
export const practiceRecords = () => [...records.values()].map((record) => ({ ...record }));

// Whether any exercise has been checked at least once.
export const anyAttempted = () => [...records.values()].some((record) => record.attempts > 0);

// The course's score, 0..MAX_SCORE, rounded to a whole number (see the top of this file).
export function courseScore() {
  const best = SCORED.map((exercise) => Math.max(0, ...[...records.values()]
    .filter((record) => record.exercise === exercise).map((record) => record.score)));
  return Math.round(best.reduce((sum, score) => sum + score, 0) / SCORED.length);
}

// Restores records kept from an earlier visit (for example from SCORM suspend_data): each
// {exercise, seed, attempts, wrong, hints, solved, time}, with unknown or malformed entries skipped.
// An exercise already open keeps its record. Emits 'restore'.
export function restoreRecords(saved) {
  if (!Array.isArray(saved)) return;
  const whole = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);
  for (const entry of saved) {
    if (!entry || typeof entry.exercise !== 'string' || !/^[A-Za-z0-9_]+$/.test(entry.exercise)) continue;
    const seed = whole(entry.seed);
    const key = exerciseKey(entry.exercise, seed);
    if (records.has(key)) continue;
    const now = Date.now();
    const record = { key, exercise: entry.exercise, seed,
      target: typeof entry.target === 'string' ? entry.target : entry.exercise,
      attempts: whole(entry.attempts), wrong: whole(entry.wrong), hints: whole(entry.hints),
      solved: entry.solved === true, score: 0, firstSeen: now - whole(entry.time), lastAt: now, time: whole(entry.time) };
    record.score = scoreOf(record);
    records.set(key, record);
  }
  events.dispatchEvent(new CustomEvent('restore'));
}

// Listens for 'attempt', 'hint' or 'restore'.
export const onPractice = (type, listener) => events.addEventListener(type, listener);
