#!/usr/bin/env bash
# Shared set-up for utils/test.sh and utils/demo.sh: install the Debian
# packages that are missing (apt-get update once, only then), configure and
# build. Sourced; defines BUILD_DIR, BUILD22_DIR, ASAN_DIR and
# NOCSR_PLUGIN_ONLY_LLVMS (the LLVM majors whose plugin-only builds go to
# build-N).
set -euo pipefail

NOCSR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$NOCSR_ROOT/build}
BUILD22_DIR=${BUILD22_DIR:-$NOCSR_ROOT/build-22}
ASAN_DIR=${ASAN_DIR:-$NOCSR_ROOT/build-asan}
LLVM22_DIR=/usr/lib/llvm-22/lib/cmake/llvm
JOBS=${JOBS:-$(nproc)}
# Older LLVM: the plugin alone (the tools need LLVM >= 18), tested with the
# tools of BUILD_DIR.
NOCSR_PLUGIN_ONLY_LLVMS=(14 15 16)

NOCSR_PACKAGES=(
  cmake ninja-build python3 linux-libc-dev make gcc g++ pkg-config
  clang-19 llvm-19-dev libclang-19-dev libclang-cpp19-dev llvm-19-tools
  libclang-rt-19-dev
  clang-22 llvm-22-dev libclang-22-dev llvm-22-tools
  clang-14 llvm-14-dev libclang-14-dev llvm-14-tools
  clang-15 llvm-15-dev libclang-15-dev llvm-15-tools
  clang-16 llvm-16-dev libclang-16-dev llvm-16-tools
  libbpf-dev bpftool libgtest-dev libbenchmark-dev
  groff-base dpkg-dev lintian
)

nocsr_step() { printf '\n==> %s\n' "$*"; }

nocsr_install_missing() {
  local missing=() p
  for p in "${NOCSR_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  nocsr_step "Installing missing packages: ${missing[*]}"
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# nocsr_build DIR [cmake args...] [-- targets...]
nocsr_build() {
  local dir=$1 args=() targets=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift && targets=(--target "$@")
  nocsr_step "Configuring $dir"
  cmake -S "$NOCSR_ROOT" -B "$dir" -G Ninja "${args[@]}" >/dev/null
  nocsr_step "Building $dir"
  cmake --build "$dir" -j "$JOBS" "${targets[@]}"
}
