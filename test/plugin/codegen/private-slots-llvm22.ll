; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks=bpf-nocsr 2>&1 | FileCheck %s
; REQUIRES: llvm-22
; -bpf-nocsr-relax-always keeps upstream's relaxed mask, whose brackets this
; test pins (without it the plugin clobbers these calls as on LLVM 19).
; LLVM >= 20 relaxes marked BPF-to-BPF calls too. No kernel removes their
; brackets, and an access inside the fastcall region would make the kernel
; keep every bracket of the subprogram, so the bracket around local gets a
; private slot right below the frame (-8) and the region for helper 8 starts
; below it: 2 pairs, anchor -24, r2 next to the call. (On LLVM 19 the plugin
; does not relax such calls at all, see subprogram-callee.ll.)
;
; CHECK: remark: {{.*}}call to local keeps 1 caller-saved register (r2) live; no kernel removes a bracket around a BPF-to-BPF or indirect call, so it gets slots above the region, at r10-8
; CHECK: remark: {{.*}}call to helper 8 keeps 2 caller-saved registers (r1, r2) live; bracket at r10-24..r10-16, anchored at the bottom of a 2-slot region below r10-8
; CHECK-LABEL: private_slots:
; CHECK:      *(u64 *)(r10 - 8) = r2
; CHECK-NEXT: call local
; CHECK-NEXT: r2 = *(u64 *)(r10 - 8)
; CHECK:      *(u64 *)(r10 - 16) = r1
; CHECK-NEXT: *(u64 *)(r10 - 24) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 24)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 16)
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; static __fc __attribute__((noinline)) unsigned long local(unsigned long x) {
;   return x * 7;
; }
; unsigned long private_slots(unsigned long a, unsigned long b) {
;   unsigned long x = local(a) ^ b;
;   return (x ^ get_cpu()) * b;
; }
;
target triple = "bpf"

define dso_local i64 @private_slots(i64 noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = tail call fastcc i64 @local(i64 noundef %0) #2
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #3
  %5 = xor i64 %3, %4
  %6 = xor i64 %5, %1
  %7 = mul i64 %6, %1
  ret i64 %7
}

define internal fastcc noundef i64 @local(i64 noundef %0) unnamed_addr #1 {
  %2 = mul i64 %0, 7
  ret i64 %2
}

attributes #0 = { nounwind }
attributes #1 = { noinline nounwind "bpf_fastcall" }
attributes #2 = { "bpf_fastcall" }
attributes #3 = { nounwind "bpf_fastcall" }

