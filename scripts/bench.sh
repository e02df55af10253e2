#!/usr/bin/env bash
# npm run bench: builds, then measures the site (first view, first chart, sizes; how soon a link's
# figure shows against its first contentful paint; slider input to painted frame), the derivation
# engine, the practice checker (right and wrong answers, seeded exercises), the simplified derivatives
# against math.js's, how carefully typed expressions are evaluated at their tails (against mpmath
# references) and what that care costs (against the core before it, built from git), batch
# evaluation (WASM through the JS API vs plain JS vs native C++), training, and memory over a long
# session (JS and WASM heaps). Each writes its figures to bench/results.json. Benchmarks report; they
# never fail.
set -euo pipefail
cd "$(dirname "$0")/.."
# Emscripten's optimizer needs Debian's node modules (acorn) with this Node.
export NODE_PATH=/usr/share/nodejs
bash scripts/build.sh > /dev/null
# bench/batch.mjs's C++ side, with the core's own flags: natively with clang, the compiler Emscripten
# uses, so the comparison isolates WebAssembly; and with Emscripten, to time the kernels without the
# JS API's copies.
{
  cmake -S bench/native -B build-bench -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ &&
    cmake --build build-bench -j2 &&
    emcmake cmake -S bench/native -B build-bench-wasm -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node &&
    cmake --build build-bench-wasm -j2
} > build-bench.log 2>&1 || { cat build-bench.log; exit 1; }
rm -f build-bench.log
# bench/careful-speed.mjs's "before": the core as it was before the stable forms (issue 15), from git.
before=$(sed -n "s/^export const BEFORE = '\(.*\)';$/\1/p" bench/careful-speed.mjs)
rm -rf build-bench-before-src && mkdir build-bench-before-src
git archive "$before" CMakeLists.txt core wasm content | tar -x -C build-bench-before-src
{
  emcmake cmake -S build-bench-before-src -B build-bench-before -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node &&
    cmake --build build-bench-before -j2 --target activation_core
} > build-bench.log 2>&1 || { cat build-bench.log; exit 1; }
rm -f build-bench.log
node bench/first-chart.mjs
node bench/first-figure.mjs
node bench/slider.mjs
# The slider again with four series of 2,001 points (the density the budget is set for), then the page's
# own build back.
PLOT_POINTS=2001 node scripts/bundle.mjs > /dev/null
node bench/slider.mjs
node scripts/bundle.mjs > /dev/null
node bench/derive.mjs
node bench/practice-check.mjs
node bench/simplify.mjs
node bench/typed-accuracy.mjs
node bench/careful-speed.mjs
node bench/batch.mjs
node bench/train.mjs
node bench/memory.mjs
