#!/usr/bin/env bash
# Install what is missing, build, and run every test through ctest.
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"

nocsr_install_missing
nocsr_build "$BUILD_DIR"
nocsr_step "Running the test suite (LLVM 19 build)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
