// A derivation tree from the core: each step shows its rule, "before = after" and its note; below
// the root's own steps, the sub-steps a rule needed sit in a collapsible <details>.
import { renderMath, renderRichText } from './math.js';

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

// Replaces the content of the list `list` with the derivation whose root step is `root`.
export function renderDerivation(list, root) {
  list.replaceChildren(stepItem(root, 0));
}
