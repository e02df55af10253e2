// The depth lab: how the product of L activation slopes g'(z_1) ... g'(z_L) is distributed when the
// z_l are drawn from a normal distribution. The core runs the Monte Carlo; this module wires the
// controls to it, depth-view.js shows the result and depth-settings.js keeps it in the address.
import { activationCheckbox, showMessage } from '../state/inputs.js';
import { createActivationParamControls, createParamControl, withParam } from '../controls/params.js';
import { createPlot, formatNumber, setSeries } from '../figures/plot.js';
import { readSettings, showNotices, writeSettings } from '../state/lab-state.js';
import { defaultState, DEFAULTS, flatten, settingsTable, SLIDER_NAMES, unflatten } from './depth-settings.js';
import { depthDescription, depthFacts, depthSeries, fillDepthTable, showFacts } from './depth-view.js';

// Chains per activation, the band's quantiles and the seed: fixed, so a shared link shows the same plot.
const RUN = Object.freeze({ samples: 2000, lowerQuantile: 0.1, upperQuantile: 0.9, seed: 1 });
// The activations the prose quotes, followed whether or not they are plotted.
const QUOTED = ['sigmoid', 'relu', 'leaky_relu'];

// One run of the core for the plotted and the quoted activations together (the same z_l for all):
// {curves: Map(id -> curve), floor, ceiling (sigmoid's L log10(1/4))}. Throws the core's refusal.
function compute(core, byId, state) {
  const ids = [...new Set([...state.fn, ...QUOTED])].filter((id) => byId.has(id));
  const result = core.depthProducts(ids.map((id) => ({ id, params: state.params[id] })),
    { ...RUN, maxDepth: state.L, mean: state.mu, spread: state.sd });
  const curves = new Map(result.curves.map((curve) => [curve.id, curve]));
  const ceiling = Float64Array.from({ length: state.L }, (_, i) => core.depthProductAtFixedZ('sigmoid', {}, 0, i + 1));
  return { curves, floor: result.floor, ceiling };
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
  const chart = createPlot(section.querySelector('#chart-depth'), {
    x: { title: 'depth L', symbol: 'L', integer: true },
    y: { title: 'log\u2081\u2080 |product of the L slopes|' },
  });
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
    const result = compute(core, byId, next);
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
