// REQUIRES: !native-bpf-fastcall
// RUN: %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o -Rpass-missed=bpf-nocsr 2>&1 | FileCheck %s
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=OBJ
//
// An attributed call through a pointer that is not a constant is a callx:
// not eligible, with a warning and a missed remark at the call. It stays a
// normal call (a moves to a callee-saved register, no bracket). On LLVM 22
// relaxation is upstream's, which relaxes callx too; the bracket pass then
// brackets it like any other call.

typedef unsigned long (*fn_t)(void);

unsigned long callx(unsigned long a, unsigned long p) {
  __attribute__((bpf_fastcall)) fn_t f = (fn_t)p;
  return f() ^ a;
  // CHECK: callx-warning.c:[[#@LINE-1]]:10: warning: bpf_fastcall call through a non-constant pointer (callx) is not eligible; it clobbers r0-r5
  // CHECK: callx-warning.c:[[#@LINE-2]]:10: remark: call through a non-constant pointer not relaxed: an indirect call (callx) cannot be fastcall [-Rpass-missed=bpf-nocsr]
}

// OBJ:     r6 = r1
// OBJ-NOT: r10
// Before LLVM 19 the back end encodes callx's register in the immediate
// field, where llvm-objdump >= 19 does not look for it.
// OBJ:     callx r{{[02]}}
