// REQUIRES: clang-22
// RUN: %clang22 -target bpf -O2 -mcpu=v3 -c %s -o %t.native.o
// RUN: %clang -target bpf -O2 -mcpu=v3 -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.plugin.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.native.o | tail -n +3 > %t.native.s
// RUN: %llvm-objdump -d --no-show-raw-insn %t.plugin.o | tail -n +3 > %t.plugin.s
// RUN: diff %t.native.s %t.plugin.s
// RUN: grep 'r10 -' %t.plugin.s | count 24
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
//
// Parity from C: clang-22 with native bpf_fastcall and clang with the plugin
// (its attributes, IR marking and machine passes) compile functions with one
// bracket size to identical instructions.

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
