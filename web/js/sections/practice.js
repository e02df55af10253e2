// "Your turn": the student types g'(z) for the function on screen, the core checks it
// (core.checkDerivative) and the panel says what it found: right (and the walkthrough's form, if
// the answer is written otherwise), the classic mistake it makes, or a point where it differs, with
// the answer's curve over the true g'. Hints reveal the walkthrough one step at a time and cost
// points (state/practice-record.js keeps the score); "Another like this" asks the core for a seeded
// variant, whose seed goes into the address (practice=<exercise>-<seed>) and the LMS record.
// Nothing typed is inserted as HTML: the answer is shown as the core's LaTeX, typeset by KaTeX.
import { createExpressionField } from '../controls/expression-field.js';
import { renderMath, renderRichText, renderTexIn } from '../figures/math.js';
import { createPlot, setSeries } from '../figures/plot.js';
import { formatNumber } from '../figures/number-format.js';
import { valueWords } from '../figures/ulp-plot.js';
import { grid } from '../controls/range.js';
import { cloneTemplate } from '../state/templates.js';
import { HINT_COST, MAX_SCORE, WRONG_COST, exerciseKey, onPractice, openExercise, practiceRecords,
  recordAttempt, recordHint } from '../state/practice-record.js';
import { loadedQuery, writeUrlState } from '../state/url-state.js';

// The address key of the exercise shown when it is a variant: practice=<exercise>-<seed>.
const URL_KEY = 'practice';
// The largest seed (the core's seeds are unsigned 32-bit numbers; 0 is the section's own function).
const MAX_SEED = 4294967295;

// "Step title" from an engine rule: "chain rule" becomes "Chain rule".
const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// What an exercise needs of a derivation from core.derive(): its walkthrough as stepper steps
// {title, latex, note} (the root's own steps, each "before = after"), the final form it reaches
// (LaTeX), that form's expression text and its kinks (core.kinks()'s {z, left, right, value}).
export function fromDerivation(derivation) {
  const root = derivation.steps;
  const steps = (root.children.length ? root.children : [root])
    .map((step) => ({ title: capitalised(step.rule), latex: `${step.before} = ${step.after}`, note: step.note ?? '' }));
  return { steps, form: `g'(z) = ${derivation.derivative.latex}`, text: derivation.derivative.text,
    kinks: derivation.kinks };
}

// A fresh seed for "Another like this", never 0 and never `previous`.
function freshSeed(previous) {
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word); while (word[0] === 0 || word[0] === previous);
  return word[0];
}

// The seed the address asks of `exercise` (practice=<exercise>-<seed>), read by the core's number
// reader, or {seed: 0} when the address names another exercise or none, or {seed: 0, notice} when
// its seed does not read.
function seedFromAddress(core, exercise) {
  const value = core.queryValue(loadedQuery(), URL_KEY);
  const prefix = `${exercise}-`;
  if (value === null || !value.startsWith(prefix)) return { seed: 0 };
  const read = core.readSetting({ key: URL_KEY, kind: 'number', what: 'the exercise seed in the address',
    min: 1, max: MAX_SEED, whole: true }, value.slice(prefix.length));
  return read.error ? { seed: 0, notice: `${read.error} The section's own function is shown instead.` } : { seed: read.value };
}

// "z = 40" with the core's values in words: "g′(40) is 4.25e−18 but your answer gives 0".
function differenceText({ z, expected, got }) {
  return `At z = ${formatNumber(z, 8)}, g\u2032(z) is ${valueWords(expected, 8)}, but your answer gives ${valueWords(got, 8)}.`;
}

// The score line of `record`.
function scoreText(record) {
  const attempts = `${record.attempts} check${record.attempts === 1 ? '' : 's'}`;
  const hints = `${record.hints} hint${record.hints === 1 ? '' : 's'}`;
  const score = record.solved ? `solved, ${record.score} of ${MAX_SCORE} points` : 'not solved yet';
  return `${attempts}, ${hints}: ${score}. A hint costs ${HINT_COST} points and a wrong check ${WRONG_COST}.`;
}

// The panel's elements, from the template, put in place of `slot`: {root, part(name), form,
// buttons: {hint, another, original}}. Its title is a heading of level `heading` (3 or 4), the
// template's "Your turn" unless `title` is given.
function buildPanel(slot, exercise, heading, variants, title = null) {
  const root = cloneTemplate('practice-template', `${exercise}-practice`);
  root.id = `${exercise}-practice`;
  root.querySelector(heading === 3 ? 'h4' : 'h3').remove();
  const titleElement = root.querySelector('.practice-title');
  titleElement.id = `${exercise}-practice-title`;
  if (title) titleElement.textContent = title;
  root.setAttribute('aria-labelledby', titleElement.id);
  const form = root.querySelector('.practice-form');
  form.elements.answer.id = `${exercise}-answer`;
  form.querySelector('.practice-label').htmlFor = form.elements.answer.id;
  // The field's message first (what the hostile-input tests and a screen reader read), then its help.
  const message = form.querySelector('.field-message');
  const help = form.querySelector('.practice-help');
  message.id = `${exercise}-answer-message`;
  help.id = `${exercise}-answer-help`;
  form.elements.answer.setAttribute('aria-describedby', `${message.id} ${help.id}`);
  const buttons = Object.fromEntries(['hint', 'another', 'original']
    .map((action) => [action, root.querySelector(`[data-action="${action}"]`)]));
  buttons.another.hidden = !variants;
  buttons.original.textContent = 'Back to the section\u2019s function';
  renderTexIn(root);
  slot.replaceWith(root);
  return { root, form, buttons, part: (name) => root.querySelector(`[data-slot="${name}"]`) };
}

// The exercise of `exercise` at `seed`: the section's own (`base()`, marked own) at seed 0, else
// the core's variant. {seed, own, target, params, latex, steps, form, text}.
function exerciseAt(core, exercise, seed, base) {
  // base() may give a seed of its own (the own-activation section's names what was typed).
  if (seed === 0) return { seed: 0, ...base(), own: true };
  const variant = core.exercise(exercise, seed);
  return { seed, own: false, target: variant.target, params: variant.params, latex: variant.latex,
    ...fromDerivation(core.derive(variant.target, variant.params)) };
}

// The first `shown` steps of `steps` as the hint list, and the hint button saying what the next costs.
function renderHints(panel, steps, shown) {
  panel.part('hints').replaceChildren(...steps.slice(0, shown).map((step) => {
    const item = document.createElement('li');
    const name = Object.assign(document.createElement('p'), { className: 'step-title', textContent: step.title });
    const math = Object.assign(document.createElement('div'), { className: 'step-math display-math' });
    renderMath(math, step.latex, { display: true });
    item.append(name, math);
    if (step.note) {
      const note = Object.assign(document.createElement('p'), { className: 'step-note' });
      renderRichText(note, step.note);
      item.append(note);
    }
    return item;
  }));
  const left = steps.length - shown;
  panel.buttons.hint.disabled = left === 0;
  panel.buttons.hint.textContent = left === 0 ? 'Every step is shown'
    : `Show a hint: step ${shown + 1} of ${steps.length} (\u2212${HINT_COST} points)`;
}

// A paragraph with `className` holding `text`.
const line = (className, text) => Object.assign(document.createElement('p'), { className, textContent: text });

// The verdict on `result` (core.checkDerivative's) for `exercise`: right, and the walkthrough's form
// when the answer is written otherwise; or wrong, with the mistake named and the point where the
// answer differs.
function verdictParts(exercise, result) {
  if (result.equivalent) {
    const parts = [line('verdict-right', 'Correct: that is g\u2032(z).')];
    if (result.answer.text !== exercise.text) {
      const form = Object.assign(document.createElement('div'), { className: 'display-math' });
      renderMath(form, exercise.form, { display: true });
      parts.push(line('', 'The walkthrough writes it as'), form);
    }
    // Either one-sided slope is accepted at a kink; what the frameworks use there is shown, not required.
    for (const { z, left, right, value } of exercise.kinks) {
      parts.push(line('', `At z = ${formatNumber(z, 8)} the slope jumps from ${formatNumber(left, 8)} to `
        + `${formatNumber(right, 8)}, so g\u2032 is not defined there and either side is accepted; the `
        + `frameworks' convention there is ${formatNumber(value, 8)}.`));
    }
    return parts;
  }
  const parts = [line('verdict-wrong', 'Not yet: that is not g\u2032(z).')];
  if (result.mistake) {
    const message = line('verdict-mistake', '');
    renderRichText(message, result.mistake.message);
    parts.push(message);
  }
  if (result.counterexample) parts.push(line('', differenceText(result.counterexample)));
  return parts;
}

// The plot of the answer `text` over the true g' on a range that shows the point `at` where they
// differ, drawn on the panel's chart (made on first use: most panels never need one); hidden if the
// core cannot evaluate them.
function differencePlot(panel, core) {
  let chart = null;
  const figure = panel.part('practice-plot');
  return (exercise, text, at) => {
    const reach = at ? Math.max(6, Math.min(1000, Math.ceil(Math.abs(at.z) * 1.25))) : 6;
    const z = grid({ from: -reach, to: reach });
    let yours;
    let truth;
    try {
      yours = core.answerValues(exercise.target, text, z, exercise.params);
      truth = core.answerValues(exercise.target, exercise.text, z, exercise.params);
    } catch {
      figure.hidden = true;
      return;
    }
    figure.hidden = false;
    // The canvas (and with it the chart and its data table) only once a wrong answer needs it.
    chart ??= createPlot(figure.querySelector('.chart-box').appendChild(document.createElement('canvas')));
    const series = [
      { label: 'true g\u2032(z)', z, y: truth, colour: 1, dashed: true,
        breaks: exercise.kinks.map((kink) => kink.z) },
      { label: 'your answer', z, y: yours, colour: 3, dashed: false },
    ];
    if (at && Number.isFinite(at.got)) series.push({ label: 'where they differ', z: [at.z], y: [at.got], colour: 3, point: true });
    setSeries(chart, series, `Plot of the true g\u2032(z), dashed, and your answer, solid, for z from ${formatNumber(-reach)} `
      + `to ${formatNumber(reach)}${at ? `; they differ at z = ${formatNumber(at.z, 8)}` : ''}.`);
  };
}

// The answer field: a live preview of how the text was read (or why it does not read, with its
// column), and on Check, the core's verdict, recorded as an attempt. `current()` is the exercise.
function answerField(panel, core, current, onChecked) {
  const preview = (latex) => {
    panel.part('answer-preview').hidden = latex === null;
    if (latex !== null) renderMath(panel.part('answer-preview-math'), `g'(z) = ${latex}`, { display: true });
  };
  // {answer text, result} or null, the refusal shown in the field.
  const check = (text) => {
    try {
      const result = core.checkDerivative(current().target, text, current().params);
      field.clearError();
      preview(result.answer.latex);
      return result;
    } catch (failure) {
      preview(null);
      field.showError(text, failure, null);
      return null;
    }
  };
  const field = createExpressionField(panel.form, {
    name: 'answer',
    maxLength: core.limits().expression.maxLength,
    onText(text) {
      if (text.trim() === '') {
        field.clearError();
        preview(null);
      } else {
        check(text);
      }
    },
    onSubmit(text) {
      if (text.trim() === '') {
        field.showError(text, { message: 'Type your g\u2032(z) first, then check it.' }, null);
        return;
      }
      const result = check(text);
      if (result) onChecked(text, result);
    },
  });
  return {
    clear() {
      field.setText('');
      field.clearError();
      preview(null);
    },
  };
}

// Puts a panel into `slot`. `exercise` is its id in the record (the section's id, or 'custom');
// `base()` gives the section's own exercise: {target (activation id or expression), params, latex
// (g(z) = ...), steps (walkthrough), form (the walkthrough's final g'(z) = ..., LaTeX), text
// (the final form's expression text, to tell whether the student's differs), kinks (core.kinks()'s),
// seed (optional)}. With
// `variants`, the panel offers "Another like this" (the core's seeded variants of `exercise`).
// `heading` is the panel title's level (3 or 4), `title` its text when a section has more than one
// panel ("Your turn" otherwise). Returns {refresh()}, to call when base() changes
// (a parameter moved, another expression typed).
export function createPractice(slot, core, { exercise, base, variants = false, heading = 3, title }) {
  const panel = buildPanel(slot, exercise, heading, variants, title);
  const { part, buttons } = panel;
  const draw = differencePlot(panel, core);
  let current = null;
  let shownHints = 0;
  const record = () => practiceRecords().find(({ key }) => key === current.key);
  const renderScore = () => { part('practice-score').textContent = scoreText(record()); };

  function show(seed) {
    const next = exerciseAt(core, exercise, seed, base);
    current = { ...next, key: openExercise(exercise, next.seed, next.target).key };
    shownHints = Math.min(record().hints, current.steps.length);
    renderMath(part('task'), current.latex, { display: true });
    buttons.original.hidden = current.own;
    part('verdict').replaceChildren();
    part('practice-plot').hidden = true;
    renderHints(panel, current.steps, shownHints);
    renderScore();
  }

  const field = answerField(panel, core, () => current, (text, result) => {
    recordAttempt(current.key, text, result.equivalent);
    part('verdict').replaceChildren(...verdictParts(current, result));
    if (result.equivalent) part('practice-plot').hidden = true;
    else draw(current, text, result.counterexample);
    renderScore();
  });

  buttons.hint.addEventListener('click', () => {
    if (shownHints >= current.steps.length) return;
    shownHints += 1;
    recordHint(current.key);
    renderHints(panel, current.steps, shownHints);
    renderScore();
  });
  function choose(seed) {
    show(seed);
    field.clear();
    writeUrlState({ [URL_KEY]: seed === 0 ? null : exerciseKey(exercise, seed) });
  }
  buttons.another.addEventListener('click', () => choose(freshSeed(current.seed)));
  buttons.original.addEventListener('click', () => choose(0));
  // A returning learner's record (restored from the LMS) shows in the score line and the hints.
  onPractice('restore', () => {
    shownHints = Math.min(record().hints, current.steps.length);
    renderHints(panel, current.steps, shownHints);
    renderScore();
  });

  const fromAddress = variants ? seedFromAddress(core, exercise) : { seed: 0 };
  show(fromAddress.seed);
  if (fromAddress.notice) part('verdict').append(line('', fromAddress.notice));

  return {
    refresh() {
      if (!current.own) return;
      const next = base();
      if (next.target === current.target && (next.seed ?? 0) === current.seed && next.latex === current.latex) {
        current.params = next.params;
        return;
      }
      show(0);
      field.clear();
    },
  };
}
