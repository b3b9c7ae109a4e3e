# A subprogram with a helper-8 bracket and a may_goto loop. The bracket is
# removed (depth 16 -> 8), then do_misc_fixups() gives the subprogram the
# may_goto slots below that depth: the loop counter and, where the JIT has
# the timed may_goto (x86-64 since 6.15), the start timestamp. Measured on
# 6.18 x86-64: "stack depth 0+24". Before 6.15 one 8-byte counter (kernel
# source); arm64's timed may_goto is not measured, so the checker says so.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.14 --arch=x86_64 %t.o | FileCheck %s --check-prefix=UNTIMED
# RUN: %nocsr-check --kernel=6.18 --arch=arm64 %t.o | FileCheck %s --check-prefix=ARM64
# CHECK: prog prog 0 0 0 0 0 -> 0 16 -> 14
# CHECK-NEXT: sub 1 1 1 1 16 -> 24
# UNTIMED: sub 1 1 1 1 16 -> 16
# ARM64: sub+7: note: may_goto adds 16 bytes of stack on arm64 if its JIT supports the timed may_goto: not measured, the depth may differ by 8
# ARM64: sub 1 1 1 1 16 -> 24
	.section	.text,"ax",@progbits
	.type	sub,@function
sub:
	r1 = 7
	*(u64 *)(r10 - 8) = r1
	r1 = 1
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r6 = 0
.Lloop:
	may_goto .Ldone
	r6 += 1
	if r6 < 10 goto .Lloop
.Ldone:
	r0 = *(u64 *)(r10 - 8)
	r0 += r6
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	call sub
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
