// RUN: %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -S %s -o - -Rpass-missed=bpf-nocsr 2> %t.remarks | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -S %s -o - | FileCheck %s --check-prefix=ALWAYS
// RUN: %clang %bpf_cflags -fplugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
//
// The relaxation of each eligible call is chosen by trial compiles.
//
// fits: a, b and c are live across the call; r6-r9 hold them without a
// spill, so keeping any caller-saved register could only add a bracket:
// none.
// two_calls, first call: a, b, c and the address of g are live across it:
// four values, r6-r9 again, no bracket. Second call: a, b, c, d, e and t:
// six values, two more than r6-r9. Without relaxation the allocator spills
// two of them (a store and a load each, on every kernel); kept in
// caller-saved registers they cost the same two pairs on old kernels and
// nothing on kernels that remove the bracket. So exactly two pairs, at the
// bottom of the 2-slot region.
// -bpf-nocsr-relax-always keeps every register the contract allows and
// brackets all three calls.

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;
unsigned long g[8];

// CHECK-LABEL: fits:
// CHECK-NOT:   r10
// CHECK:       call 8
// CHECK-NOT:   r10
// CHECK:       exit
unsigned long fits(void) {
  unsigned long a = g[0], b = g[1], c = g[2];
  unsigned long t = get_cpu();
  // REMARK: relax-search.c:[[#@LINE-1]]:21: remark: call to helper 8 not relaxed: of the 3 value(s) live across it 0 stay in the argument register they are copied from or to, 3 fit in r6-r9, 0 need another register; chosen by trial compiles ({{[0-9]+}} trials; kernels that remove brackets run [[N:[0-9]+]] instructions of this function, kernels that keep them [[N]]; relaxing nothing: [[N]]/[[N]], relaxing every register: [[N]]/{{[0-9]+}})
  return (a ^ t) * b + c;
}

// CHECK-LABEL: two_calls:
// CHECK-NOT:   r10
// CHECK:       call 8
// CHECK-NOT:   r10
// CHECK:       *(u64 *)(r10 - 8) = r[[A:[1-5]]]
// CHECK:       *(u64 *)(r10 - 16) = r[[B:[1-5]]]
// CHECK:       call 8
// CHECK:       r[[B]] = *(u64 *)(r10 - 16)
// CHECK:       r[[A]] = *(u64 *)(r10 - 8)
// CHECK-NOT:   r10
// CHECK:       exit
unsigned long two_calls(void) {
  unsigned long a = g[0], b = g[1], c = g[2];
  unsigned long t = get_cpu();
  // REMARK: relax-search.c:[[#@LINE-1]]:21: remark: call to helper 8 not relaxed: of the 4 value(s) live across it
  unsigned long d = g[3] ^ t, e = g[4] ^ t;
  unsigned long u = get_cpu();
  // REMARK: relax-search.c:[[#@LINE-1]]:21: remark: call to helper 8 relaxed for 2 of 5 caller-saved registers (r{{[1-5]}}, r{{[1-5]}}): of the 6 value(s) live across it 0 stay in the argument register they are copied from or to, 4 fit in r6-r9, 2 need another register; chosen by trial compiles
  return (a ^ u) * b + (c ^ u) * d + e;
}

// ALWAYS-LABEL: fits:
// ALWAYS:       *(u64 *)(r10 - 24) = r{{[1-5]}}
// ALWAYS:       call 8
// ALWAYS-LABEL: two_calls:
// ALWAYS:       *(u64 *)(r10 - 32) = r{{[1-5]}}
// ALWAYS:       call 8
// ALWAYS:       *(u64 *)(r10 - 32) = r{{[1-5]}}
// ALWAYS:       call 8

// The choice travels in the IR, for llc: one mask per call (r4+r5 = 48).
// IR: define {{.*}} @fits() {{.*}}#[[FITS:[0-9]+]]
// IR: define {{.*}} @two_calls() {{.*}}#[[TWO:[0-9]+]]
// IR-DAG: attributes #[[FITS]] = { {{.*}}"nocsr-kept"="0"
// IR-DAG: attributes #[[TWO]] = { {{.*}}"nocsr-kept"="0,{{[0-9]+}}"
