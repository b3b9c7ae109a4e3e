; RUN: not %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-upstream-placement < %s -o /dev/null 2>&1 | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck=false -bpf-nocsr-upstream-placement < %s | FileCheck %s --check-prefix=UPSTREAM
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; The self-check runs the checker's model of the verifier on the final code.
; With the brackets placed as upstream places them (each from the top of the
; region) the 1-pair bracket sits at -8 while the subprogram's lowest store is
; -24: the kernel matches none of it, and since its spill at -8 (insn 11) lies
; in the region [-24, 0) of the 3-pair bracket (insns 0-2 and 4-6 around the
; call at 3), the kernel keeps that one too. Insn numbers count the UPSTREAM
; listing below from 0.
;
; CHECK: error: {{.*}}bpf-nocsr internal error: self-check failed in function 'mixed': the kernel would keep the 3-pair bracket around the call to helper:8 at insn 3: direct stack access at r10-8 inside the fastcall region [-24, 0) is not a bracket spill/fill (insn 11); the kernel matches 0 pair(s) of the 1-pair bracket around the call to helper:8 at insn 12: pair 1 (r4) is at r10-8, the kernel wants it at r10-24 (lowest_off r10-24)
; UPSTREAM:      *(u64 *)(r10 - 8) = r4
; UPSTREAM-NEXT: call 8
; UPSTREAM-NEXT: r4 = *(u64 *)(r10 - 8)
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

