; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; Helper 5 is not marked: it clobbers r0-r5, so b (and the value needed
; after it) go to callee-saved registers and it gets no bracket. Helper 8
; next to it keeps a in r1 with a one-pair bracket at -8.
;
; CHECK-LABEL: non_eligible:
; CHECK:      r6 = r2
; CHECK-NEXT: *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: call 8
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK-NEXT: r7 = r0
; CHECK-NEXT: r7 ^= r1
; CHECK-NEXT: call 5
; CHECK-NEXT: r0 ^= r6
; CHECK-NOT:  r10
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; static unsigned long (*ktime)(void) = (void *)5;
; unsigned long non_eligible(unsigned long a, unsigned long b) {
;   unsigned long x = get_cpu();
;   unsigned long y = ktime();
;   return (a ^ x) * (b ^ y);
; }
;
target triple = "bpf"

define dso_local i64 @non_eligible(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %4 = tail call i64 inttoptr (i64 5 to ptr)() #2
  %5 = xor i64 %3, %0
  %6 = xor i64 %4, %1
  %7 = mul i64 %6, %5
  ret i64 %7
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }
attributes #2 = { nounwind }

