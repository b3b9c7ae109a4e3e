; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; Nothing is live across the call: no bracket, no stack access at all.
;
; CHECK-LABEL: no_live:
; CHECK-NOT:  r10
; CHECK:      call 8
; CHECK-NEXT: r0 *= 3
; CHECK-NEXT: exit
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long no_live(void) {
;   return get_cpu() * 3;
; }
;
target triple = "bpf"

define dso_local i64 @no_live() local_unnamed_addr #0 {
  %1 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %2 = mul i64 %1, 3
  ret i64 %2
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

