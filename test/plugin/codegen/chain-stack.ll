; RUN: not %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s -o /dev/null 2>&1 | FileCheck %s
; -bpf-nocsr-relax-always: this test pins the limit on chains with regions,
; not how many registers each call keeps.
; The kernel limits a whole BPF-to-BPF call chain, frames rounded up to 16
; bytes, to 512 bytes; bracket regions only leave it where the kernel removes
; the brackets. chain: 256-byte frame + 2-slot region = 272; sub: 240 + 16 =
; 256; 528 in all, 32 of them regions (496 without). Kernels that remove the
; brackets free the regions first, but the program must load on every kernel,
; so this is an error.
;
; CHECK: error: {{.*}}call chain chain -> sub needs 528 bytes of stack, 32 of them for bpf_fastcall bracket regions, over the BPF limit of 512 bytes; kernels that keep the brackets (older ones, socket filters, cgroup_skb, callees no kernel treats as fastcall) would reject it
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern void fill(char *);
; static __attribute__((noinline)) unsigned long sub(unsigned long a) {
;   char buf[240];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return (x ^ get_cpu()) * y + a;
; }
; unsigned long chain(unsigned long a) {
;   char buf[256];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return sub((x ^ get_cpu()) * y) + a;
; }
;
target triple = "bpf"

define dso_local i64 @chain(i64 noundef %0) local_unnamed_addr #0 {
  %2 = alloca [256 x i8], align 1
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
  %2 = alloca [240 x i8], align 1
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

