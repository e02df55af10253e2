// A derivation tree from the core: each step shows its rule, "before = after" and its note; below
// the root's own steps, the sub-steps a rule needed sit in a collapsible <details>.
import { renderMath, renderRichText } from './math.js';

// Largest relative error against automatic differentiation that still counts as agreement.
const TOLERANCE = 1e-6;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function subStepList(step, depth) {
  const list = element('ol', 'derivation-tree');
  list.append(...step.children.map((child) => stepItem(child, depth + 1)));
  return list;
}

// Deeper sub-steps are typeset only when a reader opens them.
function collapsedSubSteps(step, depth) {
  const count = step.children.length;
  const details = element('details', 'derivation-substeps');
  details.append(element('summary', '', `${count} sub-step${count === 1 ? '' : 's'} of the ${step.rule}`));
  details.addEventListener('toggle', () => details.append(subStepList(step, depth)), { once: true });
  return details;
}

function stepItem(step, depth) {
  const item = element('li', 'derivation-step');
  const math = element('div', 'step-math display-math');
  item.append(element('p', 'step-title', step.rule), math);
  renderMath(math, `${step.before} = ${step.after}`, { display: true });
  if (step.note) {
    const note = element('p', 'step-note');
    renderRichText(note, step.note);
    item.append(note);
  }
  // The root's steps are the derivation itself, always shown; theirs fold away.
  if (step.children.length) item.append(depth === 0 ? subStepList(step, depth) : collapsedSubSteps(step, depth));
  return item;
}

// Puts into `slot` the stages of a walkthrough's "simplify" step (`substeps`, each {rule, before,
// after, note}), folded away and typeset when opened; empties it for a step without any. `summary`
// names them in the disclosure, before their count (the identities that made a form careful).
export function renderSubsteps(slot, substeps = [], summary = 'What was cancelled or collected') {
  slot.replaceChildren();
  if (substeps.length === 0) return;
  const count = substeps.length;
  const details = element('details', 'derivation-substeps');
  details.append(element('summary', '', `${summary} (${count} step${count === 1 ? '' : 's'})`));
  details.addEventListener('toggle', () => details.append(subStepList({ children: substeps }, 0)), { once: true });
  slot.append(details);
}

// Replaces the content of the list `list` with the derivation whose root step is `root`.
export function renderDerivation(list, root) {
  list.replaceChildren(stepItem(root, 0));
}

function formatError(x) {
  return x === 0 ? '0' : x.toPrecision(2);
}

// Fills `badge` with the result of checking the derivative against `against` (automatic
// differentiation unless said) at `points` points (or entries, ...: `unit`).
export function renderCheck(badge, { maxRelError, points }, { against = 'automatic differentiation', unit = 'points' } = {}) {
  const passed = points > 0 && maxRelError <= TOLERANCE;
  badge.classList.toggle('check-warning', !passed);
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = passed ? '\u2713 ' : '\u26a0 ';
  const text = points === 0
    ? `Warning: not checked against ${against}, since the expression is undefined at every sample point.`
    : `${passed ? '' : 'Warning: '}Checked against ${against} at ${points} ${unit}: `
      + `max relative error ${Number.isFinite(maxRelError) ? formatError(maxRelError) : 'not finite'}`;
  badge.replaceChildren(icon, text);
}

function formatSlope(x) {
  return Number.isNaN(x) ? 'undefined' : String(Number(x.toPrecision(6)));
}

// One line per kink the core found: where, the slope from each side, the value used there.
export function renderKinks(container, list, kinks) {
  container.hidden = kinks.length === 0;
  list.replaceChildren(...kinks.map(({ z, left, right, value }) => {
    const item = document.createElement('li');
    item.textContent = `At z = ${formatSlope(z)}: slope ${formatSlope(left)} from the left, `
      + `${formatSlope(right)} from the right; g\u2032(${formatSlope(z)}) = ${formatSlope(value)} here.`;
    return item;
  }));
}
