// The WebAssembly adapter, loaded once: every number and formula on the page comes through here.
import { loadCore } from '../../../wasm/api.js';
import { yieldToBrowser } from '../state/tasks.js';

let loading;
let loaded = null;

// How many parameter settings' kinks are kept: a section's plot and its figures below ask for the same
// ones, and a dragged slider moves through new ones.
const KINKS_KEPT = 16;

// core.kinks, each answer kept for the next caller with the same id and parameters (the page only reads
// them): the first one runs the derivation engine, which its first use compiles, so a section asks for
// its plot's kinks in a task before the one that draws the plot.
function rememberedKinks(core) {
  const kept = new Map();
  return (id, params) => {
    const key = JSON.stringify([id, params ?? null]);
    if (!kept.has(key)) {
      kept.set(key, core.kinks(id, params));
      if (kept.size > KINKS_KEPT) kept.delete(kept.keys().next().value);
    }
    return kept.get(key);
  };
}

// Resolves to the core API (see loadCore in wasm/api.js); the module is instantiated on the first call
// only. The registry never changes and building its descriptions through embind takes tens of
// milliseconds, so the page asks the core for them once: activations(), parameterKeys() and limits()
// return those (the page only reads them), and kinks() keeps its answers (above). A load that failed (its .wasm could not be fetched) is tried
// again by the next call, so that the Print button's second press can recover.
export function getCore() {
  loading ??= loadCore().then(async (core) => {
    // Each in a task of its own: instantiating the module, building the registry (its first call
    // compiles much of the module's code) and reading the rest are each tens of milliseconds on a phone.
    await yieldToBrowser();
    const activations = core.activations();
    await yieldToBrowser();
    const parameterKeys = core.parameterKeys();
    const limits = core.limits();
    loaded = { ...core, activations: () => activations, parameterKeys: () => parameterKeys, limits: () => limits,
      kinks: rememberedKinks(core) };
    return loaded;
  }, (failure) => {
    loading = undefined;
    throw failure;
  });
  return loading;
}

// The core getCore() resolved to, for code that only runs once it has (typed fields, the address
// readers of the parts it sets up); throws before.
export function loadedCore() {
  if (loaded === null) throw new Error('the core is not loaded yet: await getCore() first');
  return loaded;
}
