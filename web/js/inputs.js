// Reading numbers typed by a student, and showing why an entry was refused next to its inputs.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Characters that show as nothing or as a space, or that reorder the text after them (U+202E).
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\u00a0\u115f\u1160\u2000-\u200a\u3000\u3164\uffa0\ufe00-\ufe0f]$/u;
// Characters of a refused entry quoted back in a message.
const QUOTED_LENGTH = 40;

// `character` as it can be read: itself, or ⟨U+202E⟩ for one that would show as nothing or
// reorder the text around it.
export function visibleCharacter(character) {
  return INVISIBLE.test(character)
    ? `\u27e8U+${character.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9` : character;
}

// A reader's entry quoted back in a message: invisible characters named, a long entry cut short.
export function quoteEntry(text) {
  const characters = Array.from(text);
  const shown = characters.slice(0, QUOTED_LENGTH).map(visibleCharacter).join('');
  return characters.length > QUOTED_LENGTH ? `“${shown}…” (${characters.length} characters)` : `“${shown}”`;
}

// The number written in `text` (decimal or exponent form, "−" accepted for minus), or an error sentence.
export function parseNumber(text, what) {
  const cleaned = text.trim().replace(/\u2212/g, '-');
  if (cleaned === '') return { error: `${what} is empty; enter a number.` };
  if (!DECIMAL.test(cleaned)) return { error: `${what}: ${quoteEntry(text.trim())} is not a number (try 2.5 or -1e-3).` };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { error: `${what}: that number is too large.` };
  // 1e-400 reads as 0: say so rather than use a 0 the reader did not write.
  if (value === 0 && /[1-9]/.test(cleaned.replace(/e.*$/i, ''))) {
    return { error: `${what}: ${quoteEntry(text.trim())} is too close to 0 to store; enter 0 if you mean 0.` };
  }
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
