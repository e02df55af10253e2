#!/usr/bin/env bash
# Installs what is missing on a fresh Debian/Ubuntu machine: system packages from apt, JS packages
# from the committed package-lock.json. Usage: bootstrap.sh [--with-test-tools]
set -euo pipefail
cd "$(dirname "$0")/.."

needed=()
have() { command -v "$1" >/dev/null 2>&1; }
have em++ || needed+=(emscripten)
have cmake || needed+=(cmake)
have g++ || needed+=(g++)
have node || needed+=(nodejs)
have npm || needed+=(npm)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  have chromium || needed+=(chromium)
  [[ -f /usr/include/gtest/gtest.h ]] || needed+=(libgtest-dev)
  have clang++ || needed+=(clang)
  compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
    needed+=(libclang-rt-dev)
fi

if ((${#needed[@]})); then
  cmd="apt-get update && apt-get install -y ${needed[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing with apt: ${needed[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
  elif have sudo && sudo -n true 2>/dev/null; then
    echo "Installing with sudo apt: ${needed[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
  else
    echo "Missing system packages: ${needed[*]}" >&2
    echo "Install them as root, then run this again:" >&2
    echo "  sudo sh -c '$cmd'" >&2
    exit 1
  fi
fi

# npm ci when node_modules is missing or older than the lock file.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  npm ci --no-audit --no-fund
fi
