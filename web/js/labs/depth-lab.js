// The depth lab: how the product of L activation slopes g'(z_1) ... g'(z_L) is distributed when the
// z_l are drawn from a normal distribution. The core runs the Monte Carlo; this module wires the
// controls to it, depth-series.js makes the chart's series and the prose's numbers of the result,
// depth-view.js shows the table and those numbers, and depth-settings.js names what the address keeps.
import { activationCheckbox, showMessage } from '../state/inputs.js';
import { createActivationParamControls, createParamControl, withParam } from '../controls/params.js';
import { createPlot, formatNumber, setSeries } from '../figures/plot.js';
import { listSetting, numberSetting, readSettings, showNotices, writeSettings } from '../state/lab-state.js';
import { addressKey, defaultState, DEFAULTS, flatten, paramKey, SLIDER_NAMES, unflatten } from './depth-settings.js';
import { computeDepth, DEPTH_AXES, depthDescription, depthFacts, depthSeries, RUN } from './depth-series.js';
import { fillDepthTable, showFacts } from './depth-view.js';

// The address's settings of this lab ({name: setting}, names as flatten() writes them); parameters
// are depth.<activation>.<parameter>. `limits`: core.limits().depth.
function settingsTable(activations, limits) {
  const settings = { fn: listSetting(addressKey('fn'), addressKey('fn'), activations.map(({ id }) => id)) };
  for (const key of Object.keys(SLIDER_NAMES)) settings[key] = numberSetting(addressKey(key), limits[key].what, limits[key]);
  for (const activation of activations) {
    for (const param of activation.params) {
      const name = paramKey(activation.id, param.id);
      settings[name] = numberSetting(addressKey(name), `${param.id} of ${activation.name}`, param);
    }
  }
  return settings;
}

// The activation checkboxes of `form`: each change redraws through `update`, which may refuse it
// (the checkbox then goes back); the last one chosen cannot be removed.
function wireChoices(form, update) {
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', ({ target }) => {
    if (target.name !== 'fn') return;
    const chosen = [...form.querySelectorAll('input[name="fn"]:checked')].map((input) => input.value);
    if (chosen.length === 0) {
      target.checked = true;
      showMessage(form, 'Keep at least one activation chosen; choose another before removing this one.');
      return;
    }
    try {
      update({ fn: chosen });
      showMessage(form, '');
    } catch (failure) {
      target.checked = !target.checked;
      showMessage(form, failure.message);
    }
  });
}

// Wires #depth-lab to `activations` (the whole catalogue, in tutorial order).
export function setupDepthLab(section, activations, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const byId = new Map(activations.map((activation) => [activation.id, activation]));
  const limits = core.limits().depth;
  const settings = settingsTable(activations, limits);
  const { values: fromUrl, notices } = readSettings(settings);
  showNotices(slot('notice'), notices);
  const defaults = flatten(defaultState(activations));
  const state = unflatten(defaultState(activations), fromUrl);
  const chart = createPlot(section.querySelector('#chart-depth'), DEPTH_AXES);
  const maxSlope = (id) => formatNumber(core.properties(id).maxSlope.value);
  const staticFacts = { 'sigmoid-max': maxSlope('sigmoid'), 'selu-max': maxSlope('selu'), samples: String(RUN.samples) };
  const paramHolders = createActivationParamControls(slot('params'), activations, {
    prefix: 'depth',
    initial: (activation, param) => state.params[activation.id][param.id],
    onChange: (id, paramId, value) => update({ params: withParam(state.params, id, paramId, value) }),
  });

  // Everything is computed before anything is drawn, so a refused change (the core throws) leaves the
  // lab as it was, and the thrown message is shown by the control that made it.
  function update(changes) {
    const next = { ...state, ...changes };
    const result = computeDepth(core, byId, next);
    Object.assign(state, next);
    for (const [id, holder] of paramHolders) holder.hidden = !state.fn.includes(id);
    setSeries(chart, depthSeries(state, result, byId), depthDescription(state, byId));
    fillDepthTable(slot('depth-table'), state, result, byId, RUN.samples);
    showFacts(section, { ...staticFacts, ...depthFacts(state, result, byId) });
    writeSettings(settings, flatten(state), defaults);
  }

  slot('choices').append(...activations.map((activation) => activationCheckbox(activation, state.fn.includes(activation.id))));
  wireChoices(slot('depth-form'), update);
  for (const [key, name] of Object.entries(SLIDER_NAMES)) {
    createParamControl(slot(key), { ...limits[key], id: key, name, default: DEFAULTS[key] }, {
      template: 'lab-slider-template',
      prefix: `depth-${key}-control`,
      initial: state[key],
      onChange: (value) => update({ [key]: value }),
    });
  }
  try {
    update({});
  } catch (failure) {
    showNotices(slot('notice'), [...notices, `The settings from the address were refused (${failure.message}); showing the defaults.`]);
    update({ fn: DEFAULTS.fn, L: DEFAULTS.L, mu: DEFAULTS.mu, sd: DEFAULTS.sd });
  }
}
