#!/usr/bin/env bash
# Run the bpf-nocsr benchmarks and write <build>/bench/report.md.
#   utils/bench/run.sh [--quick] [--build DIR] [--build22 DIR] [--out DIR] ...
# Variants that need the plugin, nocsr-check or the patcher benchmark switch on
# when <build> (default build/) and <build22> (default build-22/) contain them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Debian's python3 has python3-matplotlib; a pyenv python on PATH may not.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import matplotlib' 2>/dev/null; then
  echo "[bench] installing python3-matplotlib" >&2
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y -qq --no-install-recommends python3-matplotlib >/dev/null ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends python3-matplotlib >/dev/null; }
fi
exec "$py" "$here/bench.py" "$@"
