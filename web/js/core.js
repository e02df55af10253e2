// The WebAssembly adapter, loaded once: every number and formula on the page comes through here.
import { loadCore } from '../../wasm/api.js';

let loading;

// Resolves to the core API ({activations, evaluate}); the module is instantiated on the first call only.
export function getCore() {
  loading ??= loadCore();
  return loading;
}
