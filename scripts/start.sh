#!/usr/bin/env bash
# npm start: install what is missing, build, serve dist/ at http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh
exec node scripts/serve.mjs
