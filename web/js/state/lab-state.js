// A lab's settings in the page address, through one declarative table per lab: each setting knows its
// query key, what it accepts (the core reads and checks it: core/include/actderiv/address.h) and how to
// write its value. Values that do not read are ignored with a sentence saying why; nothing from the
// address is ever inserted as HTML.
import { loadedCore } from '../core/core.js';
import { currentQuery, writeUrlState } from './url-state.js';

// "−2"-style text of a number for labels: number-format.js's, which the site's build imports too.
export { formatBound as formatSetting } from '../figures/number-format.js';

// A setting described by `description` ({key, kind, what, ...}, as the core's readSetting takes it):
// read(text) -> {value} or {error}, by the core; write(value) -> the text the address keeps.
function setting(description, write) {
  return { ...description, read: (text) => loadedCore().readSetting(description, text), write };
}

// A number setting: `what` names it in messages; values outside [min, max] (or not whole, if `whole`)
// are refused.
export function numberSetting(key, what, { min, max, whole = false }) {
  return setting({ key, kind: 'number', what, min, max, whole }, (value) => String(value));
}

// One of a fixed list of ids.
export function choiceSetting(key, what, ids) {
  return setting({ key, kind: 'choice', what, ids }, (value) => value);
}

// A comma-separated list of distinct ids from `ids`, at least one.
export function listSetting(key, what, ids) {
  return setting({ key, kind: 'list', what, ids }, (value) => value.join(','));
}

// Reads `settings` ({name: setting}) from the address. Returns {values: {name: value} for the settings
// present and valid, notices: [sentence] for those present and refused}.
export function readSettings(settings) {
  const named = Object.entries(settings);
  const { values, notices } = loadedCore().readSettings(currentQuery(), named.map(([, described]) => described));
  return { values: Object.fromEntries(named.flatMap(([name], i) => (values[i] === null ? [] : [[name, values[i]]]))), notices };
}

// Writes `values` into the address: a setting equal to its default in `defaults` (lists compared item
// by item) is removed, so the address stays short.
export function writeSettings(settings, values, defaults) {
  const same = (a, b) => (Array.isArray(a) ? a.join(',') === b?.join(',') : a === b);
  const entries = {};
  for (const [name, { key, write }] of Object.entries(settings)) {
    const value = values[name];
    entries[key] = value === undefined || same(value, defaults[name]) ? null : write(value);
  }
  writeUrlState(entries);
}

// Shows `notices` in the lab's notice element (hidden when there are none), as text.
export function showNotices(element, notices) {
  element.replaceChildren(...notices.map((notice) => Object.assign(document.createElement('span'), { textContent: notice })));
  element.hidden = notices.length === 0;
}
