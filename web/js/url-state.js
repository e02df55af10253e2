// The page address as shareable state: query parameters read once on load and kept up to date with
// history.replaceState (no history entries, no reload). Values are only ever handled as strings.

// The values of `keys` in the current address, {key: string or null}.
export function readUrlState(keys) {
  const query = new URLSearchParams(window.location.search);
  return Object.fromEntries(keys.map((key) => [key, query.get(key)]));
}

// Sets each key of `entries` in the address, or removes it when its value is null; other query
// parameters and the fragment are kept.
export function writeUrlState(entries) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(entries)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  if (url.href === window.location.href) return;
  try {
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // Some embedding sandboxes refuse history changes; the page still works, its address just stays put.
  }
}
