#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each from its seed corpus: the expression engine for
# EXPRESSION_FUZZ_SECONDS (default 45) and the address readers for ADDRESS_FUZZ_SECONDS (default 15);
# FUZZ_SECONDS, if set, is split between them in that proportion. Exits non-zero on any finding
# (crash, sanitizer report, failed invariant, timeout).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -n "${FUZZ_SECONDS:-}" ]]; then
  EXPRESSION_FUZZ_SECONDS=${EXPRESSION_FUZZ_SECONDS:-$(( FUZZ_SECONDS * 3 / 4 ))}
  ADDRESS_FUZZ_SECONDS=${ADDRESS_FUZZ_SECONDS:-$(( FUZZ_SECONDS - FUZZ_SECONDS * 3 / 4 ))}
fi
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DACTDERIV_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz -j2 --target expression_fuzz address_fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fuzz TARGET CORPUS SECONDS MAX_LEN: runs one target from a copy of its seed corpus, final stats shown
# (addresses are short: 256 bytes is ample to cut notices at 40 characters, and keeps inputs quick).
fuzz() {
  local target=$1 corpus=$2 seconds=$3 max_len=$4
  echo "-- $target: ${seconds} s --"
  mkdir -p "$work/$target"
  cp "$corpus"/* "$work/$target/"
  ./build-fuzz/tests/fuzz/"$target" "$work/$target" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/$target-" -print_final_stats=1 2>&1 | tail -n 12
}
fuzz expression_fuzz tests/fuzz/corpus "${EXPRESSION_FUZZ_SECONDS:-45}" 600
fuzz address_fuzz tests/fuzz/corpus-address "${ADDRESS_FUZZ_SECONDS:-15}" 256
