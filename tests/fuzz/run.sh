#!/usr/bin/env bash
# Builds the libFuzzer target and runs it for FUZZ_SECONDS (default 60) from the seed corpus.
# Exits non-zero on any finding (crash, sanitizer report, failed invariant, timeout).
set -euo pipefail
cd "$(dirname "$0")/../.."
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DACTDERIV_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz -j2 --target expression_fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"
./build-fuzz/tests/fuzz/expression_fuzz "$work" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=600 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 2>&1 | tail -n 12
