; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs < %s -stop-after=finalize-isel -o - | FileCheck %s
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-relax-always < %s -stop-after=finalize-isel -o - | FileCheck %s --check-prefix=ALWAYS
; REQUIRES: !native-bpf-fastcall
; On LLVM 19 JAL defines r0-r5. The kfunc call (one argument, non-void) must
; define r0 and r1. a and b are live across it, arrive in r2 and r3 and leave
; in r2 and r3 for use: the call keeps r2 and r3 and still defines r4 and r5,
; which no value needs. -bpf-nocsr-relax-always keeps r2-r5, as upstream
; does. The unmarked call to use keeps all six.
;
; CHECK-LABEL: name: args_excluded
; CHECK:      JAL @bpf_cast_to_kern_ctx, implicit-def $r0, implicit-def dead $r1, implicit-def dead $r4, implicit-def dead $r5, implicit $r11, implicit $r1{{$}}
; CHECK:      JAL @use, implicit-def $r0, implicit-def dead $r1, implicit-def dead $r2, implicit-def dead $r3, implicit-def dead $r4, implicit-def dead $r5,
;
; ALWAYS-LABEL: name: args_excluded
; ALWAYS:      JAL @bpf_cast_to_kern_ctx, implicit-def $r0, implicit-def dead $r1, implicit $r11, implicit $r1{{$}}
; ALWAYS:      JAL @use, implicit-def $r0, implicit-def dead $r1, implicit-def dead $r2, implicit-def dead $r3, implicit-def dead $r4, implicit-def dead $r5,
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
