#!/usr/bin/env bash
# with_private_bpffs.sh CMD [ARGS...]: runs CMD in a private mount namespace
# with a fresh bpf filesystem of its own on /sys/fs/bpf, for scripts that pin
# programs there (bpftool prog loadall). The host's /sys/fs/bpf, mounted or
# not, is neither used nor changed, and the mount and every pin end with the
# namespace, also if CMD is killed. CMD sees NOCSR_PRIVATE_BPFFS=1.
# Needs unshare --mount (CAP_SYS_ADMIN); exits 77 where it is not permitted.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
if ! unshare --mount true 2>/dev/null; then
  echo "$0: may not create a mount namespace (unshare --mount)" >&2
  exit 77
fi
export NOCSR_PRIVATE_BPFFS=1
exec unshare --mount --propagation private sh -ec '
  mount -t bpf bpf /sys/fs/bpf
  exec "$@"' sh "$@"
