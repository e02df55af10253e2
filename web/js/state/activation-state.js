// An activation section's view in the page address. When fn= names the activation, its parameters (by
// id, e.g. alpha=0.2) and its derivation step (step=3, counted from 1 as on screen, or step=all) are
// read from the address the page was opened with; the reader's changes write them back, leaving out a
// parameter at its default and step 1 so that links stay short. A value that does not read is ignored
// with a sentence saying why; nothing from the address is ever inserted as HTML.
import { loadedQuery } from './url-state.js';

const ALL_STEPS = 'all';

// The view the address the page was opened with asks of `activation`, as the core reads it:
// {params: {id: value}, step: {index, all}, notices}, where notices.params maps a parameter id to the
// sentence for its refused value and notices.section lists the others (a bad step, a parameter this
// activation does not have). Without fn= naming it, the `defaults` ({id: value}) at step 1 and no
// notices.
export function readActivationView(activation, defaults, core) {
  const { named, params, step, notices } = core.readActivationView(loadedQuery(), activation.id);
  if (!named) return { params: { ...defaults }, step: { index: 0, all: false }, notices: { params: {}, section: [] } };
  return { params: { ...defaults, ...params }, step, notices };
}

// The address entries ({key: string or null}) of `activation` showing `params` at `step`: fn= names
// it; section= and the parameters only other activations have are removed.
export function activationEntries(activation, core, { params, step }) {
  const entries = { fn: activation.id, section: null };
  for (const key of core.parameterKeys()) entries[key] = null;
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
