#!/usr/bin/env bash
# npm test: install what is missing, build, then run every test: native core (GoogleTest via CTest),
# page modules that need no browser, the built WASM module in Node, the built site in headless
# Chromium, and Lighthouse on the served site (performance at least 90; accessibility, best
# practices and SEO 100).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --with-test-tools
bash scripts/build.sh

echo "== core (native, GoogleTest) =="
cmake -S . -B build-native -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build-native -j2
ctest --test-dir build-native --output-on-failure

echo "== fuzzing the expression engine and the address readers (libFuzzer, ASan + UBSan, ${FUZZ_SECONDS:-60} s) =="
bash tests/fuzz/run.sh

echo "== page modules without a browser (node:test) =="
node --test tests/web/

echo "== wasm module (node:test) =="
node --test tests/wasm/

echo "== site (headless Chromium, node:test) =="
node --test --test-concurrency=1 tests/e2e/

echo "== Lighthouse on the served dist/ (mobile preset) =="
node scripts/audit.mjs
