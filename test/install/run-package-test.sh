#!/usr/bin/env bash
# Build the Debian package of BUILD_DIR with cpack, check its name, Depends
# (the tools' libraries, no plugin's LLVM), Recommends (the clangs)
# and contents (the plugin of every LLVM in LLVM_MAJORS, per-LLVM
# directories), run lintian (no errors) where it is installed, unpack it
# with dpkg-deb -x into a temporary root, check the unpacked tools'
# --version and man pages, that each unpacked plugin loads into its clang,
# and build the consumers against the unpacked tree (check-consumers.sh:
# the plugin brackets helper 8, the kernel removes the bracket).
# Usage: run-package-test.sh BUILD_DIR WORK_DIR LLVM_TOOLS_DIR VERSION
#                            "LLVM_MAJORS"
set -euo pipefail
build=$1 work=$2 tools=$3 version=$4 majors=$5
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "package test: FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
echo "== cpack -G DEB ($build)"
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$work/pkg/bpf-nocsr_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb: $(ls "$work/pkg")"

depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "Depends: $depends"
echo "Recommends: $recommends"
has_dep() { [[ ", $depends," == *", $1 "* || ", $depends," == *", $1,"* ]]; }
# The tools link this build's libLLVM; a plugin's LLVM comes with its clang.
tools_major=$("$tools/llvm-config" --version | cut -d. -f1)
has_dep "libllvm$tools_major" || fail "Depends lacks libllvm$tools_major"
for major in $majors; do
  [[ " $recommends |" == *" clang-$major |"* ]] ||
    fail "Recommends lacks clang-$major"
  [ "$major" = "$tools_major" ] && continue
  for lib in "libllvm$major" "libclang-cpp$major"; do
    ! has_dep "$lib" || fail "Depends drags in $lib"
  done
done
[[ "$depends" == *libbpf1* ]] || fail "Depends lacks libbpf1"

dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >"$work/contents"
expect=(usr/bin/nocsr-check usr/bin/nocsr-annotate usr/bin/nocsr-run
        usr/include/bpf_nocsr.h usr/include/bpf_nocsr/Version.h
        usr/lib/cmake/BPFNoCSR/BPFNoCSRConfig.cmake
        usr/lib/pkgconfig/bpf-nocsr.pc
        usr/share/doc/bpf-nocsr/copyright usr/share/doc/bpf-nocsr/changelog.gz
        usr/share/man/man1/nocsr-check.1.gz usr/share/man/man1/nocsr-run.1.gz
        usr/share/man/man1/nocsr-annotate.1.gz usr/share/man/man7/bpf-nocsr.7.gz
        usr/share/doc/bpf-nocsr/nocsr-check.schema.json
        usr/share/doc/bpf-nocsr/README.md)
for major in $majors; do
  expect+=("usr/lib/bpf-nocsr/llvm-$major/BPFNoCSR.so")
done
for f in "${expect[@]}"; do
  grep -qx "$f" "$work/contents" || fail "$f is not in the package"
done
headers=$(grep '^usr/include/.*[^/]$' "$work/contents" | sort | xargs)
[ "$headers" = "usr/include/bpf_nocsr.h usr/include/bpf_nocsr/Version.h" ] ||
  fail "headers in the package: $headers; expected the public ones only"
[ "$(grep -c '/BPFNoCSR\.so$' "$work/contents")" -eq "$(wc -w <<<"$majors")" ] ||
  fail "other plugins in the package: $(grep BPFNoCSR.so "$work/contents")"

if command -v lintian >/dev/null; then
  echo "== lintian"
  lintian --fail-on error "$deb" 2>&1 | grep -v 'root privileges' |
    tee "$work/lintian.log" || true
  ! grep -q '^E:' "$work/lintian.log" || fail "lintian reports errors"
else
  echo "lintian not installed: not run"
fi

root=$work/root
dpkg-deb -x "$deb" "$root"
prefix=$root/usr
for tool in nocsr-check nocsr-annotate nocsr-run; do
  "$prefix/bin/$tool" --version | head -1 | grep -qx "$tool (bpf-nocsr) $version" ||
    fail "$tool --version: $("$prefix/bin/$tool" --version)"
  zcat "$prefix/share/man/man1/$tool.1.gz" | grep -q "^\.TH ${tool^^} \"1\" .*\"bpf-nocsr $version\"" ||
    fail "$tool.1: no man page header for $version"
done

# Each plugin loads into the clang pkg-config names for it.
# The .pc names /usr; unpacked elsewhere, pkg-config derives the prefix
# from where the file is (README: "With Make").
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG="pkg-config --define-prefix"
echo 'int f(void) { return 0; }' >"$work/empty.c"
for major in $majors; do
  plugin=$($PKG_CONFIG --variable="plugin_llvm$major" bpf-nocsr)
  clang=$($PKG_CONFIG --variable="clang_llvm$major" bpf-nocsr)
  [ "$(readlink -f "$plugin")" = "$(readlink -f "$prefix/lib/bpf-nocsr/llvm-$major/BPFNoCSR.so")" ] ||
    fail "plugin_llvm$major is $plugin"
  [ -x "$clang" ] || { echo "$clang not installed: plugin $major not loaded"; continue; }
  "$clang" -target bpf -O2 -fplugin="$plugin" -fplugin-arg-BPFNoCSR-version \
    -c "$work/empty.c" -o "$work/empty-$major.o" 2>"$work/load-$major.log" ||
    { cat "$work/load-$major.log"; fail "plugin $major does not load into $clang"; }
  grep -q "remark: plugin BPFNoCSR version $version, built with LLVM $major\." \
    "$work/load-$major.log" || fail "plugin $major: $(cat "$work/load-$major.log")"
  echo "plugin llvm-$major loads into $clang"
  # find_package(BPFNoCSR) with BPFNoCSR_USE_LLVM picks the same pair.
  cmake -S "$here/consumer" -B "$work/consumer-llvm$major" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$clang" \
    -DBPFNoCSR_USE_LLVM="$major" >"$work/consumer-llvm$major.log" ||
    { cat "$work/consumer-llvm$major.log"; fail "CMake consumer for LLVM $major"; }
  grep -q "BPFNoCSR_PLUGIN=$prefix/lib/bpf-nocsr/llvm-$major/BPFNoCSR.so" \
    "$work/consumer-llvm$major.log" || fail "BPFNoCSR_USE_LLVM=$major: wrong plugin"
  grep -q "BPFNoCSR_CLANG=$clang\$" "$work/consumer-llvm$major.log" ||
    fail "BPFNoCSR_USE_LLVM=$major: wrong clang"
  cmake --build "$work/consumer-llvm$major" >>"$work/consumer-llvm$major.log" ||
    { cat "$work/consumer-llvm$major.log"; fail "CMake consumer for LLVM $major: build"; }
done

# The system's default clang with pkg-config's flags alone (Debian 12:
# clang-14, whose plugin the package carries when built with it): a bracket
# around helper 8, which the running kernel removes.
default_major=$($PKG_CONFIG --variable=llvm_version bpf-nocsr)
if [ -x /usr/bin/clang ] &&
   /usr/bin/clang --version | grep -q "clang version $default_major\."; then
  echo "== /usr/bin/clang (LLVM $default_major) -target bpf \$(pkg-config --cflags bpf-nocsr)"
  /usr/bin/clang -target bpf -O2 -g -I/usr/include/"$(uname -m)"-linux-gnu \
    $($PKG_CONFIG --cflags bpf-nocsr) -c "$here/consumer/counter.bpf.c" \
    -o "$work/default-clang.bpf.o"
  "$tools/llvm-objdump" -d --no-show-raw-insn "$work/default-clang.bpf.o" |
    grep -B1 'call 0x8' | grep -q '\*(u64 \*)(r10 - 0x[0-9a-f]*) = r[1-5]$' ||
    fail "default clang: no bracket around helper 8"
  if python3 "$here/../../utils/scripts/bpf_probe.py" >/dev/null; then
    "$prefix/bin/nocsr-run" "$work/default-clang.bpf.o" | tee "$work/default-clang.run"
    grep -q 'brackets: [1-9][0-9]* total, [1-9][0-9]* removed, 0 kept' \
      "$work/default-clang.run" || fail "default clang: the kernel keeps brackets"
  fi
else
  echo "/usr/bin/clang is not LLVM $default_major: default-clang check not run"
fi

# The consumers build with this build's clang: pkg-config's default plugin
# and clang are overridden with this build's.
PKG_CONFIG="$PKG_CONFIG --define-variable=llvm_version=$tools_major"
PKG_CONFIG+=" --define-variable=plugin=$($PKG_CONFIG --variable=plugin_llvm$tools_major bpf-nocsr)"
PKG_CONFIG+=" --define-variable=clang=$($PKG_CONFIG --variable=clang_llvm$tools_major bpf-nocsr)"
export PKG_CONFIG
"$here/check-consumers.sh" "$prefix" "$work/consumers" "$tools"
echo "package test: PASS"
