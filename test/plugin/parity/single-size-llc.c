// REQUIRES: clang-22
// RUN: %clang22 -target bpf -O2 -mcpu=v3 -S -emit-llvm %s -o %t.ll
// RUN: %llc22 -march=bpfel -mcpu=v3 -filetype=obj %t.ll -o %t.native.o
// RUN: %llc -load=%plugin -bpf-nocsr-relax-always -march=bpfel -mcpu=v3 -verify-machineinstrs -bpf-nocsr-selfcheck -filetype=obj %t.ll -o %t.plugin.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.native.o | tail -n +3 > %t.native.s
// RUN: %llvm-objdump -d --no-show-raw-insn %t.plugin.o | tail -n +3 > %t.plugin.s
// RUN: diff %t.native.s %t.plugin.s
// RUN: grep 'r10 -' %t.plugin.s | count 24
//
// Parity with upstream: the same IR (from clang-22) through llc-22's native
// bpf_fastcall and through llc + the plugin gives instruction-for-instruction
// identical objects wherever every bracket in a function has the same size
// (there the top- and bottom-anchored placements coincide). 12 pairs in all,
// so the comparison is not vacuous. The same holds with -mcpu=v1 below.
// RUN: %clang22 -target bpf -O2 -mcpu=v1 -S -emit-llvm %s -o %t.v1.ll
// RUN: %llc22 -march=bpfel -mcpu=v1 -filetype=obj %t.v1.ll -o %t.v1.native.o
// RUN: %llc -load=%plugin -bpf-nocsr-relax-always -march=bpfel -mcpu=v1 -verify-machineinstrs -bpf-nocsr-selfcheck -filetype=obj %t.v1.ll -o %t.v1.plugin.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.v1.native.o | tail -n +3 > %t.v1.native.s
// RUN: %llvm-objdump -d --no-show-raw-insn %t.v1.plugin.o | tail -n +3 > %t.v1.plugin.s
// RUN: diff %t.v1.native.s %t.v1.plugin.s
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;
extern __fc void *bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));
extern __fc void vfunc(void) __attribute__((section(".ksyms")));
extern void use(unsigned long, unsigned long, unsigned long);
extern long use_ptr(void *, long, long);

void one_call(unsigned long a, unsigned long b) {
  unsigned long c = get_cpu();
  use(a, b, c);
}

long kfunc_args(void *ctx, long a, long b) {
  return use_ptr(bpf_cast_to_kern_ctx(ctx), a, b);
}

unsigned long void_callee(unsigned long a) {
  unsigned long x = get_cpu();
  vfunc();
  return x * a;
}

unsigned long same_size(unsigned long a, unsigned long b) {
  unsigned long x = get_cpu() ^ a;
  unsigned long y = get_cpu() ^ b;
  return x * y;
}

static __attribute__((noinline)) unsigned long sub(unsigned long a) {
  return get_cpu() ^ a;
}

unsigned long caller(unsigned long a, unsigned long b) {
  return sub(a) + get_cpu() * b;
}
