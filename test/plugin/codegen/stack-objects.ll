; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s | FileCheck %s
; x and y are loaded from memory, so relaxing could not save an instruction
; and the plugin would leave the call alone; -bpf-nocsr-relax-always relaxes
; it as upstream does, to exercise the region next to frame objects.
; buf[12] sits at r10-12; the region starts below it, rounded down to a
; slot: top -16. 2 pairs: anchor -32, r2 next to the call at -32, r1 at -24.
;
; CHECK-LABEL: stack_objects:
; CHECK:      r1 += -12
; CHECK-NEXT: call fill
; CHECK:      *(u64 *)(r10 - 24) = r1
; CHECK-NEXT: *(u64 *)(r10 - 32) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 32)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 24)
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern void fill(char *);
; unsigned long stack_objects(void) {
;   char buf[12];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return (x ^ get_cpu()) * y;
; }
;
target triple = "bpf"

define dso_local i64 @stack_objects() local_unnamed_addr #0 {
  %1 = alloca [12 x i8], align 1
  call void @fill(ptr noundef nonnull %1) #3
  %2 = load i8, ptr %1, align 1
  %3 = sext i8 %2 to i64
  %4 = getelementptr inbounds i8, ptr %1, i64 1
  %5 = load i8, ptr %4, align 1
  %6 = sext i8 %5 to i64
  %7 = call i64 inttoptr (i64 8 to ptr)() #4
  %8 = xor i64 %7, %3
  %9 = mul i64 %8, %6
  ret i64 %9
}

declare dso_local void @fill(ptr noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #1 = { nounwind }
attributes #3 = { nounwind }
attributes #4 = { nounwind "bpf_fastcall" }

