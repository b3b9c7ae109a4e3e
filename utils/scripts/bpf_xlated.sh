#!/usr/bin/env bash
# bpf_xlated.sh OBJECT PROGRAM [ARGS...]: bpftool's dump of PROGRAM from the
# BPF object OBJECT as the kernel translated it (`bpftool prog dump xlated
# pinned ... ARGS`, e.g. ARGS=opcodes), on stdout.
# Assumes no mounted bpffs: it loads into a bpf filesystem of its own,
# mounted on an empty temporary directory inside a private mount namespace,
# so the mount and its pins end with that namespace, also if killed; only
# the empty directory is removed afterwards. Needs bpf() and unshare
# --mount (CAP_SYS_ADMIN); exits 77 where the namespace is not permitted.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OBJECT PROGRAM [bpftool dump args...]" >&2; exit 2; }
if ! unshare --mount true 2>/dev/null; then
  echo "$0: may not create a mount namespace (unshare --mount)" >&2
  exit 77
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/nocsr_bpffs.XXXXXX")
trap 'rmdir "$dir"' EXIT
# shellcheck disable=SC2016 # expanded by the inner shell
unshare --mount --propagation private sh -ec '
  dir=$1 obj=$2 prog=$3
  shift 3
  mount -t bpf bpf "$dir"
  bpftool prog loadall "$obj" "$dir/progs"
  bpftool prog dump xlated pinned "$dir/progs/$prog" "$@"' sh "$dir" "$@"
