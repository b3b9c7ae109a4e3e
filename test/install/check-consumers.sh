#!/usr/bin/env bash
# Build the CMake consumer (find_package + bpf_nocsr_add_bpf_object +
# bpf_nocsr_add_skeleton + a loader), the Make consumer (pkg-config), an
# unchanged libbpf program with the plugin alone (the remark that says how to
# opt in) and through nocsr-annotate --output-dir, and
# utils/example as a CMake project against an installed bpf-nocsr in PREFIX,
# following README and man pages; check the brackets the plugin put into
# their objects, and, where bpf() is permitted, that the kernel removes them
# (PREFIX's nocsr-run --json) and that the skeleton loaders run.
# PKG_CONFIG (default pkg-config) is how pkg-config is called: the package
# test unpacks into another root and passes "pkg-config --define-prefix".
# Used by run-install-test.sh and run-package-test.sh.
# Usage: check-consumers.sh PREFIX WORK_DIR LLVM_TOOLS_DIR
set -euo pipefail
prefix=$1 work=$2 tools=$3
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "consumers: FAIL: $*" >&2; exit 1; }
mkdir -p "$work"
libdir=$(cd "$prefix" && dirname "$(find . -path '*/pkgconfig/bpf-nocsr.pc')")
libdir=${libdir%/pkgconfig}
libdir=${libdir#./}

# The bracket the plugin puts around helper 8 in counter.bpf.c: N >= 1
# 64-bit spills to r10 right before `call 0x8` and N fills right after
# (clang-22 emits N = 4 for this source; without the plugin N = 0).
bracket_pairs() {
  local obj=$1 spills fills
  "$tools/llvm-objdump" -d --no-show-raw-insn "$obj" >"$obj.dis"
  grep -q 'call 0x8' "$obj.dis" || fail "$obj: no call to helper 8"
  spills=$(grep -B6 'call 0x8' "$obj.dis" | grep -c '\*(u64 \*)(r10 - 0x[0-9a-f]*) = r[1-5]$' || true)
  fills=$(grep -A6 'call 0x8' "$obj.dis" | grep -c 'r[1-5] = \*(u64 \*)(r10 - 0x[0-9a-f]*)$' || true)
  if [ "$spills" -lt 1 ] || [ "$spills" -ne "$fills" ]; then
    grep -B6 -A6 'call 0x8' "$obj.dis" >&2
    fail "$obj: no bracket around call 0x8 ($spills spills, $fills fills)"
  fi
  echo "$spills"
}

pc() { ${PKG_CONFIG:-pkg-config} "$@"; }
if python3 "$here/../../utils/scripts/bpf_probe.py" >/dev/null; then
  kernel=yes
else
  kernel=no
fi

echo "== CMake consumer: find_package(BPFNoCSR) + bpf_nocsr_add_bpf_object() + bpf_nocsr_add_skeleton()"
rm -rf "$work/consumer-src"
cp -r "$here/consumer" "$work/consumer-src"
cmake -S "$work/consumer-src" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$tools/clang" | tee "$work/consumer-configure.log"
grep -q "BPFNoCSR_PLUGIN=$prefix" "$work/consumer-configure.log" ||
  fail "BPFNoCSR_PLUGIN does not point into the prefix"
cmake --build "$work/consumer" -v | tee "$work/consumer-build.log"
grep -q -- "-fplugin=$prefix/.*bpf-nocsr/llvm-[0-9]*/BPFNoCSR.so" "$work/consumer-build.log" ||
  fail "the BPF object was not compiled with the plugin"
obj=$work/consumer/counter.bpf.o
[ -s "$obj" ] || fail "no BPF object"
pairs=$(bracket_pairs "$obj")
echo "CMake consumer: bracket of $pairs pairs around helper 8"
report=$obj.nocsr-check.json
[ -s "$report" ] || fail "the check step wrote no report"
grep -q "nocsr-check: .*counter.bpf.o: kernel latest (--kernel=latest --arch=x86_64)" \
  "$work/consumer-build.log" || fail "the build log does not name the checked kernel"
[ "$(grep -c 'nocsr-check: .*counter.bpf.o: kernel' "$work/consumer-build.log")" -eq 1 ] ||
  fail "nocsr-check ran more than once on the object"
python3 - "$report" "$pairs" <<'PY' || fail "check report: see above"
import json, sys
doc = json.load(open(sys.argv[1]))
# An explicit target, not the build host's kernel: --kernel=latest by default.
assert doc["target"]["kernel"] == "latest", doc["target"]
assert doc["target"]["source"] == "table", doc["target"]
calls = [c for o in doc["objects"] for p in o["programs"]
         for s in p["subprograms"] for c in s["calls"]]
eight = [c for c in calls if c["callee"] == "helper:8"]
assert len(eight) == 1, calls
# xdp on the latest kernel: helper 8 is fastcall and the bracket goes.
assert eight[0]["kernel_fastcall"] and eight[0]["removed"], eight[0]
assert eight[0]["pairs"] == int(sys.argv[2]), (eight[0], sys.argv[2])
print("check report: helper 8 bracket of %s pairs, removed" % sys.argv[2])
PY

# The skeleton: generated beside the build, rebuilt when the object changes.
skel=$work/consumer/counter.skel.h
grep -q 'counter_bpf__open_and_load' "$skel" || fail "no skeleton counter_bpf in $skel"
[ -x "$work/consumer/counter_loader" ] || fail "the loader was not built"
touch "$work/consumer-src/counter.bpf.c"
cmake --build "$work/consumer" -v >"$work/consumer-rebuild.log"
grep -q -- "-DHEADER=$work/consumer/counter.skel.h -P .*BPFNoCSRGenSkeleton.cmake" "$work/consumer-rebuild.log" ||
  fail "a changed source did not regenerate the skeleton"
if [ "$kernel" = yes ]; then
  [ "$("$work/consumer/counter_loader")" = "retval: 2" ] ||
    fail "the skeleton loader did not run the program"
  echo "CMake consumer: skeleton loader ran the program (retval 2)"
fi

# A plugin that is not installed: find_package fails with one clean message.
if cmake -S "$work/consumer-src" -B "$work/consumer-llvm99" -G Ninja \
     -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$tools/clang" \
     -DBPFNoCSR_USE_LLVM=99 >"$work/consumer-llvm99.log" 2>&1; then
  fail "BPFNoCSR_USE_LLVM=99 was accepted"
fi
grep -q "no plugin for LLVM 99 (BPFNoCSR_USE_LLVM); installed: [0-9]" "$work/consumer-llvm99.log" ||
  { cat "$work/consumer-llvm99.log"; fail "BPFNoCSR_USE_LLVM=99: unclear message"; }
! grep -q "99 ;" "$work/consumer-llvm99.log" || fail "stray ';' in the not-found message"

# bpf_nocsr_target_use_plugin() on an object library: the same code.
[ "$(bracket_pairs "$work/consumer/counter_objlib.bpf.o")" = "$pairs" ] ||
  fail "object library: different bracket"

echo "== Make consumer: pkg-config bpf-nocsr"
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
cflags=$(pc --cflags bpf-nocsr)
plugin=$(pc --variable=plugin bpf-nocsr)
major=$(pc --variable=llvm_version bpf-nocsr)
# Clean paths: the prefix itself, no lib/pkgconfig/../..
[ "$(pc --variable=includedir bpf-nocsr)" = "$prefix/include" ] ||
  fail "includedir is $(pc --variable=includedir bpf-nocsr), not $prefix/include"
case "$cflags$plugin" in *..*) fail "pkg-config paths with '..': $cflags $plugin" ;; esac
# llvm_versions lists the plugins; plugin_llvm<N> exists for those only.
[[ " $(pc --variable=llvm_versions bpf-nocsr) " == *" $major "* ]] ||
  fail "llvm_versions lacks $major"
[ -z "$(pc --variable=plugin_llvm999 bpf-nocsr)" ] ||
  fail "plugin_llvm999 is defined"
[ "$(readlink -f "$plugin")" = "$(readlink -f "$prefix/$libdir/bpf-nocsr/llvm-$major/BPFNoCSR.so")" ] ||
  fail "pkg-config plugin variable is $plugin"
[ "$(pc --variable="plugin_llvm$major" bpf-nocsr)" = "$plugin" ] ||
  fail "plugin_llvm$major differs from plugin"
[ "$(pc --variable="clang_llvm$major" bpf-nocsr)" = \
  "$(pc --variable=clang bpf-nocsr)" ] ||
  fail "clang_llvm$major differs from clang"
case "$cflags" in *-fplugin=*BPFNoCSR.so*) ;; *) fail "Cflags lack -fplugin: $cflags" ;; esac
mkdir -p "$work/make"
make -C "$here/consumer-make" OUT="$work/make" | tee "$work/make.log"
[ "$(bracket_pairs "$work/make/counter.bpf.o")" = "$pairs" ] ||
  fail "Make consumer: different bracket"
# Same source, same flags: the same instructions either way.
cmp <("$tools/llvm-objdump" -d --no-show-raw-insn "$obj" | tail -n +3) \
    <("$tools/llvm-objdump" -d --no-show-raw-insn "$work/make/counter.bpf.o" | tail -n +3) ||
  fail "CMake and Make consumers built different code"

arch_include=/usr/include/$(uname -m)-linux-gnu
echo "== Unchanged libbpf source with the plugin alone: a remark says how to opt in"
"$(pc --variable=clang bpf-nocsr)" -target bpf -O2 -g -I"$arch_include" \
  $(pc --cflags bpf-nocsr) -Rpass-missed=bpf-nocsr \
  -c "$here/../header/Inputs/unchanged-libbpf.bpf.c" -o "$work/plain.bpf.o" 2>"$work/plain.remarks"
grep -q "call to bpf_get_smp_processor_id (helper 8) not relaxed: not marked eligible" "$work/plain.remarks" ||
  fail "unchanged source: no opt-in remark"
grep -q "to opt in, call bpf_nocsr_get_smp_processor_id()" "$work/plain.remarks" ||
  fail "unchanged source: the remark names no way to opt in"

echo "== Unchanged libbpf source with an annotated include directory (nocsr-annotate --output-dir)"
"$prefix/bin/nocsr-annotate" --output-dir "$work/annotated" /usr/include/bpf/bpf_helper_defs.h
"$(pc --variable=clang bpf-nocsr)" -target bpf -O2 -g -I"$arch_include" \
  -I"$work/annotated" $(pc --cflags bpf-nocsr) \
  -c "$here/../header/Inputs/unchanged-libbpf.bpf.c" -o "$work/unchanged.bpf.o"
unchanged_pairs=$(bracket_pairs "$work/unchanged.bpf.o")
echo "unchanged libbpf source: bracket of $unchanged_pairs pairs around helper 8"
"$prefix/bin/nocsr-check" --kernel=latest "$work/unchanged.bpf.o" >"$work/unchanged.check"
grep -q "^target: kernel latest" "$work/unchanged.check" || fail "unchanged: no target line"

if [ "$kernel" = yes ]; then
  echo "== utils/example as a CMake project (object + skeleton in two calls)"
  cmake -S "$here/../../utils/example" -B "$work/example" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$tools/clang" >"$work/example.log"
  cmake --build "$work/example" >>"$work/example.log" ||
    { cat "$work/example.log"; fail "utils/example did not build"; }
  "$work/example/pcpu_counter" 100 | tee "$work/example.run"
  grep -q "result: retvals=0x020202 packets=300 " "$work/example.run" ||
    fail "utils/example: unexpected result"
fi

echo "== The kernel on the consumers' objects: $prefix/bin/nocsr-run --json"
set +e
"$prefix/bin/nocsr-run" --json "$obj" "$work/unchanged.bpf.o" >"$work/kernel.json"
rc=$?
set -e
if [ "$rc" -eq 77 ]; then
  echo "kernel check skipped: bpf() not permitted here"
else
  [ "$rc" -eq 0 ] || fail "nocsr-run exited $rc"
  python3 - "$work/kernel.json" <<'PY' || fail "kernel report: see above"
import json, sys
doc = json.load(open(sys.argv[1]))
progs = [p for o in doc.get("objects", [doc]) for p in o["programs"]]
assert progs, doc
for p in progs:
    b = p["brackets"]
    assert b["total"] >= 1 and b["removed"] == b["total"], p
    print("kernel: %s: %d/%d brackets removed" % (p["name"], b["removed"], b["total"]))
PY
fi
echo "consumers: PASS"
