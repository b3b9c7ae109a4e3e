#!/usr/bin/env bash
# Build the example application (utils/example) with and without the plugin,
# show what nocsr-check predicts, the assembly side by side, load and run
# both through their skeletons where the kernel permits it, and print one
# before/after table. Needs no mounted bpffs and leaves nothing mounted or
# pinned. NOCSR_DEMO_PREBUILT=1: use the binaries in $BUILD_DIR as they are
# (no package install, configure or build; test/install's demo test).
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"

if [ "${NOCSR_DEMO_PREBUILT:-0}" != 1 ]; then
  nocsr_install_missing
  # Only what the demo uses: the plugin and the two tools (utils/test.sh
  # builds everything).
  nocsr_step "Configuring $BUILD_DIR"
  cmake -S "$NOCSR_ROOT" -B "$BUILD_DIR" -G Ninja >/dev/null
  nocsr_step "Building the plugin, nocsr-check and nocsr-run"
  cmake --build "$BUILD_DIR" -j "$JOBS" --target BPFNoCSR nocsr-check nocsr-run
fi

LLVM_BIN=/usr/lib/llvm-19/bin
EXAMPLE=$NOCSR_ROOT/utils/example
OUT=$BUILD_DIR/example
PLUGIN=$BUILD_DIR/lib/BPFNoCSR.so
CHECK=$BUILD_DIR/bin/nocsr-check
RUN=$BUILD_DIR/bin/nocsr-run
PROG=count_packets
WIDTH=$(( $(tput cols 2>/dev/null || echo 160) < 120 ? 120 : $(tput cols 2>/dev/null || echo 160) ))
# The translated program is read from a pin in a private bpffs that
# bpf_xlated.sh mounts in a mount namespace of its own and that goes with it.
XLATED=$NOCSR_ROOT/utils/scripts/bpf_xlated.sh

# side_by_side LEFT_FILE RIGHT_FILE LEFT_TITLE RIGHT_TITLE
side_by_side() {
  local half=$(( WIDTH / 2 ))
  printf "%-${half}s%s\n" "$3" "$4"
  printf '%*s\n' "$WIDTH" '' | tr ' ' '-'
  pr -m -t -w "$WIDTH" "$1" "$2" | expand
}

nocsr_step "Building the example without the plugin ($OUT/plain)"
rm -rf "$OUT"
make -s -C "$EXAMPLE" OUT="$OUT/plain" CLANG="$LLVM_BIN/clang"
nocsr_step "Building the example with the plugin ($OUT/nocsr)"
make -s -C "$EXAMPLE" OUT="$OUT/nocsr" CLANG="$LLVM_BIN/clang" PLUGIN="$PLUGIN"

nocsr_step "The running kernel's fastcall behaviour (nocsr-check --probe-kernel)"
"$CHECK" --probe-kernel ||
  echo "  not probed: nocsr-check predicts from the version table below"

for v in plain nocsr; do
  nocsr_step "nocsr-check on the $v build (what the verifier will do, predicted offline)"
  "$CHECK" "$OUT/$v/pcpu_counter.bpf.o"
  "$CHECK" --format=json "$OUT/$v/pcpu_counter.bpf.o" >"$OUT/$v/check.json"
done

nocsr_step "Assembly side by side"
for v in plain nocsr; do
  "$LLVM_BIN/llvm-objdump" -d --no-show-raw-insn "$OUT/$v/pcpu_counter.bpf.o" |
    sed -n '/^[0-9a-f]* <'$PROG'>:/,$p' | expand >"$OUT/$v/asm.txt"
done
side_by_side "$OUT/plain/asm.txt" "$OUT/nocsr/asm.txt" \
  "without the plugin" "with the plugin (bracket around call 0x8)"

KERNEL_OK=0
if WHY=$(python3 "$NOCSR_ROOT/utils/scripts/bpf_probe.py"); then
  KERNEL_OK=1
else
  nocsr_step "Not loading: this kernel does not let us load BPF programs"
  echo "  ${WHY:-bpf() not permitted}"
  echo "  The table below shows nocsr-check's offline prediction only."
fi

if [ "$KERNEL_OK" = 1 ]; then
  for v in plain nocsr; do
    nocsr_step "Loading and running the $v build through its skeleton (BPF_PROG_TEST_RUN, CPU 0)"
    "$OUT/$v/pcpu_counter" | tee "$OUT/$v/run.txt"
    "$RUN" --json "$OUT/$v/pcpu_counter.bpf.o" >"$OUT/$v/kernel.json"
  done

  nocsr_step "The kernel's translated program side by side"
  if unshare --mount true 2>/dev/null; then
    for v in plain nocsr; do
      "$XLATED" "$OUT/$v/pcpu_counter.bpf.o" "$PROG" | expand >"$OUT/$v/xlated.txt"
    done
    side_by_side "$OUT/plain/xlated.txt" "$OUT/nocsr/xlated.txt" \
      "without the plugin" "with the plugin (bracket removed)"
  else
    echo "  Skipped: reading it needs a private bpf filesystem, and this user"
    echo "  may not create a mount namespace (unshare --mount)."
  fi
fi

nocsr_step "Before / after"
python3 - "$OUT" "$PROG" "$KERNEL_OK" <<'PY'
import json, os, re, sys

out, prog, kernel_ok = sys.argv[1], sys.argv[2], sys.argv[3] == "1"

def program(path, key="programs"):
    doc = json.load(open(path))
    progs = [p for o in doc.get("objects", [doc]) for p in o[key]]
    return next(p for p in progs if p["name"] == prog)

def column(build):
    d = os.path.join(out, build)
    c = program(os.path.join(d, "check.json"))
    calls = [x for s in c["subprograms"] for x in s["calls"]]
    bracketed = [x for x in calls if x["pairs"] > 0]
    col = {
        "object": c["insns_before"],
        "predicted_insns": c["insns_after"],
        "predicted_stack": "+".join(str(s["stack_depth_after"])
                                    for s in c["subprograms"]),
        "predicted": "%d/%d" % (sum(x["removed"] for x in bracketed),
                                len(bracketed)),
    }
    if kernel_ok:
        run = open(os.path.join(d, "run.txt")).read()
        col["xlated"] = int(re.search(r"xlated_insns: (\d+)", run).group(1))
        col["stack"] = re.search(r"stack_depth: (\S+)", run).group(1)
        col["result"] = re.search(r"result: (.*)", run).group(1)
        k = program(os.path.join(d, "kernel.json"))
        b = k["brackets"]
        col["removed"] = "%d/%d" % (b["removed"], b["total"])
    return col

plain, nocsr = column("plain"), column("nocsr")
rows = [("instructions in the object", "object")]
if kernel_ok:
    rows += [("instructions the kernel runs (xlated)", "xlated"),
             ("stack depth, bytes (verifier)", "stack"),
             ("brackets removed / found (kernel)", "removed")]
rows += [("instructions after removal (nocsr-check)", "predicted_insns"),
         ("stack depth, bytes (nocsr-check)", "predicted_stack"),
         ("brackets removed / found (nocsr-check)", "predicted")]
w = 44
print("%-*s %16s %16s" % (w, "", "without plugin", "with plugin"))
for label, key in rows:
    print("%-*s %16s %16s" % (w, label, plain[key], nocsr[key]))
if kernel_ok:
    same = plain["result"] == nocsr["result"]
    print("%-*s %33s" % (w, "same result (3 x 1000 test runs)",
                         "yes" if same else "NO"))
    print("  " + nocsr["result"])
    if not same:
        print("  without plugin: " + plain["result"])
        sys.exit(1)
else:
    print("(kernel columns omitted: loading BPF programs is not permitted here)")
PY
