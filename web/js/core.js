// The WebAssembly adapter, loaded once: every number and formula on the page comes through here.
import { loadCore } from '../../wasm/api.js';

let loading;

// Resolves to the core API (see loadCore in wasm/api.js); the module is instantiated on the first call
// only. The registry never changes and building its descriptions through embind takes tens of
// milliseconds, so the page asks the core for them once: activations() returns that one list (the
// page only reads it).
export function getCore() {
  loading ??= loadCore().then((core) => {
    const activations = core.activations();
    return { ...core, activations: () => activations };
  });
  return loading;
}
