// Reading numbers typed by a student, and showing why an entry was refused next to its inputs. The
// reading is the core's (core/include/actderiv/address.h): one grammar for typed fields and links.
import { loadedCore } from '../core/core.js';

// `character` as it can be read: itself, or ⟨U+202E⟩ for one that would show as nothing or
// reorder the text around it (the core's set, the one its messages use).
export function visibleCharacter(character) {
  return loadedCore().visibleCharacter(character);
}

// The number written in `text` (decimal or exponent form, "−" accepted for minus): {value}, or
// {error} with a sentence naming the field as `what`.
export function parseNumber(text, what) {
  return loadedCore().parseNumber(text, what);
}

// The number written in `text` if `limit` ({what, min, max, whole}, e.g. a parameter's range or one of
// core.limits()) accepts it: {value}, or {error} with the core's sentence, the one its address notices
// use ("alpha must be from 0 to 10, not 11.").
export function readLimited(text, { what, min, max, whole = false }) {
  return loadedCore().readSetting({ key: what, kind: 'number', what, min, max, whole }, text);
}

// Shows `message` in the form's message element and marks `invalid` inputs; an empty message clears it.
export function showMessage(form, message, invalid = []) {
  form.querySelector('.field-message').textContent = message;
  for (const input of form.querySelectorAll('input')) {
    if (invalid.includes(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
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
