#!/usr/bin/env bash
# Install what is missing, build, and run every test through ctest:
#  - the LLVM 19 build: everything;
#  - the LLVM 22 build: everything that applies to clang 22;
#  - plugin-only builds for LLVM 14, 15 and 16 (build-N): the plugin's lit
#    tests and the kernel tests of its output, with the LLVM 19 tools;
#  - an ASan + UBSan build of the checker: its unit and lit tests.
# NOCSR_SKIP_LLVM22=1, NOCSR_SKIP_OLD_LLVM=1 or NOCSR_SKIP_ASAN=1 leave
# builds out.
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"

nocsr_install_missing
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0

# run_ctest NAME BUILD_DIR [ctest args...]
run_ctest() {
  local name=$1 dir=$2
  shift 2
  nocsr_step "Running the tests of the $name build"
  ctest --test-dir "$dir" --output-on-failure -j "$JOBS" \
    --output-junit "$results/$name.xml" "$@" || status=1
}

# The plugin-only builds first: the LLVM 19 build's package carries their
# plugins (BPF_NOCSR_EXTRA_PLUGIN_BUILDS); their tests use its tools.
old_builds=()
if [ "${NOCSR_SKIP_OLD_LLVM:-0}" != 1 ]; then
  for v in "${NOCSR_PLUGIN_ONLY_LLVMS[@]}"; do
    llvm_dir=/usr/lib/llvm-$v/lib/cmake/llvm
    [ -d "$llvm_dir" ] || continue
    nocsr_build "$NOCSR_ROOT/build-$v" -DLLVM_DIR="$llvm_dir" \
      -DBPF_NOCSR_TOOLS_DIR="$BUILD_DIR/bin"
    old_builds+=("$NOCSR_ROOT/build-$v")
  done
fi
extra=$(IFS=';'; echo "${old_builds[*]}")

nocsr_build "$BUILD_DIR" -DBPF_NOCSR_EXTRA_PLUGIN_BUILDS="$extra"
run_ctest llvm19 "$BUILD_DIR"

if [ "${NOCSR_SKIP_LLVM22:-0}" != 1 ] && [ -d "$LLVM22_DIR" ]; then
  nocsr_build "$BUILD22_DIR" -DLLVM_DIR="$LLVM22_DIR"
  run_ctest llvm22 "$BUILD22_DIR"
fi

for dir in "${old_builds[@]}"; do
  run_ctest "llvm${dir##*-}" "$dir"
done

if [ "${NOCSR_SKIP_ASAN:-0}" != 1 ]; then
  nocsr_build "$ASAN_DIR" -DBPF_NOCSR_SANITIZE=ON -- nocsr-check nocsr-unit-tests
  run_ctest asan "$ASAN_DIR" -R '^(lit-checker|RangePatcher|FastcallModel|KernelProfile|ProbeDecision|ProfileFile)'
fi

python3 "$NOCSR_ROOT/utils/scripts/ctest_summary.py" "$results"/*.xml || status=1
exit $status
