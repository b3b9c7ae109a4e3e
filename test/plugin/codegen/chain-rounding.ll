; RUN: %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -verify-machineinstrs -bpf-nocsr-selfcheck < %s 2>&1 | FileCheck %s
; RUN: sed 's/\[192 x i8\]/[200 x i8]/' %s | not %llc -load=%plugin -march=bpfel -bpf-nocsr-relax-always -bpf-nocsr-selfcheck -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVER
; -bpf-nocsr-relax-always: this test pins the chain limit, not how many
; registers each call keeps (relax-per-call.ll does).
; The chain limit rounds each frame as the kernel does with the JIT, to 16
; bytes (round_up_stack_depth; measured in kernel/chain-rounding.s), not to
; 32. chain: 192-byte frame + 2-slot region = 208; sub: 288 + 16 = 304;
; 512 in all, which fits (rounded to 32 it would be 224 + 320 = 544). With a
; 200-byte frame chain needs 216, rounded 224: 528, 32 of them regions
; (208 + 288 = 496 without), so the plugin refuses it.
;
; CHECK-NOT: error
; CHECK:     *(u64 *)(r10 - 208) = r2
; CHECK:     *(u64 *)(r10 - 304) = r2
; CHECK-NOT: error
;
; OVER: error: {{.*}}call chain chain -> sub needs 528 bytes of stack, 32 of them for bpf_fastcall bracket regions, over the BPF limit of 512 bytes
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern void fill(char *);
; static __attribute__((noinline)) unsigned long sub(unsigned long a) {
;   char buf[288];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return (x ^ get_cpu()) * y + a;
; }
; unsigned long chain(unsigned long a) {
;   char buf[192];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return sub((x ^ get_cpu()) * y) + a;
; }
;
target triple = "bpf"

define dso_local i64 @chain(i64 noundef %0) local_unnamed_addr #0 {
  %2 = alloca [192 x i8], align 1
  call void @fill(ptr noundef nonnull %2) #4
  %3 = load i8, ptr %2, align 1
  %4 = sext i8 %3 to i64
  %5 = getelementptr inbounds i8, ptr %2, i64 1
  %6 = load i8, ptr %5, align 1
  %7 = sext i8 %6 to i64
  %8 = call i64 inttoptr (i64 8 to ptr)() #5
  %9 = xor i64 %8, %4
  %10 = mul i64 %9, %7
  %11 = call fastcc i64 @sub(i64 noundef %10)
  %12 = add i64 %11, %0
  ret i64 %12
}

declare dso_local void @fill(ptr noundef) local_unnamed_addr

define internal fastcc i64 @sub(i64 noundef %0) unnamed_addr #3 {
  %2 = alloca [288 x i8], align 1
  call void @fill(ptr noundef nonnull %2) #4
  %3 = load i8, ptr %2, align 1
  %4 = sext i8 %3 to i64
  %5 = getelementptr inbounds i8, ptr %2, i64 1
  %6 = load i8, ptr %5, align 1
  %7 = sext i8 %6 to i64
  %8 = call i64 inttoptr (i64 8 to ptr)() #5
  %9 = xor i64 %8, %4
  %10 = mul i64 %9, %7
  %11 = add i64 %10, %0
  ret i64 %11
}

attributes #0 = { nounwind }
attributes #1 = { nounwind }
attributes #3 = { noinline nounwind }
attributes #4 = { nounwind }
attributes #5 = { nounwind "bpf_fastcall" }

