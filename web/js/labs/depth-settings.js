// The depth lab's settings: its state, the address keys that keep it, and the one mapping between the
// two. No DOM and no core here, so the site's build reads them too (the plot's preview at DEFAULTS);
// depth-lab.js builds the address's table of settings (lab-state.js) from these keys.
import { defaultParams } from '../sections/function-series.js';

// The lab's settings before the reader or the address changes them (parameters: each activation's defaults).
export const DEFAULTS = Object.freeze({ fn: ['sigmoid', 'tanh', 'relu', 'leaky_relu'], L: 20, mu: 0, sd: 1 });
// The sliders' labels; what each accepts is the core's (core.limits().depth).
export const SLIDER_NAMES = { L: 'depth L', mu: 'mean of z', sd: 'spread of z' };

// A parameter's name among the flat settings, and after "depth." its address key: "leaky_relu.alpha".
export const paramKey = (activationId, paramId) => `${activationId}.${paramId}`;
// The address key of the flat setting `name` (flatten's names): "depth.L", "depth.leaky_relu.alpha".
export const addressKey = (name) => `depth.${name}`;

// The address keys that change the plot at DEFAULTS when a link sets them: the activations chosen,
// the sliders, and the parameters of the activations plotted by default (another activation's
// parameter changes nothing plotted unless depth.fn chooses it).
export function plotKeys(activations) {
  const plotted = activations.filter(({ id }) => DEFAULTS.fn.includes(id));
  return ['fn', ...Object.keys(SLIDER_NAMES),
    ...plotted.flatMap((activation) => activation.params.map((param) => paramKey(activation.id, param.id)))].map(addressKey);
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
