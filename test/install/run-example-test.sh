#!/usr/bin/env bash
# Build utils/example without attributes and with the plugin (and, on a clang
# with native bpf_fastcall, with that alone), load and run each through its
# skeleton, and check what the plugin promises: identical results, every
# bracket found in the object removed by the kernel, a smaller stack.
# Usage: run-example-test.sh BUILD_DIR WORK_DIR LLVM_TOOLS_DIR
# Exit 77 (skipped) where the kernel does not let us load BPF programs.
set -euo pipefail
build=$1 work=$2 tools=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
fail() { echo "example test: FAIL: $*" >&2; exit 1; }

if ! why=$(python3 "$root/utils/scripts/bpf_probe.py"); then
  echo "example test: skipped: ${why:-bpf() not permitted}"
  exit 77
fi

rm -rf "$work"
make -s -C "$root/utils/example" OUT="$work/plain" CLANG="$tools/clang" \
  NO_ATTRS=1
make -s -C "$root/utils/example" OUT="$work/nocsr" CLANG="$tools/clang" \
  PLUGIN="$build/lib/BPFNoCSR.so"
variants="plain nocsr"
if printf '#if !__has_attribute(bpf_fastcall)\n#error\n#endif\n' |
    "$tools/clang" -target bpf -E - >/dev/null 2>&1; then
  make -s -C "$root/utils/example" OUT="$work/native" CLANG="$tools/clang"
  variants="$variants native"
fi

for v in $variants; do
  "$work/$v/pcpu_counter" 100 | tee "$work/$v/run.txt"
  "$build/bin/nocsr-run" --json "$work/$v/pcpu_counter.bpf.o" >"$work/$v/kernel.json"
done

python3 - "$work" <<'PY' || fail "see above"
import json, os, re, sys
work = sys.argv[1]
def run(v):
    text = open("%s/%s/run.txt" % (work, v)).read()
    return {k: re.search(k + r": (\S+)", text).group(1)
            for k in ("stack_depth", "xlated_insns")}, \
           re.search(r"result: (.*)", text).group(1)
def brackets(v):
    doc = json.load(open("%s/%s/kernel.json" % (work, v)))
    return [(p["brackets"]["total"], p["brackets"]["removed"])
            for p in doc["programs"]]
(plain, plain_result), (nocsr, nocsr_result) = run("plain"), run("nocsr")
# The program counts 3 x 100 packets: 2 kinds of IPv4 (one TCP, one UDP) and
# IPv6, each 64 bytes, all passed (XDP_PASS = 2), all on CPU 0.
expected = ("retvals=0x020202 packets=300 bytes=19200 ipv4=200 ipv6=100 "
            "tcp=100 udp=100 cpu_mask=0x1")
assert plain_result == expected, plain_result
assert nocsr_result == expected, nocsr_result
# Without the plugin there is no bracket; with it, one around helper 8,
# which the kernel removes, and the stack shrinks.
assert brackets("plain") == [(0, 0)], brackets("plain")
assert brackets("nocsr") == [(1, 1)], brackets("nocsr")
assert int(nocsr["stack_depth"]) < int(plain["stack_depth"]), (plain, nocsr)
if os.path.exists("%s/native/run.txt" % work):
    # Upstream alone: one eligible call, so its bracket is the whole region
    # and its top is the lowest slot; the kernel removes it as well.
    native, native_result = run("native")
    assert native_result == expected, native_result
    assert brackets("native") == [(1, 1)], brackets("native")
    print("native bpf_fastcall: same result, bracket removed, stack %s"
          % native["stack_depth"])
print("example: same result, bracket removed, stack %s -> %s, xlated %s -> %s"
      % (plain["stack_depth"], nocsr["stack_depth"],
         plain["xlated_insns"], nocsr["xlated_insns"]))
PY
