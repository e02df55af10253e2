// The derivation stepper: one step at a time (buttons or arrow keys), or every step at once.
import { renderMath, renderRichText } from '../figures/math.js';
import { renderSubsteps } from '../figures/derivation.js';
import { cloneTemplate } from '../state/templates.js';
import { beforePrinting } from '../figures/media.js';

// A step's display line, note and (for Simplify) its stages, in the elements `parts` names.
function fillStep({ math, note, substeps }, step) {
  renderMath(math, step.latex, { display: true });
  renderRichText(note, step.note);
  renderSubsteps(substeps, step.substeps);
}

function stepParts(container) {
  const part = (name) => container.querySelector(`.step-${name}`);
  return { math: part('math'), note: part('note'), substeps: part('substeps') };
}

function listItem(step) {
  const item = document.createElement('li');
  const title = document.createElement('p');
  title.className = 'step-title';
  title.textContent = step.title;
  const math = document.createElement('div');
  math.className = 'step-math display-math';
  const note = document.createElement('p');
  note.className = 'step-note';
  const substeps = document.createElement('div');
  substeps.className = 'step-substeps';
  fillStep({ math, note, substeps }, step);
  item.append(title, math, note, substeps);
  return item;
}

// Puts a stepper through `steps` ({title, latex, note, substeps?}) into `slot`; `label` names it for screen readers.
// It starts at step `index` (0-based), or with every step showing if `all`. Whenever what it shows
// changes (and once when it is put in place) its root dispatches a bubbling 'derivation-step' event,
// detail {index, count, all}: the step shown, how many there are, and whether every step is showing
// ("Show all steps"). Other modules (boot/scorm/reporter.js) follow progress through it.
// `onChange({index, all})` is called for the reader's changes only, not for the first render.
export function createStepper(slot, steps, label, { index: start = 0, all = false, onChange = () => {} } = {}) {
  const root = cloneTemplate('stepper-template');
  root.setAttribute('aria-label', label);
  const [previous, next, toggle] = ['previous', 'next', 'all'].map(
    (action) => root.querySelector(`[data-action="${action}"]`));
  const current = root.querySelector('.stepper-current');
  const status = root.querySelector('.step-status');
  const parts = stepParts(current);
  const list = root.querySelector('.stepper-all');
  const hint = root.querySelector('.stepper-hint');
  let index = start;
  let showingAll = false;

  function render() {
    const step = steps[index];
    status.textContent = `Step ${index + 1} of ${steps.length}: ${step.title}`;
    fillStep(parts, step);
    previous.setAttribute('aria-disabled', String(index === 0));
    next.setAttribute('aria-disabled', String(index === steps.length - 1));
    [...list.children].forEach((item, i) => {
      if (i === index) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    });
  }

  function announce() {
    root.dispatchEvent(new CustomEvent('derivation-step', {
      bubbles: true, detail: { index, count: steps.length, all: showingAll } }));
  }

  function changed() {
    announce();
    onChange({ index, all: showingAll });
  }

  function go(target) {
    const clamped = Math.min(Math.max(target, 0), steps.length - 1);
    if (showingAll || clamped === index) return;
    index = clamped;
    render();
    changed();
  }

  // The list of every step is typeset the first time it is needed.
  function fillList() {
    if (list.children.length > 0) return;
    list.append(...steps.map(listItem));
    render();
  }

  function setShowingAll(on) {
    showingAll = on;
    if (on) fillList();
    toggle.setAttribute('aria-pressed', String(on));
    list.hidden = !on;
    for (const element of [current, previous, next, hint]) element.hidden = on;
  }

  previous.addEventListener('click', () => go(index - 1));
  next.addEventListener('click', () => go(index + 1));
  toggle.addEventListener('click', () => {
    setShowingAll(!showingAll);
    changed();
  });
  root.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: steps.length - 1 };
    if (!(event.key in moves) || showingAll || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    go(moves[event.key]);
  });

  // Paper shows every step (the print styles show the list even while it is hidden on screen).
  beforePrinting(fillList);
  render();
  if (all) setShowingAll(true);
  slot.replaceChildren(root);
  announce();
  return root;
}
