#!/usr/bin/env bash
# Builds the WebAssembly core (build-wasm/) and bundles the site and the library into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Emscripten's optimizer needs Debian's node modules (acorn) with this Node.
export NODE_PATH=/usr/share/nodejs
# ACTDERIV_LOCALE picks the folder of content/ whose prose the core serves (content/README.md).
emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release -DACTDERIV_LOCALE="${ACTDERIV_LOCALE:-en}" \
  -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node > build-wasm.log 2>&1 || { cat build-wasm.log; exit 1; }
rm -f build-wasm.log
cmake --build build-wasm -j2
node scripts/bundle.mjs
