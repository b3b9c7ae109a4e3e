; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; REQUIRES: bpf-regalloc-19
; The registers pinned below are LLVM 19's allocation; older back ends keep
; other registers live (e2e tests check their brackets).
; -bpf-nocsr-relax-always: this test pins bracket placement, not how many
; registers each call keeps (relax-per-call.ll does).
; The call in the loop keeps n, a, b, i and s (r1-r5): 5 slots, anchor -40.
; The call in the if-block keeps 3 (r1-r3): its pairs at -40 (r3), -32 (r2)
; and -24 (r1) -- the same anchor, in another block.
;
; CHECK-LABEL: loops_blocks:
; CHECK:      LBB0_2:
; CHECK:      *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: *(u64 *)(r10 - 16) = r2
; CHECK-NEXT: *(u64 *)(r10 - 24) = r3
; CHECK-NEXT: *(u64 *)(r10 - 32) = r4
; CHECK-NEXT: *(u64 *)(r10 - 40) = r5
; CHECK-NEXT: call 8
; CHECK-NEXT: r5 = *(u64 *)(r10 - 40)
; CHECK-NEXT: r4 = *(u64 *)(r10 - 32)
; CHECK-NEXT: r3 = *(u64 *)(r10 - 24)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK:      if {{.*}} goto LBB0_2
; CHECK:      LBB0_3:
; CHECK:      *(u64 *)(r10 - 24) = r1
; CHECK-NEXT: *(u64 *)(r10 - 32) = r2
; CHECK-NEXT: *(u64 *)(r10 - 40) = r3
; CHECK-NEXT: call 8
; CHECK-NEXT: r3 = *(u64 *)(r10 - 40)
; CHECK-NEXT: r2 = *(u64 *)(r10 - 32)
; CHECK-NEXT: r1 = *(u64 *)(r10 - 24)
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long loops_blocks(unsigned long n, unsigned long a, unsigned long b) {
;   unsigned long s = 0;
;   for (unsigned long i = 0; i < n; i++)
;     s += get_cpu() * i;
;   if (s > a)
;     s ^= get_cpu() + b;
;   return s + a + b;
; }
;
target triple = "bpf"

define dso_local i64 @loops_blocks(i64 noundef %0, i64 noundef %1, i64 noundef %2) local_unnamed_addr #0 {
  %4 = icmp eq i64 %0, 0
  br i1 %4, label %19, label %7

5:                                                ; preds = %7
  %6 = icmp ugt i64 %12, %1
  br i1 %6, label %15, label %19

7:                                                ; preds = %3, %7
  %8 = phi i64 [ %13, %7 ], [ 0, %3 ]
  %9 = phi i64 [ %12, %7 ], [ 0, %3 ]
  %10 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %11 = mul i64 %10, %8
  %12 = add i64 %11, %9
  %13 = add nuw i64 %8, 1
  %14 = icmp ult i64 %13, %0
  br i1 %14, label %7, label %5

15:                                               ; preds = %5
  %16 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %17 = add i64 %16, %2
  %18 = xor i64 %17, %12
  br label %19

19:                                               ; preds = %3, %15, %5
  %20 = phi i64 [ %18, %15 ], [ %12, %5 ], [ 0, %3 ]
  %21 = add i64 %2, %1
  %22 = add i64 %21, %20
  ret i64 %22
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

