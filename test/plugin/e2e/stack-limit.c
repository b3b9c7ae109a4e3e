// RUN: not %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -mllvm -bpf-nocsr-relax-always -c %s -o %t.o 2>&1 | FileCheck %s
//
// x and y are loaded from memory: -bpf-nocsr-relax-always makes the plugin
// relax the call (as upstream does) although that cannot save an instruction.
//
// 504 bytes of frame plus a 2-slot bracket region (x and y are live across
// helper 8) exceed the 512-byte stack: a clang error at the call naming the
// function and both sizes, no crash, no object.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;
extern void fill(char *);

unsigned long stack_limit(void) {
  char buf[504];
  fill(buf);
  unsigned long x = buf[0], y = buf[1];
  return (x ^ get_cpu()) * y;
  // CHECK: stack-limit.c:[[#@LINE-1]]:15: error: function 'stack_limit' needs a 504-byte frame plus a 16-byte bpf_fastcall bracket region, over the BPF stack limit of 512 bytes
}
