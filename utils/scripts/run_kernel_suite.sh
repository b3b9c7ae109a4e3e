#!/usr/bin/env bash
# Run a command that needs bpf(); exit 77 (ctest: skipped) with the reason
# when this machine does not permit loading programs.
here=$(dirname "$0")
if ! reason=$(python3 "$here/bpf_probe.py"); then
  echo "SKIPPED: $reason"
  exit 77
fi
exec "$@"
