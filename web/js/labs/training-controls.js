// The training lab's controls: presets, data, network and training settings. Each accepted entry calls
// onChange(changes), which may throw to refuse it: the reason is shown next to the control that made it.
import { showMessage } from '../state/inputs.js';
import { numberSetting } from '../state/lab-state.js';
import { createParamControl } from '../controls/params.js';
import { range, settingName, SPEEDS } from './training-settings.js';

// Text fields and the settings they hold (read with their range); selects hold the rest.
const TEXT_FIELDS = ['n', 'noise', 'dseed', 'lr', 'bias', 'batch', 'seed', 'epochs'];
const NUMBER_SELECTS = ['layers', 'width'];

function option(value, text) {
  return Object.assign(document.createElement('option'), { value: String(value), textContent: text });
}

// The selects' options: presets, data sets, activations, the network's shape and the speeds.
function fillOptions(field, { kinds, activations, presets }) {
  field('preset').append(option('', 'Your own settings'), ...presets.map(({ id, name }) => option(id, name)));
  field('data').append(...kinds.map(({ id, name }) => option(id, name)));
  field('fn').append(...activations.map(({ id, name }) => option(id, name)));
  for (const key of NUMBER_SELECTS) {
    const { min, max } = range(key);
    field(key).append(...Array.from({ length: max - min + 1 }, (_, i) => option(min + i, String(min + i))));
  }
  field('speed').append(...Object.entries(SPEEDS).map(([value, text]) => option(value, text)));
}

// One control per parameter of `activation` in `holder` (emptied first), starting at `values`; each
// accepted value calls onValue(id, value), which may throw to refuse it.
function showParamControls(holder, activation, values, onValue) {
  holder.replaceChildren();
  for (const param of activation.params) {
    const row = document.createElement('div');
    holder.append(row);
    createParamControl(row, { ...param, name: `${param.name} of ${activation.name}` }, {
      template: 'param-template',
      prefix: `train-${param.id}-control`,
      initial: values[param.id],
      onChange: (value) => onValue(param.id, value),
    });
  }
}

// Calls onChange and shows its refusal (or clears the message) in `form`, marking `input`; returns
// whether the change was taken.
function apply(onChange, form, input, changes) {
  try {
    onChange(changes);
    showMessage(form, '');
    return true;
  } catch (failure) {
    showMessage(form, failure.message, [input]);
    return false;
  }
}

// Wires the controls inside `section` with the core's lists {kinds, activations, presets}. Callbacks:
// onChange(changes), onPreset(id), onCompare(checked). Returns {set(settings), showPreset({presetId,
// comparing, partner, note})}.
export function createTrainingControls(section, lists, { onChange, onPreset, onCompare }) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const forms = ['preset-form', 'data-form', 'network-form', 'training-form'].map(slot);
  const field = (name) => forms.map((form) => form.elements[name]).find(Boolean);
  const byId = new Map(lists.activations.map((activation) => [activation.id, activation]));
  const readers = Object.fromEntries(TEXT_FIELDS.map((key) => [key, numberSetting(key, settingName(key), range(key))]));
  fillOptions(field, lists);

  // The chosen activation's parameter values, and its controls, rebuilt when it changes.
  let params = {};
  function paramControls(fn) {
    showParamControls(slot('params'), byId.get(fn), params, (id, value) => {
      onChange({ params: { ...params, [id]: value } });
      params = { ...params, [id]: value };
    });
  }

  // A new activation starts from its default parameters; refused, the old ones stay.
  function chooseActivation(form, target) {
    const defaults = Object.fromEntries(byId.get(target.value).params.map((p) => [p.id, p.default]));
    if (!apply(onChange, form, target, { fn: target.value, params: defaults })) return;
    params = defaults;
    paramControls(target.value);
  }

  for (const form of forms) {
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('input', ({ target }) => {
      if (!TEXT_FIELDS.includes(target.name)) return;
      const { value, error } = readers[target.name].read(target.value);
      if (error) showMessage(form, error, [target]);
      else apply(onChange, form, target, { [target.name]: value });
    });
    form.addEventListener('change', ({ target }) => {
      if (target.name === 'preset') {
        if (target.value) onPreset(target.value);
      } else if (target.name === 'compare') {
        onCompare(target.checked);
      } else if (target.name === 'fn') {
        chooseActivation(form, target);
      } else if (NUMBER_SELECTS.includes(target.name)) {
        apply(onChange, form, target, { [target.name]: Number(target.value) });
      } else if (target.name === 'data' || target.name === 'speed') {
        apply(onChange, form, target, { [target.name]: target.value });
      }
    });
  }

  return {
    // Shows `settings` in every control, without calling onChange; clears the messages.
    set(settings) {
      for (const key of [...TEXT_FIELDS, ...NUMBER_SELECTS, 'data', 'fn', 'speed']) field(key).value = String(settings[key]);
      params = { ...settings.params };
      paramControls(settings.fn);
      for (const form of forms) showMessage(form, '');
    },
    // The preset the settings match (or ''), the comparison's partner preset, and a note on both.
    showPreset({ presetId, partner, comparing, note }) {
      field('preset').value = presetId;
      field('compare').checked = comparing;
      slot('compare-label').textContent = `Beside it, train the same network with ${partner}`;
      slot('preset-note').textContent = note;
    },
  };
}
