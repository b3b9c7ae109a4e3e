; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; Each subprogram has its own region: main_prog keeps 3 (anchor -24), the
; static subprogram sub keeps 1 (anchor -8 in its own frame).
;
; CHECK-LABEL: main_prog:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: *(u64 *)(r10 - 24) = r3
; CHECK-NEXT: call 8
; CHECK-NEXT: r3 = *(u64 *)(r10 - 24)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK:      call sub
; CHECK-LABEL: sub:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: call 8
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; static __attribute__((noinline)) unsigned long sub(unsigned long a) {
;   return get_cpu() ^ a;
; }
; unsigned long main_prog(unsigned long a, unsigned long b, unsigned long c) {
;   unsigned long t = ((a ^ get_cpu()) * b) ^ c;
;   return sub(t);
; }
;
target triple = "bpf"

define dso_local i64 @main_prog(i64 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 {
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #2
  %5 = xor i64 %4, %0
  %6 = mul i64 %5, %1
  %7 = xor i64 %6, %2
  %8 = tail call fastcc i64 @sub(i64 noundef %7)
  ret i64 %8
}

define internal fastcc i64 @sub(i64 noundef %0) unnamed_addr #1 {
  %2 = tail call i64 inttoptr (i64 8 to ptr)() #2
  %3 = xor i64 %2, %0
  ret i64 %3
}

attributes #0 = { nounwind }
attributes #1 = { noinline nounwind }
attributes #2 = { nounwind "bpf_fastcall" }

