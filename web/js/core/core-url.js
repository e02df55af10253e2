// The address of the core's .wasm when the page loads it as a file of its own, so that main.js can
// ask for it before the code that instantiates it arrives. null here and in the single-file build,
// which inlines it; the hosted build replaces this module (scripts/bundle.mjs).
export const CORE_URL = null;
