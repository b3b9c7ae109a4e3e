// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o -Rpass=bpf-nocsr -Rpass-missed=bpf-nocsr 2>&1 | FileCheck %s
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o -fsave-optimization-record -foptimization-record-file=%t.yaml
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
//
// -Rpass=bpf-nocsr: each eligible call says what it kept and where its
// bracket sits; -fsave-optimization-record writes the same as records.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;

unsigned long two_calls(unsigned long a, unsigned long b, unsigned long c) {
  unsigned long t = ((a ^ get_cpu()) * b) ^ c;
  // CHECK: remarks.c:[[#@LINE-1]]:27: remark: call to helper 8 keeps 3 caller-saved registers (r1, r2, r3) live; bracket at r10-24..r10-8, anchored at the bottom of a 3-slot region below r10+0 [-Rpass=bpf-nocsr]
  return t + get_cpu();
  // CHECK: remarks.c:[[#@LINE-1]]:14: remark: call to helper 8 keeps 1 caller-saved register (r4) live; bracket at r10-24..r10-24, anchored at the bottom of a 3-slot region below r10+0 [-Rpass=bpf-nocsr]
}

unsigned long nothing_live(void) {
  return get_cpu() * 3;
  // CHECK: remarks.c:[[#@LINE-1]]:10: remark: call to helper 8 needs no bracket: no caller-saved register is live across it [-Rpass=bpf-nocsr]
}

// YAML:      --- !Passed
// YAML-NEXT: Pass: bpf-nocsr
// YAML-NEXT: Name: Bracketed
// YAML-NEXT: DebugLoc: { File: '{{.*}}remarks.c', Line: 12,
// The record may wrap here depending on the path's length.
// YAML:      Column: 27 }
// YAML-NEXT: Function: two_calls
// YAML:      KeptRegs: '3'
// YAML:      BracketBottom: r10-24

// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
