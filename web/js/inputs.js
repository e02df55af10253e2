// Reading numbers typed by a student, and showing why an entry was refused next to its inputs.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

// The number written in `text` (decimal or exponent form, "−" accepted for minus), or an error sentence.
export function parseNumber(text, what) {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  if (cleaned === '') return { error: `${what} is empty; enter a number.` };
  if (!DECIMAL.test(cleaned)) return { error: `${what}: “${text.trim()}” is not a number (try 2.5 or -1e-3).` };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { error: `${what}: that number is too large.` };
  return { value };
}

// "`what` must be between min and max" when `value` lies outside `param`'s range, else null.
export function rangeError(param, value, what = param.id) {
  return value < param.min || value > param.max ? `${what} must be between ${param.min} and ${param.max}` : null;
}

// Shows `message` in the form's message element and marks `invalid` inputs; an empty message clears it.
export function showMessage(form, message, invalid = []) {
  form.querySelector('.field-message').textContent = message;
  for (const input of form.querySelectorAll('input')) {
    if (invalid.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

// A fresh copy of the <template> with this id, with `prefix`-based ids for its message element.
export function cloneTemplate(id, prefix) {
  const fragment = document.getElementById(id).content.firstElementChild.cloneNode(true);
  const message = fragment.querySelector('.field-message');
  if (message) {
    message.id = `${prefix}-message`;
    for (const input of fragment.querySelectorAll('input')) input.setAttribute('aria-describedby', message.id);
  }
  return fragment;
}

// A labelled checkbox (name "fn", value the id) choosing `activation` in a list of activations.
export function activationCheckbox(activation, checked) {
  const label = document.createElement('label');
  label.className = 'choice';
  const input = document.createElement('input');
  Object.assign(input, { type: 'checkbox', name: 'fn', value: activation.id, checked });
  label.append(input, ` ${activation.name}`);
  return label;
}
