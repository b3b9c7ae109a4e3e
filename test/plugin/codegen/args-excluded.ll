; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; The kfunc takes one argument, so it clobbers r0 and r1: ctx (r1) is not
; kept, a and b stay in r2 and r3. 2 slots, anchor -16, r3 next to the call.
;
; CHECK-LABEL: args_excluded:
; CHECK-NOT:  = r1
; CHECK:      *(u64 *)(r10 - 8) = r2
; CHECK-NEXT: *(u64 *)(r10 - 16) = r3
; CHECK-NEXT: call bpf_cast_to_kern_ctx
; CHECK-NEXT: r3 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 8)
; CHECK-NEXT: r1 = r0
; CHECK-NEXT: call use
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; extern __fc void *bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));
; extern long use(void *, long, long);
; long args_excluded(void *ctx, long a, long b) {
;   void *k = bpf_cast_to_kern_ctx(ctx);
;   return use(k, a, b);
; }
;
target triple = "bpf"

define dso_local i64 @args_excluded(ptr noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 {
  %4 = tail call ptr @bpf_cast_to_kern_ctx(ptr noundef %0) #3
  %5 = tail call i64 @use(ptr noundef %4, i64 noundef %1, i64 noundef %2) #4
  ret i64 %5
}

declare dso_local ptr @bpf_cast_to_kern_ctx(ptr noundef) local_unnamed_addr #1 section ".ksyms"

declare dso_local i64 @use(ptr noundef, i64 noundef, i64 noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #1 = { "bpf_fastcall" }
attributes #3 = { nounwind "bpf_fastcall" }
attributes #4 = { nounwind }

