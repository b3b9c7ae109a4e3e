; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; One eligible call with a and b live in r1, r2 across it. No frame objects:
; region top r10+0, 2 pairs, anchor -16. Pair next to the call = highest
; register (r2) at the anchor, r1 above it; fills mirror the spills. This is
; also exactly what clang-22 emits for a one-bracket function.
;
; CHECK-LABEL: one_call:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK-NEXT: r3 = r0
; CHECK-NEXT: call use
; CHECK-NOT:  r10
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern void use(unsigned long, unsigned long, unsigned long);
; void one_call(unsigned long a, unsigned long b) {
;   unsigned long c = get_cpu();
;   use(a, b, c);
; }
;
target triple = "bpf"

define dso_local void @one_call(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = tail call i64 inttoptr (i64 8 to ptr)() #2
  tail call void @use(i64 noundef %0, i64 noundef %1, i64 noundef %3) #3
  ret void
}

declare dso_local void @use(i64 noundef, i64 noundef, i64 noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #2 = { nounwind "bpf_fastcall" }
attributes #3 = { nounwind }

