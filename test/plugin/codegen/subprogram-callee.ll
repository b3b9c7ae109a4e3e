; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks-missed=bpf-nocsr 2>&1 | FileCheck %s
; REQUIRES: !native-bpf-fastcall
; A marked function defined in the module is a BPF-to-BPF call: no kernel
; treats it as fastcall, and a bracket around it would count as a stray
; access to the region, costing the subprogram all its other brackets. It is
; left unrelaxed (b goes to r6, no bracket) with a missed remark.
;
; CHECK: remark: {{.*}}call to local not relaxed: it is a BPF subprogram, not a helper or kfunc, so no kernel treats it as fastcall
; CHECK-LABEL: subprogram_callee:
; CHECK:      r6 = r2
; CHECK-NEXT: call local
; CHECK-NEXT: r0 ^= r6
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc __attribute__((noinline)) unsigned long local(unsigned long x) {
;   return x * 7;
; }
; unsigned long subprogram_callee(unsigned long a, unsigned long b) {
;   return local(a) ^ b;
; }
;
target triple = "bpf"

define dso_local noundef i64 @subprogram_callee(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = tail call fastcc i64 @local(i64 noundef %0) #2
  %4 = xor i64 %3, %1
  ret i64 %4
}

define internal fastcc noundef i64 @local(i64 noundef %0) unnamed_addr #1 {
  %2 = mul i64 %0, 7
  ret i64 %2
}

attributes #0 = { nounwind }
attributes #1 = { noinline nounwind "bpf_fastcall" }
attributes #2 = { "bpf_fastcall" }

