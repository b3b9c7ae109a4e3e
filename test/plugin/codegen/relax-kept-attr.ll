; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
;
; The relaxation chosen by trial compiles reaches the back end as the
; function attribute "nocsr-kept": one mask of kept caller-saved registers
; per eligible call (bit N = rN), in code order. Same body three times:
; a, b, c and &g live across the first call, a, b, c, d, e and t across the
; second (six values, two more than r6-r9).
;
; kept_r5 ("0,32"): the first call keeps nothing (no bracket), the second
; only r5: a one-pair bracket of r5, and the sixth value is spilled by the
; allocator (its slot at -8, so the bracket region sits below it, at -16).
; kept_all ("62,62"): r1-r5 kept at both calls; the allocator uses r2-r5
; across the first and r1, r3-r5 across the second: 4-pair brackets.
; wrong_length ("62", two calls): ignored; the pass's own sizing keeps r4
; and r5 at the second call.
;
; CHECK-LABEL: kept_r5:
; CHECK:       *(u64 *)(r10 - 8) = r{{[1-5]}}
; CHECK-NOT:   r10
; CHECK:       call 8
; CHECK-NOT:   r10
; CHECK:       *(u64 *)(r10 - 16) = r5
; CHECK-NEXT:  call 8
; CHECK-NEXT:  r5 = *(u64 *)(r10 - 16)
; CHECK:       = *(u64 *)(r10 - 8)
; CHECK-NOT:   r10
; CHECK:       exit
;
; CHECK-LABEL: kept_all:
; CHECK:       *(u64 *)(r10 - 32) = r5
; CHECK-NEXT:  call 8
; CHECK-NEXT:  r5 = *(u64 *)(r10 - 32)
; CHECK:       *(u64 *)(r10 - 32) = r5
; CHECK-NEXT:  call 8
; CHECK-NEXT:  r5 = *(u64 *)(r10 - 32)
; CHECK:       exit
;
; CHECK-LABEL: wrong_length:
; CHECK-NOT:   r10
; CHECK:       call 8
; CHECK-NOT:   r10
; CHECK:       *(u64 *)(r10 - 8) = r4
; CHECK-NEXT:  *(u64 *)(r10 - 16) = r5
; CHECK-NEXT:  call 8
; CHECK-NEXT:  r5 = *(u64 *)(r10 - 16)
; CHECK-NEXT:  r4 = *(u64 *)(r10 - 8)
; CHECK-NOT:   r10
; CHECK:       exit

target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

@g = dso_local local_unnamed_addr global [8 x i64] zeroinitializer, align 8

define dso_local i64 @kept_r5() #2 {
  %1 = load i64, ptr @g, align 8
  %2 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 8), align 8
  %3 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 16), align 8
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 24), align 8
  %6 = xor i64 %5, %4
  %7 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 32), align 8
  %8 = xor i64 %7, %4
  %9 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %10 = xor i64 %9, %1
  %11 = mul i64 %10, %2
  %12 = xor i64 %9, %3
  %13 = mul i64 %12, %6
  %14 = add i64 %13, %8
  %15 = add i64 %14, %11
  ret i64 %15
}

define dso_local i64 @kept_all() #3 {
  %1 = load i64, ptr @g, align 8
  %2 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 8), align 8
  %3 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 16), align 8
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 24), align 8
  %6 = xor i64 %5, %4
  %7 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 32), align 8
  %8 = xor i64 %7, %4
  %9 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %10 = xor i64 %9, %1
  %11 = mul i64 %10, %2
  %12 = xor i64 %9, %3
  %13 = mul i64 %12, %6
  %14 = add i64 %13, %8
  %15 = add i64 %14, %11
  ret i64 %15
}

define dso_local i64 @wrong_length() #4 {
  %1 = load i64, ptr @g, align 8
  %2 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 8), align 8
  %3 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 16), align 8
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 24), align 8
  %6 = xor i64 %5, %4
  %7 = load i64, ptr getelementptr inbounds (i8, ptr @g, i64 32), align 8
  %8 = xor i64 %7, %4
  %9 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %10 = xor i64 %9, %1
  %11 = mul i64 %10, %2
  %12 = xor i64 %9, %3
  %13 = mul i64 %12, %6
  %14 = add i64 %13, %8
  %15 = add i64 %14, %11
  ret i64 %15
}

attributes #1 = { nounwind "bpf_fastcall" }
attributes #2 = { nounwind "nocsr-kept"="0,32" }
attributes #3 = { nounwind "nocsr-kept"="62,62" }
attributes #4 = { nounwind "nocsr-kept"="62" }
