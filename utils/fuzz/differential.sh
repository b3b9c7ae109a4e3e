#!/usr/bin/env bash
# Differential testing in the running kernel:
#   utils/fuzz/differential.sh --count N --seed S [--jobs J] [--build DIR]
# Builds N generated programs without attributes and with the plugin (both
# with the clang of the plugin's LLVM) and with clang-22's bpf_fastcall,
# runs them with nocsr-run and compares. Ends with "N passed, M failed";
# exit 0 all passed, 1 failures, 2 tools missing, 77 bpf() not permitted.
exec python3 "$(dirname "$0")/differential.py" "$@"
