#!/usr/bin/env bash
# npm run bench: builds, then measures the site (first chart, sizes). Benchmarks report; they never fail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
node bench/first-chart.mjs
node bench/derive.mjs
