# Two pairs, bottom-anchored: pair 1 (r2, next to the call) at lowest_off
# -16, pair 2 (r1) at -8. Both removed; region [-16, 0); depth 16 -> 0.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: warning
# CHECK: prog prog 1 1 1 1 16 -> 0 10 -> 6
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 += r2
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
