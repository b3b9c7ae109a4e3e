// RUN: %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -S %s -o - -Rpass-missed=bpf-nocsr 2> %t.remarks | FileCheck %s
// RUN: FileCheck %s --check-prefixes=REMARK,%if multiline-remarks %{ML%} %else %{OL%} < %t.remarks
// Clang 14 prints a remark's second line on its first (OL), later clang
// below it (ML).
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -S %s -o - | FileCheck %s --check-prefix=ALWAYS
//
// Each eligible call keeps only the caller-saved registers that take values
// off r6-r9 where more values live across calls than r6-r9 hold.
//
// fits: a, b and c are live across the call; r6-r9 hold them without a
// spill, so keeping any caller-saved register could only add a bracket:
// none.
// two_calls, first call: a, b, c and the address of g are live across it:
// four values, r6-r9 again, no bracket. Second call: six values, two more
// than r6-r9. Without relaxation the allocator spills two of them (a store
// and a load each, on every kernel); kept in caller-saved registers they
// cost the same two pairs on old kernels and nothing on kernels that remove
// the bracket. The two that move are d and e, which cross the second call
// only (moving a, b or c would bracket the first call too). So exactly two
// pairs, at the bottom of the 2-slot region.
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
  // REMARK: relax-sizing.c:[[#@LINE-1]]:21: remark: call to helper 8 clobbers r0-r5 as without fastcall
  // ML-NEXT: {{^}}  3 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9 [-Rpass-missed=bpf-nocsr]
  // OL-SAME: {{ +}}3 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9 [-Rpass-missed=bpf-nocsr]
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
  // REMARK: relax-sizing.c:[[#@LINE-1]]:21: remark: call to helper 8 clobbers r0-r5 as without fastcall
  // ML-NEXT: {{^}}  4 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9
  // OL-SAME: {{ +}}4 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9
  unsigned long d = g[3] ^ t, e = g[4] ^ t;
  unsigned long u = get_cpu();
  // REMARK: relax-sizing.c:[[#@LINE-1]]:21: remark: call to helper 8 may keep r4, r5 across it
  // ML-NEXT: {{^}}  6 value(s) live across it: 0 in the argument register they are copied from or to, 2 off r6-r9 where they are full; the rest fit in r6-r9 [-Rpass-missed=bpf-nocsr]
  // OL-SAME: {{ +}}6 value(s) live across it: 0 in the argument register they are copied from or to, 2 off r6-r9 where they are full; the rest fit in r6-r9 [-Rpass-missed=bpf-nocsr]
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

