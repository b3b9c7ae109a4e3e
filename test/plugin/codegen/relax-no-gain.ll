; REQUIRES: llvm-19
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -pass-remarks-missed=bpf-nocsr < %s 2> %t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s | FileCheck %s --check-prefix=ALWAYS
;
; Relaxing a call only pays when a value live across it would otherwise be
; spilled (more such values than r6-r9) or copied (it is joined to an argument
; or result register). from_memory has two values live across helper 8, both
; loaded from memory: the unrelaxed call keeps them in r6/r7 with no copy and
; no spill, so the call is not relaxed and gets no bracket.
; five_from_memory has five (one more than r6-r9: without relaxation one is
; spilled to the stack, a store and a load the kernel keeps); from_argument
; keeps its argument y (in r2) live (without relaxation: a copy to r6). Both
; are relaxed and bracketed as usual: region top r10+0, anchor -8 * pairs.
; -bpf-nocsr-relax-always relaxes every eligible call, as upstream does.
; LLVM 19 only: from LLVM 21 on regalloc uses the native relaxation.
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
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: *(u64 *)(r10 - 24) = r3
; CHECK-NEXT: *(u64 *)(r10 - 32) = r4
; CHECK-NEXT: *(u64 *)(r10 - 40) = r5
; CHECK-NEXT: call 8
; CHECK-NEXT: r5 = *(u64 *)(r10 - 40)
;
; CHECK-LABEL: from_argument:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
;
; REMARK:     call to helper 8 not relaxed: the 2 value(s) live across calls in this function fit in r6-r9 without a copy, so relaxing cannot save an instruction
; REMARK-NOT: not relaxed
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
