; RUN: %llc -load=%plugin -march=bpfel -mcpu=v3 -verify-machineinstrs -bpf-nocsr-selfcheck < %s | FileCheck %s
; With ALU32 only w1 (the low half of r1) holds a across the call. Any live
; sub-register makes its 64-bit register part of the bracket: one pair, r1,
; at -8.
;
; CHECK-LABEL: subreg_only:
; CHECK:      w1 <<= 3
; CHECK-NEXT: *(u64 *)(r10 - 8) = r1
; CHECK-NEXT: call 8
; CHECK-NEXT: r1 = *(u64 *)(r10 - 8)
; CHECK-NEXT: w0 ^= w1
;
; Source (clang -mcpu=v3):
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned (*get_cpu)(void) = (void *)8;
; unsigned subreg_only(unsigned a) {
;   unsigned c = get_cpu();
;   return (a << 3) ^ c;
; }
;
target triple = "bpf"

define dso_local i32 @subreg_only(i32 noundef %0) local_unnamed_addr #0 {
  %2 = tail call i32 inttoptr (i64 8 to ptr)() #1
  %3 = shl i32 %0, 3
  %4 = xor i32 %2, %3
  ret i32 %4
}

attributes #0 = { nounwind }
attributes #1 = { nounwind "bpf_fastcall" }

