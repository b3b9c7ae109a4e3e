; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; Two calls keeping 3 and 1 registers. The region holds 3 slots below
; r10+0, anchor -24. First call: r3 at -24 (next to the call), r2 at -16,
; r1 at -8. Second call: its only pair also at the anchor -24 (upstream would
; put it at -8, and the kernel would then remove neither bracket).
;
; CHECK-LABEL: mixed:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: *(u64 *)(r10 - 24) = r3
; CHECK-NEXT: call 8
; CHECK-NEXT: r3 = *(u64 *)(r10 - 24)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK:      *(u64 *)(r10 - 24) = r4
; CHECK-NEXT: call 8
; CHECK-NEXT: r4 = *(u64 *)(r10 - 24)
; CHECK-NOT:  r10
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long mixed(unsigned long a, unsigned long b, unsigned long c) {
;   unsigned long t = ((a ^ get_cpu()) * b) ^ c;
;   return t + get_cpu();
; }
;
target triple = "bpf"

define dso_local i64 @mixed(i64 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 {
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = xor i64 %4, %0
  %6 = mul i64 %5, %1
  %7 = xor i64 %6, %2
  %8 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %9 = add i64 %7, %8
  ret i64 %9
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

