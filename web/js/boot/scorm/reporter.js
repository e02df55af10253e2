// Reports to an LMS, when the page runs inside one: the SCORM 1.2 package
// (dist/activation-derivations-scorm.zip) or the SCORM 2004 one (...-scorm2004.zip). One reporter
// speaks of score, status, interactions and suspend data; an adapter per version (scorm12.js,
// scorm2004.js) writes them in its data model.
//
// - Completion: complete once each tutorial derivation has been seen to its end (stepped to its
//   last step, or shown whole with "Show all steps").
// - Score: the course's score (state/practice-record.js), 0..MAX_SCORE, once an exercise is checked.
// - Success: passed or failed against the LMS's mastery score (1.2's cmi.student_data.mastery_score,
//   2004's cmi.scaled_passing_score, both from the manifest) once an exercise is checked; with no
//   mastery score, none (1.2 then reports completed/incomplete alone).
// - Each check of an answer is an interaction: the exercise's key, what was typed, right or wrong,
//   how long it took.
// - suspend_data keeps the derivations seen and the practice records (suspend-data.js), restored
//   on the next launch, so the panels' score lines and "Your results" show them.
// Without an API (a plain visit, the single file from disk, a frame on another origin) it does
// nothing, and it never throws.
import { MAX_SCORE, SCORED, anyAttempted, courseScore, exerciseKey, onPractice, practiceRecords, restoreRecords }
  from '../../state/practice-record.js';
import { findApi } from './find-api.js';
import { scorm12 } from './scorm12.js';
import { scorm2004 } from './scorm2004.js';
import { decodeProgress, encodeProgress } from './suspend-data.js';

const ADAPTERS = { '1.2': scorm12, 2004: scorm2004 };

// Runs `work`, swallowing anything it throws: reporting must never break the page.
const safely = (work) => (...args) => {
  try {
    work(...args);
  } catch {
    // The LMS's trouble is not the learner's.
  }
};

// The learner's progress as the LMS learns it; `adapter` writes it.
function createSession(adapter, launch, startedAt) {
  const { seen: seenBefore, records } = decodeProgress(launch.suspend);
  restoreRecords(records);
  const seen = new Set(seenBefore);
  let completed = launch.completed;
  let interactions = launch.interactions;

  const success = () => {
    if (launch.mastery === null || !anyAttempted()) return null;
    // A tolerance for mastery scores like 0.7, whose product with 100 is not a whole number.
    return courseScore() >= launch.mastery * MAX_SCORE - 1e-9 ? 'passed' : 'failed';
  };
  const report = () => {
    completed ||= SCORED.every((id) => seen.has(id));
    adapter.status({ completed, success: success() });
    if (anyAttempted()) adapter.score(courseScore(), MAX_SCORE);
    adapter.suspend(encodeProgress({ seen: [...seen], records: practiceRecords() }));
    adapter.commit();
  };
  return {
    report,
    saw(id) {
      if (!SCORED.includes(id) || seen.has(id)) return;
      seen.add(id);
      report();
    },
    attempted({ record, attempt }) {
      adapter.interaction(interactions, { id: exerciseKey(record.exercise, record.seed), ...attempt });
      interactions += 1;
      report();
    },
    // Done (a normal exit) once complete and not failed; otherwise suspended, to be resumed.
    finish: () => adapter.finish({ suspend: !(completed && success() !== 'failed'), sessionMs: Date.now() - startedAt }),
  };
}

// Starts the SCORM session if an LMS provides an API; otherwise returns at once.
export const startScorm = safely(() => {
  const found = findApi();
  if (!found) return;
  const adapter = ADAPTERS[found.version](found.api);
  const startedAt = Date.now();
  if (!adapter.initialize()) return;
  const session = createSession(adapter, adapter.launch(), startedAt);
  session.report();

  document.addEventListener('derivation-step', safely((event) => {
    const { index, count, all } = event.detail ?? {};
    if (all || index === count - 1) session.saw(event.target.closest?.('section')?.id);
  }));
  onPractice('attempt', safely((event) => session.attempted(event.detail)));
  onPractice('hint', safely(() => session.report()));

  let finished = false;
  window.addEventListener('pagehide', safely(() => {
    if (finished) return;
    finished = true;
    session.finish();
  }));
});
