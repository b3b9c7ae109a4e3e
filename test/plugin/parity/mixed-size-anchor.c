// REQUIRES: clang-22
// RUN: %clang22 -target bpf -O2 -S -emit-llvm %s -o %t.ll
// RUN: %llc22 -march=bpfel -filetype=obj %t.ll -o %t.native.o
// RUN: %llc -load=%plugin -bpf-nocsr-relax-always -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -filetype=obj %t.ll -o %t.plugin.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.native.o | FileCheck %s --check-prefixes=COMMON,NATIVE
// RUN: %llvm-objdump -d --no-show-raw-insn %t.plugin.o | FileCheck %s --check-prefixes=COMMON,PLUGIN
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
//
// Where bracket sizes differ the plugin departs from upstream on purpose:
// upstream starts the 1-pair bracket at the top of the region (-8) while the
// subprogram's lowest store is -24, so the kernel recognises neither bracket;
// the plugin puts it at the anchor -24. Everything else is identical.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;

unsigned long mixed(unsigned long a, unsigned long b, unsigned long c) {
  unsigned long t = ((a ^ get_cpu()) * b) ^ c;
  return t + get_cpu();
}

// COMMON:      *(u64 *)(r10 - 0x8) = r1
// COMMON-NEXT: *(u64 *)(r10 - 0x10) = r2
// COMMON-NEXT: *(u64 *)(r10 - 0x18) = r3
// COMMON-NEXT: call 0x8
// COMMON-NEXT: r3 = *(u64 *)(r10 - 0x18)
// COMMON-NEXT: r2 = *(u64 *)(r10 - 0x10)
// COMMON-NEXT: r1 = *(u64 *)(r10 - 0x8)
// NATIVE:      *(u64 *)(r10 - 0x8) = r4
// NATIVE-NEXT: call 0x8
// NATIVE-NEXT: r4 = *(u64 *)(r10 - 0x8)
// PLUGIN:      *(u64 *)(r10 - 0x18) = r4
// PLUGIN-NEXT: call 0x8
// PLUGIN-NEXT: r4 = *(u64 *)(r10 - 0x18)
