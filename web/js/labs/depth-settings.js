// The depth lab's settings: its state, the table that keeps it in the address, and the one mapping
// between the two. No DOM here.
import { defaultParams } from '../sections/section.js';
import { listSetting, numberSetting } from '../state/lab-state.js';

// The lab's settings before the reader or the address changes them (parameters: each activation's defaults).
export const DEFAULTS = Object.freeze({ fn: ['sigmoid', 'tanh', 'relu', 'leaky_relu'], L: 20, mu: 0, sd: 1 });
// The sliders' labels; what each accepts is the core's (core.limits().depth).
export const SLIDER_NAMES = { L: 'depth L', mu: 'mean of z', sd: 'spread of z' };

// A parameter's name among the flat settings, and after "depth." its address key: "leaky_relu.alpha".
const paramKey = (activationId, paramId) => `${activationId}.${paramId}`;

// The address's settings of this lab ({name: setting}, names as flatten() writes them); parameters
// are depth.<activation>.<parameter>. `limits`: core.limits().depth.
export function settingsTable(activations, limits) {
  const settings = { fn: listSetting('depth.fn', 'depth.fn', activations.map(({ id }) => id)) };
  for (const key of Object.keys(SLIDER_NAMES)) settings[key] = numberSetting(`depth.${key}`, limits[key].what, limits[key]);
  for (const activation of activations) {
    for (const param of activation.params) {
      const name = paramKey(activation.id, param.id);
      settings[name] = numberSetting(`depth.${name}`, `${param.id} of ${activation.name}`, param);
    }
  }
  return settings;
}

// The lab's state before anything is chosen: {fn, L, mu, sd, params: {activation id: {param id: value}}}.
export function defaultState(activations) {
  return { ...DEFAULTS, params: Object.fromEntries(activations.map((activation) => [activation.id, defaultParams(activation)])) };
}

// `state` as flat settings: {fn, L, mu, sd, 'leaky_relu.alpha': 0.01, ...}.
export function flatten(state) {
  const { params, ...flat } = state;
  for (const [id, values] of Object.entries(params)) {
    for (const [param, value] of Object.entries(values)) flat[paramKey(id, param)] = value;
  }
  return flat;
}

// `state` with the flat settings in `flat` (any subset of flatten's names) taking over.
export function unflatten(state, flat) {
  const next = { ...state, params: Object.fromEntries(Object.entries(state.params).map(([id, values]) => [id, { ...values }])) };
  for (const key of Object.keys(DEFAULTS)) if (flat[key] !== undefined) next[key] = flat[key];
  for (const [id, values] of Object.entries(next.params)) {
    for (const param of Object.keys(values)) {
      const value = flat[paramKey(id, param)];
      if (value !== undefined) values[param] = value;
    }
  }
  return next;
}
