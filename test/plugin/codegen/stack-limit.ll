; RUN: not %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s -o /dev/null 2>&1 | FileCheck %s
; RUN: not %llc -load=%plugin -march=bpfel -verify-machineinstrs -bpf-nocsr-selfcheck -bpf-nocsr-relax-always < %s -o /dev/null -pass-remarks-missed=bpf-nocsr 2>&1 | FileCheck %s --check-prefix=MISSED
; x and y are loaded from memory: -bpf-nocsr-relax-always makes the plugin
; relax the call (as upstream does) although that cannot save an instruction.
; A 504-byte frame plus a 2-slot region (x and y live across helper 8) is
; 520 bytes, over the 512-byte limit: an error naming the function and both
; sizes instead of a program the kernel rejects.
;
; CHECK: error: {{.*}}function 'stack_limit' needs a 504-byte frame plus a 16-byte bpf_fastcall bracket region, over the BPF stack limit of 512 bytes
; MISSED: remark: {{.*}}call to helper 8 not bracketed: frame (504 bytes) plus bracket region (16 bytes) exceed 512 bytes
;
; Source:
; #define __fc __attribute__((bpf_fastcall))
; static __fc unsigned long (*get_cpu)(void) = (void *)8;
; extern void fill(char *);
; unsigned long stack_limit(void) {
;   char buf[504];
;   fill(buf);
;   unsigned long x = buf[0], y = buf[1];
;   return (x ^ get_cpu()) * y;
; }
;
target triple = "bpf"

define dso_local i64 @stack_limit() local_unnamed_addr #0 {
  %1 = alloca [504 x i8], align 1
  call void @fill(ptr noundef nonnull %1) #3
  %2 = load i8, ptr %1, align 1
  %3 = sext i8 %2 to i64
  %4 = getelementptr inbounds i8, ptr %1, i64 1
  %5 = load i8, ptr %4, align 1
  %6 = sext i8 %5 to i64
  %7 = call i64 inttoptr (i64 8 to ptr)() #4
  %8 = xor i64 %7, %3
  %9 = mul i64 %8, %6
  ret i64 %9
}

declare dso_local void @fill(ptr noundef) local_unnamed_addr

attributes #0 = { nounwind }
attributes #1 = { nounwind }
attributes #3 = { nounwind }
attributes #4 = { nounwind "bpf_fastcall" }

