// The "z from / z to" inputs of a figure, and the grid of z values plotted over that range.
import { parseNumber, showMessage } from '../state/inputs.js';
import { cloneTemplate } from '../state/templates.js';
import { formatBound } from '../figures/number-format.js';
import { DEFAULT_RANGE } from './grid.js';

// DEFAULT_RANGE and grid live in grid.js, which the site's build imports too.
export { DEFAULT_RANGE, grid } from './grid.js';

const LIMIT = 1e6;         // wider ranges say nothing more about these functions
const MIN_WIDTH = 1e-6;

// formatBound lives in number-format.js, which the site's build imports too.
export { formatBound };

function readRange(form) {
  const fromInput = form.elements.from;
  const toInput = form.elements.to;
  const from = parseNumber(fromInput.value, 'z from');
  const to = parseNumber(toInput.value, 'z to');
  if (from.error) return { error: from.error, invalid: [fromInput] };
  if (to.error) return { error: to.error, invalid: [toInput] };
  const outside = [fromInput, toInput].filter((input, i) => Math.abs([from.value, to.value][i]) > LIMIT);
  if (outside.length) return { error: 'Keep z between −1000000 and 1000000.', invalid: outside };
  if (from.value === to.value) return { error: 'z from and z to are equal; give the plot some width.', invalid: [fromInput, toInput] };
  if (from.value > to.value) return { error: 'z from must be less than z to.', invalid: [fromInput, toInput] };
  if (to.value - from.value < MIN_WIDTH) return { error: 'That range is too narrow to plot; make it wider than 0.000001.', invalid: [fromInput, toInput] };
  return { range: { from: from.value, to: to.value } };
}

// Puts a range form into `slot`. Each valid edit calls `onChange(range)`, which may throw to refuse it;
// a refused or invalid entry shows a message and leaves the plot as it was.
export function createRangeControl(slot, { prefix, initial = DEFAULT_RANGE, onChange }) {
  const form = cloneTemplate('range-template', prefix);
  form.elements.from.value = formatBound(initial.from);
  form.elements.to.value = formatBound(initial.to);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('input', () => {
    const { range, error, invalid } = readRange(form);
    if (error) {
      showMessage(form, error, invalid);
      return;
    }
    try {
      onChange(range);
      showMessage(form, '');
    } catch (failure) {
      showMessage(form, failure.message, [form.elements.from, form.elements.to]);
    }
  });
  slot.replaceChildren(form);
  return form;
}

// Puts `range` into a form made by createRangeControl as if the reader had typed it: the fields show
// it, and the form's own input listener checks it and calls its onChange (a shortcut button's path).
export function setRange(form, { from, to }) {
  form.elements.from.value = formatBound(from);
  form.elements.to.value = formatBound(to);
  form.dispatchEvent(new Event('input'));
}
