// The WebAssembly adapter, loaded once: every number and formula on the page comes through here.
import { loadCore } from '../../wasm/api.js';

let loading;

// Resolves to the core API (see loadCore in wasm/api.js); the module is instantiated on the first call only.
export function getCore() {
  loading ??= loadCore();
  return loading;
}
