// A plugin loaded into a clang of another LLVM version says so in one line
// naming both versions and stops the compiler, instead of crashing or
// silently doing nothing (plugin/frontend/HostVersionCheck.cpp).
//
// REQUIRES: other-clang
// RUN: not %other_clang -target bpf -fsyntax-only -fplugin=%plugin %s 2>&1 \
// RUN:   | FileCheck %s -DMAJOR=%llvm_major -DOTHER=%other_major
// RUN: not %other_clang -target bpf -fsyntax-only -fplugin=%plugin %s 2>&1 \
// RUN:   | count 1

// CHECK: error: BPFNoCSR plugin built for LLVM [[MAJOR]] cannot be loaded into clang [[OTHER]]: use the plugin built for LLVM [[OTHER]] (/usr/lib/bpf-nocsr/llvm-[[OTHER]]/BPFNoCSR.so or `pkg-config --variable=plugin_llvm[[OTHER]] bpf-nocsr`)

int x;
