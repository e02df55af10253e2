// A parameter's slider and number field (e.g. Leaky ReLU's alpha): both stay in step, and a value
// outside the parameter's range is refused with the core's message next to the inputs.
import { readLimited, showMessage } from '../state/inputs.js';
import { cloneTemplate } from '../state/templates.js';
import { renderTexIn } from '../figures/math.js';

const STEP = 0.01;

// Puts a control for `param` ({id, name, default, min, max}, and optionally `what`, its name in
// messages, by default its id, and `whole`) into `slot`, cloned from `template`; elements marked
// data-param="id" / data-param="name" receive the parameter's id and symbol. `legend`, if given,
// replaces the template's legend ("Parameter α") for a setting that is not a parameter.
// Each accepted value calls `onChange(value)`, which may throw to refuse it. Returns {form, set},
// where set(value) moves the inputs without calling onChange.
export function createParamControl(slot, param, { template, prefix = `${param.id}-control`, initial = param.default, onChange, legend }) {
  const form = cloneTemplate(template, prefix);
  for (const element of form.querySelectorAll('[data-param]')) element.textContent = param[element.dataset.param];
  if (legend !== undefined) form.querySelector('legend').textContent = legend;
  renderTexIn(form);
  const { slider, value: field } = form.elements;
  Object.assign(slider, { min: param.min, max: param.max, step: param.whole ? 1 : STEP });

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
    const { value, error } = readLimited(field.value, { ...param, what: param.what ?? param.id });
    if (error) {
      showMessage(form, error, [field]);
      return;
    }
    slider.value = String(value);
    apply(value);
  });
  set(initial);
  slot.replaceChildren(form);
  return { form, set };
}

// `params` ({activationId: {paramId: value}}) with one value replaced.
export function withParam(params, activationId, paramId, value) {
  return { ...params, [activationId]: { ...params[activationId], [paramId]: value } };
}

// One control per parameter of each activation in `activations` that has any, appended to
// `container` in a holder per activation (so a view can hide those not chosen). `initial(activation,
// param)` is a control's starting value; `onChange(activationId, paramId, value)` may throw to
// refuse a value. Returns Map(activation id -> holder).
export function createActivationParamControls(container, activations, { prefix, initial, onChange }) {
  const holders = new Map();
  for (const activation of activations.filter((candidate) => candidate.params.length)) {
    const holder = document.createElement('div');
    for (const param of activation.params) {
      const row = document.createElement('div');
      holder.append(row);
      createParamControl(row, { ...param, name: `${param.name} of ${activation.name}` }, {
        template: 'param-template',
        prefix: `${prefix}-${activation.id}-${param.id}-control`,
        initial: initial(activation, param),
        onChange: (value) => onChange(activation.id, param.id, value),
      });
    }
    holders.set(activation.id, holder);
    container.append(holder);
  }
  return holders;
}
