// The text field where a student types g(z): debounced live input, example buttons, and a refused
// expression shown with its message and the offending character underlined.
import { visibleCharacter as visible } from '../state/inputs.js';

const DELAY_MS = 150;

// The column (1-based, in characters) an error from the core points at, or null.
function errorColumn(failure) {
  if (Number.isInteger(failure.column)) return failure.column;
  const match = /at column (\d+)$/.exec(failure.message);
  return match ? Number(match[1]) : null;
}

// Characters of a long text shown on each side of the error; the rest is elided.
const CONTEXT = 40;

// A copy of `text` with the character at `column` wrapped in <mark class="error-at">; past the end,
// the mark holds a space so the underline shows where something is missing. Invisible characters
// show as their code points (⟨U+202E⟩), so the copy reads as typed and the mark has something to
// mark; a long text is cut to CONTEXT characters each side of the mark.
function markedCopy(text, column) {
  const characters = Array.from(text);
  const at = Math.max(0, column - 1);
  const mark = document.createElement('mark');
  mark.className = 'error-at';
  if (at < characters.length) {
    mark.textContent = visible(characters[at]);
  } else {
    mark.classList.add('error-at-end');
    mark.textContent = '\u00a0';
  }
  const from = Math.max(0, at - CONTEXT);
  const to = Math.min(characters.length, at + 1 + CONTEXT);
  const before = `${from > 0 ? '\u2026' : ''}${characters.slice(from, at).map(visible).join('')}`;
  const after = `${characters.slice(at + 1, to).map(visible).join('')}${to < characters.length ? '\u2026' : ''}`;
  const code = document.createElement('code');
  code.append(before, mark, after);
  return code;
}

// Wires the form holding input[name=`name`], its message (.field-message), the marked copy
// (.expression-echo), the stale-results note (.expression-stale) and example buttons
// (.example, whose text is the expression). The field takes at most `maxLength` characters (the core's
// limit). `onText(text)` runs ~150 ms after typing stops, at once for an example, and for Enter
// unless `onSubmit(text)` is given, which then runs instead. Returns {setText, showError, clearError}.
export function createExpressionField(form, { onText, onSubmit = onText, maxLength, name = 'expr' }) {
  const input = form.elements[name];
  input.maxLength = maxLength;
  const message = form.querySelector('.field-message');
  const echo = form.querySelector('.expression-echo');
  const stale = form.querySelector('.expression-stale');
  let timer = 0;
  // The field's maxlength cuts a longer paste silently; `cut` says that the last entry was cut.
  let cut = false;
  const cutNote = () => (cut ? `Only the first ${input.maxLength} characters were kept: the field takes at most ${input.maxLength}.` : '');

  function submitNow() {
    clearTimeout(timer);
    onText(input.value);
  }

  input.addEventListener('beforeinput', (event) => {
    const incoming = event.data ?? event.dataTransfer?.getData('text/plain') ?? '';
    const kept = input.value.length - Math.abs((input.selectionEnd ?? 0) - (input.selectionStart ?? 0));
    cut = input.maxLength > 0 && kept + incoming.length > input.maxLength;
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(submitNow, DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    onSubmit(input.value);
  });
  for (const button of form.querySelectorAll('.example')) {
    button.addEventListener('click', () => {
      input.value = button.textContent.trim();
      cut = false;
      submitNow();
    });
  }

  return {
    setText(text) {
      input.value = text;
      cut = false;
    },
    // Shows why `text` was refused; `lastGood` (text or null) names what the results below still show.
    showError(text, failure, lastGood) {
      const column = errorColumn(failure);
      message.textContent = [failure.message, cutNote()].filter(Boolean).join(' ');
      echo.replaceChildren(...(column === null ? [] : [markedCopy(text, column)]));
      echo.hidden = column === null;
      stale.textContent = lastGood === null ? '' : `The results below are still those of ${lastGood}.`;
      input.setAttribute('aria-invalid', 'true');
    },
    clearError() {
      message.textContent = cutNote();
      echo.replaceChildren();
      echo.hidden = true;
      stale.textContent = '';
      input.removeAttribute('aria-invalid');
    },
  };
}
