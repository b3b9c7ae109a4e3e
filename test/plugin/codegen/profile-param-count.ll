; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; REQUIRES: !native-bpf-fastcall
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; The program declares bpf_rdonly_cast with one parameter, the kernel's
; prototype has two: the kernel takes r1 and r2 as clobbered and would not
; accept r2 in a bracket. The profile table's count wins, so a is moved out
; of r2 (to r4) and the bracket holds r3 and r4 (anchor -16, r4 next to the
; call).
;
; CHECK-LABEL: profile_params:
; CHECK:      r4 = r2
; CHECK-NEXT: *(u64 *)(r10 - 8) = r3
; CHECK-NEXT: *(u64 *)(r10 - 16) = r4
; CHECK-NEXT: call bpf_rdonly_cast
; CHECK-NEXT: r4 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r3 = *(u64 *)(r10 - 8)
;
; #define __fc __attribute__((bpf_fastcall))
; extern __fc void *bpf_rdonly_cast(const void *) __attribute__((section(".ksyms")));
; extern long use(void *, long, long);
; long profile_params(void *p, long a, long b) {
;   void *k = bpf_rdonly_cast(p);
;   return use(k, a, b);
; }
;
target triple = "bpf"

define dso_local i64 @profile_params(ptr noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 {
  %4 = tail call ptr @bpf_rdonly_cast(ptr noundef %0) #3
  %5 = tail call i64 @use(ptr noundef %4, i64 noundef %1, i64 noundef %2) #4
  ret i64 %5
}

declare dso_local ptr @bpf_rdonly_cast(ptr noundef) local_unnamed_addr #1 section ".ksyms"

declare dso_local i64 @use(ptr noundef, i64 noundef, i64 noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #1 = { "bpf_fastcall" }
attributes #3 = { nounwind "bpf_fastcall" }
attributes #4 = { nounwind }

