; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -pass-remarks-missed=bpf-nocsr < %s 2> %t.remarks | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
; RUN: %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s | FileCheck %s --check-prefix=ALWAYS
;
; Each eligible call keeps only the caller-saved registers that the values
; live across it need beyond r6-r9 (LLVM 19: implicit defs; LLVM 22: the
; register mask upstream relaxes for every bpf_fastcall call).
;
; two_calls, first call: a, b, c and the address of g (for g[3], g[4]) are
; live across it; four values fit in r6-r9: no bracket.
; Second call: a, b, c, d and, since the xor for e is scheduled after the
; call, g[4] and t: six values, four in r6-r9, two need a caller-saved
; register. The call keeps two, the highest first (r4, r5): a 2-pair bracket,
; region 2 slots below r10+0, anchor -16, r5 next to the call.
; tied: y arrives in r2 and is read after the call; keeping it in r2 saves
; the copy to r6-r9, so the call keeps r2 (1 pair at -8); x fits in r6-r9.
; -bpf-nocsr-relax-always keeps every register the contract allows.
;
; CHECK-LABEL: two_calls:
; CHECK-NOT:  r10
; CHECK:      call 8
; CHECK-NOT:  r10
; CHECK:      *(u64 *)(r10 - 8) = r4
; CHECK-NEXT: *(u64 *)(r10 - 16) = r5
; CHECK-NEXT: call 8
; CHECK-NEXT: r5 = *(u64 *)(r10 - 16)
; CHECK-NEXT: r4 = *(u64 *)(r10 - 8)
; CHECK-NOT:  r10
; CHECK:      exit
;
; CHECK-LABEL: tied:
; CHECK:      r{{[6-9]}} = *(u64 *)(r1 + 0)
; CHECK-NEXT: *(u64 *)(r10 - 8) = r2
; CHECK-NEXT: call 8
; CHECK-NEXT: r2 = *(u64 *)(r10 - 8)
; CHECK-NOT:  r10
; CHECK:      exit
;
; REMARK:      call to helper 8 clobbers r0-r5 as without fastcall
; REMARK-NEXT: {{^}}  4 value(s) live across it: 0 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9
; REMARK-NEXT: call to helper 8 may keep r4, r5 across it
; REMARK-NEXT: {{^}}  6 value(s) live across it: 0 in the argument register they are copied from or to, 2 off r6-r9 where they are full; the rest fit in r6-r9
; REMARK-NEXT: call to helper 8 may keep r2 across it
; REMARK-NEXT: {{^}}  2 value(s) live across it: 1 in the argument register they are copied from or to, 0 off r6-r9 where they are full; the rest fit in r6-r9
;
; ALWAYS-LABEL: two_calls:
; ALWAYS:      *(u64 *)(r10 - {{[0-9]+}}) = r{{[1-5]}}
; ALWAYS:      call 8
; ALWAYS-LABEL: tied:
; ALWAYS:      *(u64 *)(r10 - 16) = r2
; ALWAYS-NEXT: call 8
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; unsigned long g[8];
; unsigned long two_calls(void) {
;   unsigned long a = g[0], b = g[1], c = g[2];
;   unsigned long t = get_cpu();
;   unsigned long d = g[3] ^ t, e = g[4] ^ t;
;   unsigned long u = get_cpu();
;   return (a ^ u) * b + (c ^ u) * d + e;
; }
; unsigned long tied(unsigned long *p, unsigned long y) {
;   unsigned long x = p[0];
;   return (x ^ get_cpu()) * y;
; }
;
target triple = "bpf"

@g = dso_local local_unnamed_addr global [8 x i64] zeroinitializer, align 8

; Function Attrs: nounwind
define dso_local i64 @two_calls() local_unnamed_addr #0 {
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

; Function Attrs: nounwind
define dso_local i64 @tied(ptr nocapture noundef readonly %0, i64 noundef %1) local_unnamed_addr #0 {
  %3 = load i64, ptr %0, align 8
  %4 = tail call i64 inttoptr (i64 8 to ptr)() #1
  %5 = xor i64 %4, %3
  %6 = mul i64 %5, %1
  ret i64 %6
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

