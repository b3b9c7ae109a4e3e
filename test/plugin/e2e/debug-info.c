// RUN: %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o
// RUN: %llvm-objdump -d -l --no-show-raw-insn %t.o | FileCheck %s
// RUN: bpftool btf dump file %t.o | FileCheck %s --check-prefix=BTF
//
// With -g every spill and fill carries the call's debug location, so the
// whole bracket is attributed to the call's line, and the BTF stays valid.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;
extern void use(unsigned long, unsigned long, unsigned long);

void with_lines(unsigned long a, unsigned long b) {
  unsigned long c = get_cpu();
  use(a, b, c);
}

// CHECK-LABEL: <with_lines>:
// CHECK:       debug-info.c:13
// CHECK-NEXT:  *(u64 *)(r10 - 0x8) = r1
// CHECK-NEXT:  *(u64 *)(r10 - 0x10) = r2
// CHECK-NEXT:  call 0x8
// CHECK-NEXT:  r2 = *(u64 *)(r10 - 0x10)
// CHECK-NEXT:  r1 = *(u64 *)(r10 - 0x8)
// CHECK-NEXT:  debug-info.c:14
// BTF: FUNC 'with_lines'
