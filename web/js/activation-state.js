// An activation section's view in the page address. When fn= names the activation, its parameters (by
// id, e.g. alpha=0.2) and its derivation step (step=3, counted from 1 as on screen, or step=all) are
// read from the address the page was opened with; the reader's changes write them back, leaving out a
// parameter at its default and step 1 so that links stay short. A value that does not read is ignored
// with a sentence saying why; nothing from the address is ever inserted as HTML.
import { formatSetting } from './lab-state.js';
import { parseNumber } from './inputs.js';
import { readLoadedUrlState, shownValue } from './url-state.js';

const ALL_STEPS = 'all';

// Parameter ids of every activation in the registry, sorted: the bare keys an activation view owns.
// Computed once per core (whose activations() web/js/core.js reads once).
const keysByCore = new WeakMap();
export function parameterKeys(core) {
  if (!keysByCore.has(core)) {
    const ids = core.activations().flatMap((activation) => activation.params.map((param) => param.id));
    keysByCore.set(core, [...new Set(ids)].sort());
  }
  return keysByCore.get(core);
}

// The value of `param` written as `text`: {value} or {error} (a sentence that does not quote `text`).
function readParam(param, text) {
  const bounds = `from ${formatSetting(param.min)} to ${formatSetting(param.max)}`;
  const { value, error } = parseNumber(text, param.id);
  if (error) return { error: `${param.id} must be a number ${bounds}; using ${formatSetting(param.default)}.` };
  if (value < param.min || value > param.max) {
    return { error: `${param.id} must be ${bounds}, not ${formatSetting(value)}; using ${formatSetting(param.default)}.` };
  }
  return { value };
}

// The step of `activation`'s derivation written as `text`: {value: {index, all}} or {error}.
function readStep(activation, text) {
  const count = activation.steps.length;
  if (text === ALL_STEPS) return { value: { index: 0, all: true } };
  const { value } = parseNumber(text, 'step');
  if (Number.isInteger(value) && value >= 1 && value <= count) return { value: { index: value - 1, all: false } };
  return { error: `the ${activation.name} derivation has ${count} steps: use 1 to ${count}, or ${ALL_STEPS}; showing step 1.` };
}

const ignored = (key, text, reason) => `Ignored ${key}=${shownValue(text)} from the address: ${reason}`;

// The view the address asks of `activation`: {params: {id: value}, step: {index, all}, notices}, where
// notices.params maps a parameter id to the sentence for its refused value and notices.section lists
// the others (a bad step, a parameter this activation does not have). Without fn= naming it, the
// `defaults` ({id: value}) at step 1 and no notices.
export function readActivationView(activation, defaults, core) {
  const params = { ...defaults };
  const view = { params, step: { index: 0, all: false }, notices: { params: {}, section: [] } };
  if (readLoadedUrlState(['fn']).fn !== activation.id) return view;
  const keys = parameterKeys(core);
  const found = readLoadedUrlState(['step', ...keys]);
  for (const param of activation.params) {
    const text = found[param.id];
    if (text === null) continue;
    const { value, error } = readParam(param, text);
    if (error) view.notices.params[param.id] = ignored(param.id, text, error);
    else params[param.id] = value;
  }
  for (const key of keys.filter((id) => found[id] !== null && !Object.hasOwn(params, id))) {
    view.notices.section.push(ignored(key, found[key], `${activation.name} has no parameter ${key}.`));
  }
  if (found.step !== null) {
    const { value, error } = readStep(activation, found.step);
    if (error) view.notices.section.push(ignored('step', found.step, error));
    else view.step = value;
  }
  return view;
}

// The address entries ({key: string or null}) of `activation` showing `params` at `step`: fn= names
// it; section= and the parameters only other activations have are removed.
export function activationEntries(activation, core, { params, step }) {
  const entries = { fn: activation.id, section: null };
  for (const key of parameterKeys(core)) entries[key] = null;
  for (const param of activation.params) {
    const value = params[param.id];
    entries[param.id] = value === param.default ? null : String(value);
  }
  entries.step = stepText(step);
  return entries;
}

// step= for `step`: all, or its number counted from 1; null (left out) for the first step.
function stepText({ index, all }) {
  if (all) return ALL_STEPS;
  return index > 0 ? String(index + 1) : null;
}

// Each set-up activation section's current entries, for the Embed dialog's "current view".
const views = new WeakMap();

// Records `entries()` as the way to ask `section` for its current address entries.
export function rememberView(section, entries) {
  views.set(section, entries);
}

// The current address entries of the activation section `section`, or null if it is not set up (yet).
export function viewEntries(section) {
  return views.get(section)?.() ?? null;
}
