; REQUIRES: !native-bpf-fastcall
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -pass-remarks-missed=bpf-nocsr < %s 2> %t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s | FileCheck %s --check-prefix=ALWAYS
;
; Relaxing a call only pays when a value live across it would otherwise be
; spilled (more such values than r6-r9) or copied (it is joined to an argument
; or result register), and only for as many registers as those values need.
; from_memory has two values live across helper 8, both loaded from memory:
; the unrelaxed call keeps them in r6/r7 with no copy and no spill, so the
; call is not relaxed and gets no bracket.
; five_from_memory has five: four fit in r6-r9, one would be spilled. The
; call keeps one register, r5 (the highest, away from the allocator's first
; choices): a 1-pair bracket at -8. (Before issue 15 it kept r1-r5, a 5-pair
; bracket that costs old kernels 8 more instructions.)
; from_argument keeps its argument y (in r2) live: the call keeps r2 (no copy
; to r6), x goes to r6-r9: a 1-pair bracket at -8. (Before: r1 and r2.)
; -bpf-nocsr-relax-always relaxes every eligible call, as upstream does.
; LLVM 19 only: relax-per-call.ll pins the rule on both versions.
;
; CHECK-LABEL: from_memory:
; CHECK-NOT:  r10
; CHECK:      r{{[6-9]}} = *(u64 *)(r1 + 8)
; CHECK-NEXT: r{{[6-9]}} = *(u64 *)(r1 + 0)
; CHECK-NEXT: call 8
; CHECK-NOT:  r10
; CHECK:      exit
;
; CHECK-LABEL: five_from_memory:
; CHECK-NOT:  r10
; CHECK:      *(u64 *)(r10 - 8) = r5
; CHECK-NEXT: call 8
; CHECK-NEXT: r5 = *(u64 *)(r10 - 8)
; CHECK-NOT:  r10
; CHECK:      exit
;
; CHECK-LABEL: from_argument:
; CHECK-NOT:  r10
; CHECK:      *(u64 *)(r10 - 8) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 8)
; CHECK-NOT:  r10
; CHECK:      exit
;
; REMARK:      call to helper 8 clobbers r0-r5 as without fastcall
; REMARK-NEXT: {{^}}  2 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9
; REMARK-NEXT: call to helper 8 may keep r5 across it
; REMARK-NEXT: {{^}}  5 value(s) live across it: 0 in the argument register they are copied from or to, 1 off r6-r9 where they are full; the rest fit in r6-r9
; REMARK-NEXT: call to helper 8 may keep r2 across it
; REMARK-NEXT: {{^}}  2 value(s) live across it: 1 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9
;
; ALWAYS-LABEL: from_memory:
; ALWAYS:      *(u64 *)(r10 - 8) = r{{[1-5]}}
; ALWAYS-NEXT: *(u64 *)(r10 - 16) = r{{[1-5]}}
; ALWAYS-NEXT: call 8
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long from_memory(unsigned long *p) {
;   unsigned long x = p[0], y = p[1];
;   return (x ^ get_cpu()) * y;
; }
; unsigned long five_from_memory(unsigned long *p) {
;   unsigned long a = p[0], b = p[1], c = p[2], d = p[3], e = p[4];
;   unsigned long t = get_cpu();
;   return (a ^ t) * b + (c ^ t) * d + e;
; }
; unsigned long from_argument(unsigned long *p, unsigned long y) {
;   unsigned long x = p[0];
;   return (x ^ get_cpu()) * y;
; }
;
target triple = "bpf"

define dso_local i64 @from_memory(ptr noundef %0) local_unnamed_addr #0 {
  %2 = load i64, ptr %0, align 8
  %3 = getelementptr inbounds i8, ptr %0, i64 8
  %4 = load i64, ptr %3, align 8
  %5 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %6 = xor i64 %5, %2
  %7 = mul i64 %6, %4
  ret i64 %7
}

define dso_local i64 @five_from_memory(ptr noundef %0) local_unnamed_addr #0 {
  %2 = load i64, ptr %0, align 8
  %3 = getelementptr inbounds i8, ptr %0, i64 8
  %4 = load i64, ptr %3, align 8
  %5 = getelementptr inbounds i8, ptr %0, i64 16
  %6 = load i64, ptr %5, align 8
  %7 = getelementptr inbounds i8, ptr %0, i64 24
  %8 = load i64, ptr %7, align 8
  %9 = getelementptr inbounds i8, ptr %0, i64 32
  %10 = load i64, ptr %9, align 8
  %11 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %12 = xor i64 %11, %2
  %13 = mul i64 %12, %4
  %14 = xor i64 %11, %6
  %15 = mul i64 %14, %8
  %16 = add i64 %15, %10
  %17 = add i64 %16, %13
  ret i64 %17
}

define dso_local i64 @from_argument(ptr noundef %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = load i64, ptr %0, align 8
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = xor i64 %4, %3
  %6 = mul i64 %5, %1
  ret i64 %6
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }
