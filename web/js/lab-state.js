// A lab's settings in the page address, through one declarative table per lab: each setting knows its
// query key, how to read its text and how to write its value. Values that do not read are ignored
// with a sentence saying why; nothing from the address is ever inserted as HTML.
import { parseNumber } from './inputs.js';
import { readUrlState, writeUrlState } from './url-state.js';

const SHOWN_LENGTH = 40;

// "−2"-style text of a number for labels and messages.
export function formatSetting(value) {
  return String(value).replace('-', '\u2212');
}

// A number setting: `what` names it in messages; values outside [min, max] (or not whole, if `whole`)
// are refused. read(text) -> {value} or {error}.
export function numberSetting(key, what, { min, max, whole = false }) {
  return {
    key,
    read(text) {
      const { value, error } = parseNumber(text, what);
      if (error) return { error };
      if (whole && !Number.isInteger(value)) return { error: `${what} must be a whole number, not ${formatSetting(value)}.` };
      if (value < min || value > max) {
        return { error: `${what} must be from ${formatSetting(min)} to ${formatSetting(max)}, not ${formatSetting(value)}.` };
      }
      return { value };
    },
    write: (value) => String(value),
  };
}

// One of a fixed list of ids.
export function choiceSetting(key, what, ids) {
  return {
    key,
    read: (text) => (ids.includes(text) ? { value: text } : { error: `${what} must be one of ${ids.join(', ')}.` }),
    write: (value) => value,
  };
}

// A comma-separated list of distinct ids from `ids`, at least one.
export function listSetting(key, what, ids) {
  return {
    key,
    read(text) {
      const list = text.split(',').map((id) => id.trim()).filter(Boolean);
      const unknown = list.filter((id) => !ids.includes(id));
      if (unknown.length) return { error: `${what}: no activation is called “${unknown[0].slice(0, SHOWN_LENGTH)}”.` };
      if (list.length === 0) return { error: `${what} lists no activation.` };
      return { value: [...new Set(list)] };
    },
    write: (value) => value.join(','),
  };
}

// Reads `settings` ({name: setting}) from the address. Returns {values: {name: value} for the settings
// present and valid, notices: [sentence] for those present and refused}.
export function readSettings(settings) {
  const found = readUrlState(Object.values(settings).map(({ key }) => key));
  const values = {};
  const notices = [];
  for (const [name, setting] of Object.entries(settings)) {
    const text = found[setting.key];
    if (text === null) continue;
    const { value, error } = setting.read(text);
    if (error) {
      const shown = text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
      notices.push(`Ignored ${setting.key}=${shown} from the address: ${error}`);
    } else {
      values[name] = value;
    }
  }
  return { values, notices };
}

// Writes `values` into the address: a setting equal to its default in `defaults` (lists compared item
// by item) is removed, so the address stays short.
export function writeSettings(settings, values, defaults) {
  const same = (a, b) => (Array.isArray(a) ? a.join(',') === b?.join(',') : a === b);
  const entries = {};
  for (const [name, setting] of Object.entries(settings)) {
    const value = values[name];
    entries[setting.key] = value === undefined || same(value, defaults[name]) ? null : setting.write(value);
  }
  writeUrlState(entries);
}

// Shows `notices` in the lab's notice element (hidden when there are none), as text.
export function showNotices(element, notices) {
  element.replaceChildren(...notices.map((notice) => Object.assign(document.createElement('span'), { textContent: notice })));
  element.hidden = notices.length === 0;
}
