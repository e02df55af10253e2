// The page address as shareable state: query parameters read once on load and kept up to date with
// history.replaceState (no history entries, no reload). The core reads and checks the values
// (core/include/actderiv/address.h): the page hands it the query string and shows what it returns.

// The query of the address the page was opened with, before any reader's change rewrote it.
const LOADED = window.location.search;

// The query of the current address, for the core's readers.
export const currentQuery = () => window.location.search;

// The query the page was opened with: for parts built later (a generated section), so that what the
// link asked for still applies after the reader changed the address.
export const loadedQuery = () => LOADED;

// Routing only: which part to load (embed=, fn=, section=), read before the core has loaded, so with
// URLSearchParams. The values are only compared with known ids (web/js/boot/main.js, embed.js, page.js). Returns
// {key: string or null}, from the current address or from the one the page was opened with.
const valuesOf = (search, keys) => {
  const query = new URLSearchParams(search);
  return Object.fromEntries(keys.map((key) => [key, query.get(key)]));
};
export const readUrlState = (keys) => valuesOf(window.location.search, keys);
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

// Chromium ignores history changes past 200 in 10 s (and says so in the console), which a slider
// dragged at 60 frames a second would pass. Writes spend tokens from a bucket of 10 that refills at
// 10 a second: separate actions are written at once, a drag at most 10 times a second, its changes
// in between merged and its last one always written.
const BUCKET = 10;
const REFILL_PER_MS = 10 / 1000;
let tokens = BUCKET;
let refilled = performance.now();
let pending = null;
let timer = null;

function refill() {
  const now = performance.now();
  tokens = Math.min(BUCKET, tokens + (now - refilled) * REFILL_PER_MS);
  refilled = now;
}

function flush() {
  timer = null;
  refill();
  tokens -= 1;
  const url = applyEntries(new URL(window.location.href), pending);
  pending = null;
  if (url.href === window.location.href) return;
  try {
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // Some embedding sandboxes refuse history changes; the page still works, its address just stays put.
  }
}

// Applies `entries` to the page's address (see applyEntries): at once while the bucket has a token,
// otherwise as soon as it has one again, merged with the changes that came meanwhile.
export function writeUrlState(entries) {
  pending = { ...pending, ...entries };
  if (timer !== null) return;
  refill();
  if (tokens >= 1) flush();
  else timer = setTimeout(flush, (1 - tokens) / REFILL_PER_MS);
}
