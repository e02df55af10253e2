// "Your results": the practice records of this visit (state/practice-record.js) as a table, the
// course's score, and "Download my results" as JSON or CSV (exercise, seed, function, checks,
// hints, score, time), for a learner without an LMS to keep or hand in. Everything shown is text.
import { MAX_SCORE, courseScore, onPractice, practiceRecords } from '../state/practice-record.js';

// "1 min 5 s", "42 s": a duration in milliseconds, for the table.
function durationText(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// The rows of a download: one per exercise tried (checked at least once or a hint taken).
function rows() {
  return practiceRecords().filter((record) => record.attempts > 0 || record.hints > 0).map((record) => ({
    exercise: record.exercise,
    seed: record.seed,
    function: record.target,
    attempts: record.attempts,
    hints: record.hints,
    solved: record.solved,
    score: record.score,
    seconds: Math.round(record.time / 1000),
  }));
}

// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180), and with a leading
// apostrophe when a spreadsheet would read it as a formula (=, +, -, @ first: an expression such as
// -z*g(z) typed as a function).
function csvField(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function resultsCsv(list = rows()) {
  const header = ['exercise', 'seed', 'function', 'attempts', 'hints', 'solved', 'score', 'seconds'];
  return [header, ...list.map((row) => header.map((key) => row[key]))]
    .map((fields) => fields.map(csvField).join(',')).join('\r\n').concat('\r\n');
}

export function resultsJson(list = rows()) {
  return JSON.stringify({ courseScore: courseScore(), maxScore: MAX_SCORE, exercises: list,
    saved: new Date().toISOString() }, null, 2);
}

// Hands `text` to the browser as a file named `name`.
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Wires #results: its table and total follow every attempt, hint and restored record.
export function setupResults(section) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const buttons = ['json', 'csv'].map((kind) => section.querySelector(`[data-action="download-${kind}"]`));
  function render() {
    const list = rows();
    slot('results-table-box').hidden = list.length === 0;
    slot('results-rows').replaceChildren(...list.map((row) => {
      const tr = document.createElement('tr');
      const cells = [row.exercise, row.seed || '\u2014', row.function, row.attempts, row.hints,
        row.solved ? `${row.score} of ${MAX_SCORE}` : 'not solved', durationText(row.seconds * 1000)];
      tr.append(...cells.map((text, i) => Object.assign(document.createElement(i === 0 ? 'th' : 'td'),
        { textContent: String(text) })));
      tr.firstElementChild.scope = 'row';
      return tr;
    }));
    slot('results-total').textContent = list.length === 0
      ? 'Nothing checked yet: your results appear here once you check an answer.'
      : `Course score: ${courseScore()} of ${MAX_SCORE}, from ${list.length} exercise${list.length === 1 ? '' : 's'} tried.`;
    for (const button of buttons) button.disabled = list.length === 0;
  }
  for (const type of ['attempt', 'hint', 'restore']) onPractice(type, render);
  const stamp = () => new Date().toISOString().slice(0, 10);
  buttons[0].addEventListener('click', () => download(`activation-derivations-results-${stamp()}.json`, 'application/json', resultsJson()));
  buttons[1].addEventListener('click', () => download(`activation-derivations-results-${stamp()}.csv`, 'text/csv', resultsCsv()));
  render();
}
