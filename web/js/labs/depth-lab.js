// The depth lab: how the product of L activation slopes g'(z_1) ... g'(z_L) is distributed when the
// z_l are drawn from a normal distribution. The core runs the Monte Carlo; this module shows it.
import { activationCheckbox, showMessage } from '../controls/inputs.js';
import { createActivationParamControls, createParamControl, withParam } from '../controls/params.js';
import { createPlot, formatNumber, PALETTE_SIZE, setSeries } from '../figures/plot.js';
import { defaultParams, describeParams } from '../sections/section.js';
import { formatSetting, listSetting, numberSetting, readSettings, showNotices, writeSettings } from '../state/lab-state.js';

const DEFAULTS = Object.freeze({ fn: ['sigmoid', 'tanh', 'relu', 'leaky_relu'], L: 20, mu: 0, sd: 1 });
// The sliders' labels; what each accepts is the core's (core.limits().depth).
const SLIDER_NAMES = { L: 'depth L', mu: 'mean of z', sd: 'spread of z' };
// Chains per activation, the band's quantiles and the seed: fixed, so a shared link shows the same plot.
const RUN = Object.freeze({ samples: 2000, lowerQuantile: 0.1, upperQuantile: 0.9, seed: 1 });
// The activations the prose quotes, followed whether or not they are plotted.
const QUOTED = ['sigmoid', 'relu', 'leaky_relu'];
const BAND_DASH = [3, 3];

const percent = (fraction) => `${formatNumber(100 * fraction)}%`;
// A log10 to two decimals, which is plenty for a factor of 10^x.
const formatLog = (value) => formatNumber(Number(value.toFixed(2)));

function cell(tag, text) {
  return Object.assign(document.createElement(tag), { textContent: text });
}

// The address's settings of this lab; parameters are depth.<activation>.<parameter>.
function settingsTable(activations, limits) {
  const settings = { fn: listSetting('depth.fn', 'depth.fn', activations.map(({ id }) => id)) };
  for (const key of Object.keys(SLIDER_NAMES)) settings[key] = numberSetting(`depth.${key}`, limits[key].what, limits[key]);
  for (const activation of activations) {
    for (const param of activation.params) {
      settings[`${activation.id}.${param.id}`] = numberSetting(`depth.${activation.id}.${param.id}`,
        `${param.id} of ${activation.name}`, param);
    }
  }
  return settings;
}

// Wires #depth-lab to `activations` (the whole catalogue, in tutorial order).
export function setupDepthLab(section, activations, core) {
  const slot = (name) => section.querySelector(`[data-slot="${name}"]`);
  const byId = new Map(activations.map((activation) => [activation.id, activation]));
  const limits = core.limits().depth;
  const settings = settingsTable(activations, limits);
  const { values: fromUrl, notices } = readSettings(settings);
  showNotices(slot('notice'), notices);
  const defaults = { ...DEFAULTS };
  const state = { fn: DEFAULTS.fn, L: DEFAULTS.L, mu: DEFAULTS.mu, sd: DEFAULTS.sd, params: {} };
  for (const activation of activations) {
    state.params[activation.id] = defaultParams(activation);
    for (const param of activation.params) {
      const name = `${activation.id}.${param.id}`;
      defaults[name] = param.default;
      if (fromUrl[name] !== undefined) state.params[activation.id][param.id] = fromUrl[name];
    }
  }
  for (const name of ['fn', 'L', 'mu', 'sd']) if (fromUrl[name] !== undefined) state[name] = fromUrl[name];

  const form = slot('depth-form');
  slot('choices').append(...activations.map((activation) => activationCheckbox(activation, state.fn.includes(activation.id))));
  const chart = createPlot(section.querySelector('#chart-depth'), {
    x: { title: 'depth L', symbol: 'L', integer: true },
    y: { title: 'log\u2081\u2080 |product of the L slopes|' },
  });

  // One run of the core for the plotted and the quoted activations together (the same z_l for all).
  function compute(next) {
    const ids = [...new Set([...next.fn, ...QUOTED])].filter((id) => byId.has(id));
    const result = core.depthProducts(ids.map((id) => ({ id, params: next.params[id] })),
      { ...RUN, maxDepth: next.L, mean: next.mu, spread: next.sd });
    const curves = new Map(result.curves.map((curve) => [curve.id, curve]));
    const ceiling = Float64Array.from({ length: next.L }, (_, i) => core.depthProductAtFixedZ('sigmoid', {}, 0, i + 1));
    return { curves, floor: result.floor, ceiling };
  }

  const shown = (floor) => (value) => (value === floor ? '\u2212\u221e' : formatLog(value));

  function series(next, { curves, floor, ceiling }) {
    const depths = Float64Array.from({ length: next.L }, (_, i) => i + 1);
    const show = shown(floor);
    const list = next.fn.flatMap((id, index) => {
      const { name } = byId.get(id);
      const { median, lower, upper, zeroFraction } = curves.get(id);
      const colour = index % PALETTE_SIZE;
      const describe = (i) => `${show(median[i])} (10th to 90th percentile: ${show(lower[i])} to ${show(upper[i])}; `
        + `${percent(zeroFraction[i])} of products exactly 0)`;
      const edge = { z: depths, colour, dash: BAND_DASH, legend: false, noTooltip: true };
      return [
        { label: name, z: depths, y: median, colour, radius: 2, describe },
        { ...edge, label: `${name}, 10th percentile`, y: lower },
        { ...edge, label: `${name}, 90th percentile`, y: upper },
      ];
    });
    if (next.fn.includes('sigmoid')) {
      list.push({ label: 'Sigmoid\u2019s ceiling, L log\u2081\u2080(1/4)', z: depths, y: ceiling,
        colour: next.fn.indexOf('sigmoid') % PALETTE_SIZE, dash: [1, 4], describe: (i) => formatLog(ceiling[i]) });
    }
    const onFloor = next.fn.some((id) => ['median', 'lower', 'upper'].some((key) => curves.get(id)[key].includes(floor)));
    if (onFloor) {
      list.push({ label: `log\u2081\u2080 0 = \u2212\u221e, drawn at ${formatSetting(floor)}`, z: depths,
        y: new Float64Array(next.L).fill(floor), colour: 4, dash: [2, 6], noTooltip: true });
    }
    return list;
  }

  function fillTable(next, { curves, floor }) {
    const table = slot('depth-table');
    const show = shown(floor);
    table.querySelector('caption').textContent = `At depth L = ${next.L}, with every z drawn from a normal distribution `
      + `of mean ${formatSetting(next.mu)} and spread ${formatSetting(next.sd)} (${RUN.samples} chains):`;
    const last = next.L - 1;
    table.tBodies[0].replaceChildren(...next.fn.map((id) => {
      const activation = byId.get(id);
      const { median, lower, upper, zeroFraction } = curves.get(id);
      const row = document.createElement('tr');
      const name = activation.params.length ? `${activation.name} (${describeParams(activation, next.params[id])})` : activation.name;
      row.append(cell('th', name), cell('td', show(median[last])),
        cell('td', `${show(lower[last])} to ${show(upper[last])}`), cell('td', percent(zeroFraction[last])));
      row.firstChild.scope = 'row';
      return row;
    }));
  }

  // The prose's numbers, all from the core: [data-fact] elements inside the lab.
  const maxSlope = (id) => formatNumber(core.properties(id).maxSlope.value);
  const staticFacts = { 'sigmoid-max': maxSlope('sigmoid'), 'selu-max': maxSlope('selu'), samples: String(RUN.samples) };
  function fillFacts(next, { curves, floor, ceiling }) {
    const last = next.L - 1;
    const show = shown(floor);
    const relu = curves.get('relu');
    const facts = {
      ...staticFacts,
      L: String(next.L),
      'sigmoid-ceiling': formatLog(ceiling[last]),
      'sigmoid-median': show(curves.get('sigmoid').median[last]),
      'relu-zero': percent(relu.zeroFraction[last]),
      'relu-median': {
        [floor]: 'exactly 0 (log\u2081\u2080 = \u2212\u221e): more than half of the chains hit a zero',
        0: 'exactly 1 (log\u2081\u2080 = 0): fewer than half of the chains hit a zero',
      }[relu.median[last]] ?? show(relu.median[last]),
      'leaky-median': show(curves.get('leaky_relu').median[last]),
      'leaky-alpha': describeParams(byId.get('leaky_relu'), next.params.leaky_relu),
    };
    for (const element of section.querySelectorAll('[data-fact]')) {
      if (facts[element.dataset.fact] !== undefined) element.textContent = facts[element.dataset.fact];
    }
  }

  // Everything is computed before anything is drawn, so a refused change (the core throws) leaves the
  // lab as it was, and the thrown message is shown by the control that made it.
  function update(changes) {
    const next = { ...state, ...changes };
    const result = compute(next);
    Object.assign(state, next);
    for (const [id, holder] of paramHolders) holder.hidden = !state.fn.includes(id);
    const names = state.fn.map((id) => byId.get(id).name).join(', ');
    setSeries(chart, series(state, result), `Plot of log10 of the size of the product of ${state.L === 1 ? 'one activation slope' : `${state.L} activation slopes`} `
      + `against depth L from 1 to ${state.L}, for ${names}; each z drawn from a normal distribution of mean `
      + `${formatSetting(state.mu)} and spread ${formatSetting(state.sd)}. Median solid with dots, 10th and 90th percentiles dashed.`);
    fillTable(state, result);
    fillFacts(state, result);
    const flat = { fn: state.fn, L: state.L, mu: state.mu, sd: state.sd };
    for (const [id, params] of Object.entries(state.params)) {
      for (const [param, value] of Object.entries(params)) flat[`${id}.${param}`] = value;
    }
    writeSettings(settings, flat, defaults);
  }

  const paramHolders = createActivationParamControls(slot('params'), activations, {
    prefix: 'depth',
    initial: (activation, param) => state.params[activation.id][param.id],
    onChange: (id, paramId, value) => update({ params: withParam(state.params, id, paramId, value) }),
  });

  for (const [key, name] of Object.entries(SLIDER_NAMES)) {
    createParamControl(slot(key), { ...limits[key], id: key, name, default: DEFAULTS[key] }, {
      template: 'lab-slider-template',
      prefix: `depth-${key}-control`,
      initial: state[key],
      onChange: (value) => update({ [key]: value }),
    });
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const { target } = event;
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
  try {
    update({});
  } catch (failure) {
    showNotices(slot('notice'), [...notices, `The settings from the address were refused (${failure.message}); showing the defaults.`]);
    update({ fn: DEFAULTS.fn, L: DEFAULTS.L, mu: DEFAULTS.mu, sd: DEFAULTS.sd });
  }
}
