#!/usr/bin/env bash
# bpf_xlated.sh OBJECT PROGRAM [ARGS...]: bpftool's dump of PROGRAM from the
# BPF object OBJECT as the kernel translated it (`bpftool prog dump xlated
# pinned ... ARGS`, e.g. ARGS=opcodes), on stdout.
# Assumes no mounted bpffs: it loads into the bpf filesystem of its own that
# with_private_bpffs.sh mounts inside a private mount namespace, so the mount
# and its pins end with that namespace, also if killed. Needs bpf() and
# unshare --mount (CAP_SYS_ADMIN); exits 77 where the namespace is not
# permitted.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OBJECT PROGRAM [bpftool dump args...]" >&2; exit 2; }
# shellcheck disable=SC2016 # expanded by the inner shell
exec "$(dirname "$0")/with_private_bpffs.sh" sh -ec '
  obj=$1 prog=$2
  shift 2
  bpftool prog loadall "$obj" /sys/fs/bpf/progs
  bpftool prog dump xlated pinned "/sys/fs/bpf/progs/$prog" "$@"' sh "$@"
