// Keeps the practice records (practice-record.js) in the tab's sessionStorage, so that a reload or
// a link followed and come back from loses no attempt, hint or score: restored when the page starts,
// saved after every attempt and hint. Where storage is refused (a sandboxed frame, a browser setting)
// the records live as long as the page, and nothing throws.
import { onPractice, practiceRecords, restoreRecords } from './practice-record.js';

const KEY = 'activation-derivations.practice';

// The fields restoreRecords() takes back.
const saved = () => practiceRecords().map(({ exercise, seed, target, attempts, wrong, hints, solved, time }) => (
  { exercise, seed, target, attempts, wrong, hints, solved, time }));

export function keepPracticeInTab() {
  let storage;
  try {
    storage = window.sessionStorage;
    const kept = storage.getItem(KEY);
    if (kept) restoreRecords(JSON.parse(kept));
  } catch {
    // Refused, or not JSON (written by something else): start afresh.
    if (!storage) return;
  }
  const save = () => {
    try {
      storage.setItem(KEY, JSON.stringify(saved()));
    } catch {
      // Full or refused: the records still live as long as the page.
    }
  };
  onPractice('attempt', save);
  onPractice('hint', save);
}
