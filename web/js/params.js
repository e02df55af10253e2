// A parameter's slider and number field (e.g. Leaky ReLU's alpha): both stay in step, and a value
// outside the parameter's range is refused with a message next to the inputs.
import { cloneTemplate, parseNumber, rangeError, showMessage } from './inputs.js';
import { renderTexIn } from './math.js';

const STEP = 0.01;

// Puts a control for `param` ({id, name, default, min, max}) into `slot`, cloned from `template`;
// elements marked data-param="id" / data-param="name" receive the parameter's id and symbol.
// Each accepted value calls `onChange(value)`, which may throw to refuse it. Returns {form, set},
// where set(value) moves the inputs without calling onChange.
export function createParamControl(slot, param, { template, prefix = `${param.id}-control`, initial = param.default, onChange }) {
  const form = cloneTemplate(template, prefix);
  for (const element of form.querySelectorAll('[data-param]')) element.textContent = param[element.dataset.param];
  renderTexIn(form);
  const { slider, value: field } = form.elements;
  Object.assign(slider, { min: param.min, max: param.max, step: STEP });

  function set(value) {
    slider.value = String(value);
    field.value = String(value);
  }

  function apply(value) {
    try {
      onChange(value);
      showMessage(form, '');
    } catch (failure) {
      showMessage(form, failure.message, [field]);
    }
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  slider.addEventListener('input', () => {
    field.value = slider.value;
    apply(Number(slider.value));
  });
  field.addEventListener('input', () => {
    const { value, error } = parseNumber(field.value, param.id);
    const outside = !error && rangeError(param, value);
    if (error || outside) {
      showMessage(form, error ?? `${outside}; ${value} is outside.`, [field]);
      return;
    }
    slider.value = String(value);
    apply(value);
  });
  set(initial);
  slot.replaceChildren(form);
  return { form, set };
}
