// The page address as shareable state: query parameters read once on load and kept up to date with
// history.replaceState (no history entries, no reload). Values are only ever handled as strings.

const SHOWN_LENGTH = 40;

// `text` from the address as a notice may quote it: cut after 40 characters.
export function shownValue(text) {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}

// The query of the address the page was opened with, before any reader's change rewrote it.
const LOADED = window.location.search;

const valuesOf = (search, keys) => {
  const query = new URLSearchParams(search);
  return Object.fromEntries(keys.map((key) => [key, query.get(key)]));
};

// The values of `keys` in the current address, {key: string or null}.
export const readUrlState = (keys) => valuesOf(window.location.search, keys);

// The values of `keys` in the address the page was opened with: for parts built later (a generated
// section), so that what the link asked for still applies after the reader changed the address.
export const readLoadedUrlState = (keys) => valuesOf(LOADED, keys);

// Sets each key of `entries` ({key: string or null}) in the URL object `url`, or removes it when its
// value is null; other query parameters and the fragment are kept.
export function applyEntries(url, entries) {
  for (const [key, value] of Object.entries(entries)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url;
}

// Chromium ignores history changes past 200 in 10 s (and says so in the console), and a slider
// dragged at 60 frames a second would pass that: the address is written at most every 250 ms, the
// changes in between merged, the last one always written.
const MIN_INTERVAL_MS = 250;
let pending = null;
let timer = null;
let lastWrite = -Infinity;

function flush() {
  timer = null;
  const url = applyEntries(new URL(window.location.href), pending);
  pending = null;
  lastWrite = performance.now();
  if (url.href === window.location.href) return;
  try {
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // Some embedding sandboxes refuse history changes; the page still works, its address just stays put.
  }
}

// Applies `entries` to the page's address (see applyEntries): at once if the last write was long
// enough ago, otherwise with the next one.
export function writeUrlState(entries) {
  pending = { ...pending, ...entries };
  if (timer !== null) return;
  const wait = lastWrite + MIN_INTERVAL_MS - performance.now();
  if (wait <= 0) flush();
  else timer = setTimeout(flush, wait);
}
