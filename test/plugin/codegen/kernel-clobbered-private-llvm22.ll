; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks=bpf-nocsr 2>&1 | FileCheck %s
; REQUIRES: llvm-22
; -bpf-nocsr-relax-always keeps upstream's relaxed mask, whose brackets this
; test pins (without it the plugin clobbers these calls as on LLVM 19).
; Helper 8 declared void through a second pointer: LLVM 22 keeps x in r0
; across that call, but the kernel's prototype returns a value, so it would
; not accept r0 in the bracket, and an unmatched r0 pair inside the region
; would make it keep every bracket of the function. r0 gets a private slot
; above the region (-8); the region (anchor -16) holds only r1's pair of the
; first call. (LLVM 19: the plugin clobbers r0 for such calls instead, see
; profile-return-clobber.ll.)
;
; CHECK: remark: {{.*}}call to helper 8 keeps 1 caller-saved register (r1) live; bracket at r10-16..r10-16, anchored at the bottom of a 1-slot region below r10-8
; CHECK: remark: {{.*}}call to helper 8 keeps 1 caller-saved register (r0) live; r0 in slots above the region from r10-8, since the kernel's prototype of the callee clobbers them
; CHECK-LABEL: helper_void:
; CHECK:      *(u64 *)(r10 - 16) = r1
; CHECK-NEXT: call 8
; CHECK-NEXT: r1 = *(u64 *)(r10 - 16)
; CHECK:      *(u64 *)(r10 - 8) = r0
; CHECK-NEXT: call 8
; CHECK-NEXT: r0 = *(u64 *)(r10 - 8)
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; static __fc void (*cpu_void)(void) = (void *)8;
; unsigned long helper_void(unsigned long a) {
;   unsigned long x = get_cpu();
;   cpu_void();
;   return x * a;
; }
;
target triple = "bpf"

define dso_local i64 @helper_void(i64 noundef %0) local_unnamed_addr #0 {
  %2 = tail call i64 inttoptr (i64 8 to ptr)() #1
  tail call void inttoptr (i64 8 to ptr)() #1
  %3 = mul i64 %2, %0
  ret i64 %3
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

