; RUN: not %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-upstream-placement < %s -o /dev/null 2>&1 | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck=false -bpf-nocsr-upstream-placement < %s | FileCheck %s --check-prefix=UPSTREAM
; The self-check replays the kernel's rule on the final code. With the
; brackets placed as upstream places them (each from the top of the region)
; the 1-pair bracket sits at -8 while the subprogram's lowest store is -24:
; the kernel would not recognise it, and the self-check says so.
;
; CHECK: error: {{.*}}bpf-nocsr internal error: self-check failed in function 'mixed': pair 1 (r4) of the bracket around the call at instruction 'JAL 8, {{.*}}' is not at r10-24 (anchor r10-24)
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

