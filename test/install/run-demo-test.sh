#!/usr/bin/env bash
# Runs utils/demo.sh on BUILD_DIR's binaries in a private mount namespace
# where no bpf filesystem is mounted (as on a freshly booted machine), and
# checks that it prints its before/after table with the kernel columns,
# exits 0 and leaves no bpffs mounted and no temporary directory behind.
# Exit 77 (skip) where bpf() or a mount namespace is not permitted.
# Usage: run-demo-test.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$(cd "$1" && pwd) work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
skip() { echo "demo test: SKIP: $*"; exit 77; }
fail() { echo "demo test: FAIL: $*" >&2; exit 1; }

command -v unshare >/dev/null || skip "unshare (util-linux) is not installed"
unshare --mount true 2>/dev/null ||
  skip "this user may not create a mount namespace (unshare --mount)"
why=$(python3 "$root/utils/scripts/bpf_probe.py") || skip "${why:-bpf() not permitted}"

rm -rf "$work"
mkdir -p "$work/tmp"
# Inside the namespace: unmount every bpffs, run the demo, then check that
# it mounted none for good. Exit 90/91 name the two mount failures.
# shellcheck disable=SC2016 # expanded by the inner shell
set +e
TMPDIR=$work/tmp unshare --mount --propagation private bash -c '
  bpf_mounts() { awk "/ - bpf /{print \$5}" /proc/self/mountinfo; }
  for mp in $(bpf_mounts | sort -r); do umount "$mp"; done
  [ -z "$(bpf_mounts)" ] || { echo "cannot unmount bpffs: $(bpf_mounts)"; exit 90; }
  BUILD_DIR=$1 NOCSR_DEMO_PREBUILT=1 "$2/utils/demo.sh"
  rc=$?
  [ -z "$(bpf_mounts)" ] || { echo "demo left bpffs mounted: $(bpf_mounts)"; exit 91; }
  exit $rc' sh "$build" "$root" >"$work/demo.log" 2>&1
rc=$?
set -e
cat "$work/demo.log"
[ "$rc" -eq 0 ] || fail "demo exited $rc"
grep -q "The kernel's translated program side by side" "$work/demo.log" ||
  fail "no side-by-side xlated dump"
grep -q "with the plugin (bracket removed)" "$work/demo.log" ||
  fail "no xlated dump header"
# The example keeps one five-pair bracket; the kernel removes it (1/1) in the
# plugin build and finds none in the plain one.
grep -Eq '^brackets removed / found \(kernel\) +0/0 +1/1$' "$work/demo.log" ||
  fail "table lacks the kernel's brackets row (0/0, 1/1)"
grep -Eq '^same result \(3 x 1000 test runs\) +yes$' "$work/demo.log" ||
  fail "table lacks 'same result: yes'"
[ -z "$(ls -A "$work/tmp")" ] || fail "demo left $(ls -A "$work/tmp") in TMPDIR"
echo "demo test: PASS"
