#!/usr/bin/env bash
# Install BUILD_DIR into WORK_DIR/prefix, then build a CMake consumer
# (find_package + bpf_nocsr_add_bpf_object) and a Make consumer (pkg-config)
# against it, and check what they produced (check-consumers.sh).
# Usage: run-install-test.sh BUILD_DIR WORK_DIR LLVM_TOOLS_DIR
set -euo pipefail
build=$1 work=$2 tools=$3
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "install test: FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"

libdir=$(cd "$prefix" && dirname "$(find . -path '*/pkgconfig/bpf-nocsr.pc')")
libdir=${libdir%/pkgconfig}
libdir=${libdir#./}
major=$("$tools/llvm-config" --version | cut -d. -f1)
for f in "$libdir/bpf-nocsr/llvm-$major/BPFNoCSR.so" bin/nocsr-check bin/nocsr-annotate \
         include/bpf_nocsr.h include/bpf_nocsr/Version.h \
         "$libdir/cmake/BPFNoCSR/BPFNoCSRConfig.cmake" \
         "$libdir/cmake/BPFNoCSR/BPFNoCSRConfigVersion.cmake" \
         "$libdir/pkgconfig/bpf-nocsr.pc" \
         share/man/man1/nocsr-check.1.gz share/man/man1/nocsr-run.1.gz \
         share/man/man1/nocsr-annotate.1.gz share/man/man7/bpf-nocsr.7.gz \
         share/doc/bpf-nocsr/nocsr-check.schema.json share/doc/bpf-nocsr/README.md \
         "$libdir/cmake/BPFNoCSR/BPFNoCSRGenSkeleton.cmake"; do
  [ -e "$prefix/$f" ] || fail "$f was not installed"
done
# The public headers only (README, "Installed layout").
installed=$(cd "$prefix/include" && find . -type f | sed 's|^\./||' | sort | xargs)
[ "$installed" = "bpf_nocsr.h bpf_nocsr/Version.h" ] ||
  fail "installed headers: $installed; expected bpf_nocsr.h bpf_nocsr/Version.h"
cmp "$prefix/include/bpf_nocsr.h" "$here/../../include/bpf_nocsr.h" ||
  fail "installed bpf_nocsr.h differs from the source tree's"

# --help points to the installed documentation.
"$prefix/bin/nocsr-check" --help | grep -qx "  $prefix/share/doc/bpf-nocsr/nocsr-check.schema.json" ||
  fail "nocsr-check --help does not name the installed schema"

# `cmake --install` of one build installs its own plugin only, while the
# .pc's default plugin is the system clang's (where the build packages it,
# BPF_NOCSR_EXTRA_PLUGIN_BUILDS): the consumers use this build's.
tools_major=$("$tools/llvm-config" --version | cut -d. -f1)
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
pc="pkg-config --define-variable=llvm_version=$tools_major"
pc+=" --define-variable=plugin=$(pkg-config --variable=plugin_llvm$tools_major bpf-nocsr)"
pc+=" --define-variable=clang=$(pkg-config --variable=clang_llvm$tools_major bpf-nocsr)"
export PKG_CONFIG=$pc
"$here/check-consumers.sh" "$prefix" "$work" "$tools"
echo "install test: PASS"
