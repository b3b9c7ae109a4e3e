; RUN: not %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s -o /dev/null 2>&1 | FileCheck %s
; -bpf-nocsr-relax-always: this test pins the chain, not how many registers
; each call keeps.
; The kernel's check_max_stack_depth() follows a callback's address (an
; ldimm64 of a subprogram, as passed to bpf_loop) like a call, but not that
; of an asynchronous callback (bpf_timer_set_callback, helper 170), which it
; checks as a chain of its own (fuzz seed 231635).
; loop_chain: 256-byte frame + 2-slot region = 272; cb_loop: 240 + 16 = 256;
; 528 in all, 32 of them regions (496 without). timer_chain and cb_timer are
; the same frames, but the callback runs on a stack of its own: 272 each.
;
; CHECK: error: {{.*}}call chain loop_chain -> cb_loop needs 528 bytes of stack, 32 of them for bpf_fastcall bracket regions, over the BPF limit of 512 bytes
; CHECK-NOT: timer_chain
; CHECK-NOT: cb_timer
;
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; static long (*bpf_loop)(__u32, void *, void *, __u64) = (void *)181;
; static long (*timer_set_callback)(void *, void *) = (void *)170;
; extern void fill(char *);
; static long cb_loop(__u64 i, void *c) {
;   char buf[240];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return (x ^ get_cpu()) * y;
; }
; unsigned long loop_chain(unsigned long a) {
;   char buf[256];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   void *v = (void *)((x ^ get_cpu()) * y);
;   return bpf_loop(4, cb_loop, v, 0) + a;
; }
; (and the same with timer_set_callback(t, cb_timer) for timer_chain)
;
target triple = "bpf"

define dso_local i64 @loop_chain(i64 noundef %0) local_unnamed_addr #0 {
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
  %ctx = inttoptr i64 %10 to ptr
  %11 = call i64 inttoptr (i64 181 to ptr)(i32 4, ptr nonnull @cb_loop, ptr %ctx, i64 0) #4
  %12 = add i64 %11, %0
  ret i64 %12
}

define internal i64 @cb_loop(i64 noundef %0, ptr noundef %1) #3 {
  %3 = alloca [240 x i8], align 1
  call void @fill(ptr noundef nonnull %3) #4
  %4 = load i8, ptr %3, align 1
  %5 = sext i8 %4 to i64
  %6 = getelementptr inbounds i8, ptr %3, i64 1
  %7 = load i8, ptr %6, align 1
  %8 = sext i8 %7 to i64
  %9 = call i64 inttoptr (i64 8 to ptr)() #5
  %10 = xor i64 %9, %5
  %11 = mul i64 %10, %8
  ret i64 %11
}

define dso_local i64 @timer_chain(ptr noundef %t, i64 noundef %0) local_unnamed_addr #0 {
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
  %11 = call i64 inttoptr (i64 170 to ptr)(ptr noundef %t, ptr nonnull @cb_timer) #4
  %12 = add i64 %11, %10
  %13 = add i64 %12, %0
  ret i64 %13
}

define internal i64 @cb_timer(ptr noundef %0, ptr noundef %1, ptr noundef %2) #3 {
  %4 = alloca [240 x i8], align 1
  call void @fill(ptr noundef nonnull %4) #4
  %5 = load i8, ptr %4, align 1
  %6 = sext i8 %5 to i64
  %7 = getelementptr inbounds i8, ptr %4, i64 1
  %8 = load i8, ptr %7, align 1
  %9 = sext i8 %8 to i64
  %10 = call i64 inttoptr (i64 8 to ptr)() #5
  %11 = xor i64 %10, %6
  %12 = mul i64 %11, %9
  ret i64 %12
}

declare dso_local void @fill(ptr noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #3 = { noinline nounwind }
attributes #4 = { nounwind }
attributes #5 = { nounwind "bpf_fastcall" }
