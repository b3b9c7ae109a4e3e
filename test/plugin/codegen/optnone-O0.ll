; RUN: %llc -load=%plugin -march=bpfel -O0 -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks-missed=bpf-nocsr -pass-remarks=bpf-nocsr 2>&1 | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -O2 -verify-machineinstrs -bpf-nocsr-selfcheck < %s -pass-remarks-missed=bpf-nocsr -pass-remarks=bpf-nocsr 2>&1 | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -O2 -verify-machineinstrs < %s -stop-after=finalize-isel -o - | FileCheck %s --check-prefix=MIR
; REQUIRES: !native-bpf-fastcall
; At -O0 or in an optnone function the plugin does not relax (upstream
; relaxes without bracketing, which is wrong on kernels that do not inline
; the callee): the call keeps clobbering r0-r5, gets no bracket (values
; live across it are spilled by regalloc into frame slots as for any call),
; and a missed remark says why.
;
; CHECK: remark: {{.*}}call to bpf_cast_to_kern_ctx not relaxed: optimisation is disabled (-O0 or optnone)
; CHECK-NOT: remark: {{.*}}keeps
; MIR: JAL @bpf_cast_to_kern_ctx, implicit-def $r0, implicit-def dead $r1, implicit-def dead $r2, implicit-def dead $r3, implicit-def dead $r4, implicit-def dead $r5,
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; extern __fc void *bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));
; extern long use(void *, long, long);
; __attribute__((optnone, noinline)) long args_excluded(void *ctx, long a, long b) {
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

attributes #0 = { noinline nounwind optnone }
attributes #1 = { "bpf_fastcall" }
attributes #3 = { nounwind "bpf_fastcall" }
attributes #4 = { nounwind }
