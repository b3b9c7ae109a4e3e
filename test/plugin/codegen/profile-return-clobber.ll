; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; REQUIRES: !native-bpf-fastcall
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; The program declares bpf_cast_to_kern_ctx as returning void; the kernel's
; prototype returns a pointer, so the kernel takes r0 as clobbered and would
; not accept it in a bracket. The profile table wins: x (helper 8's result)
; leaves r0 for r3 before the kfunc call, whose bracket holds r2 and r3
; (anchor -16, r3 next to the call). Compare void-callee.ll, where an unknown
; void callee keeps r0.
;
; CHECK-LABEL: profile_void:
; CHECK:      call 8
; CHECK:      r3 = r0
; CHECK-NEXT: *(u64 *)(r10 - 8) = r2
; CHECK-NEXT: *(u64 *)(r10 - 16) = r3
; CHECK-NEXT: call bpf_cast_to_kern_ctx
; CHECK-NEXT: r3 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 8)
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern __fc void bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));
; unsigned long profile_void(void *ctx, unsigned long a) {
;   unsigned long x = get_cpu();
;   bpf_cast_to_kern_ctx(ctx);
;   return x * a;
; }
;
target triple = "bpf"

define dso_local i64 @profile_void(ptr noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = tail call i64 inttoptr (i64 8 to ptr)() #2
  tail call void @bpf_cast_to_kern_ctx(ptr noundef %0) #2
  %4 = mul i64 %3, %1
  ret i64 %4
}

declare dso_local void @bpf_cast_to_kern_ctx(ptr noundef) local_unnamed_addr #1 section ".ksyms"

attributes #0 = { nounwind }
attributes #1 = { "bpf_fastcall" }
attributes #2 = { nounwind "bpf_fastcall" }

