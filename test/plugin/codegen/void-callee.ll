; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; vfunc returns void, so it does not clobber r0: x (the helper result) stays
; in r0 across it and r0 is bracketed. a stays in r1 across helper 8.
; One slot per bracket: both at -8.
;
; CHECK-LABEL: void_callee:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: call 8
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK-NEXT: r0 *= r1
; CHECK-NEXT: *(u64 *)(r10 - 8) = r0
; CHECK-NEXT: call vfunc
; CHECK-NEXT: r0 = *(u64 *)(r10 - 8)
; CHECK-NEXT: exit
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern __fc void vfunc(void) __attribute__((section(".ksyms")));
; unsigned long void_callee(unsigned long a) {
;   unsigned long x = get_cpu();
;   vfunc();
;   return x * a;
; }
;
target triple = "bpf"

define dso_local i64 @void_callee(i64 noundef %0) local_unnamed_addr #0 {
  %2 = tail call i64 inttoptr (i64 8 to ptr)() #2
  tail call void @vfunc() #2
  %3 = mul i64 %2, %0
  ret i64 %3
}

declare dso_local void @vfunc() local_unnamed_addr #1 section ".ksyms"

attributes #0 = { nounwind }
attributes #1 = { "bpf_fastcall" }
attributes #2 = { nounwind "bpf_fastcall" }

