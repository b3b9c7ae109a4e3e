# The same calls bottom-anchored (our plugin's layout): B's single pair sits
# at lowest_off -16. Both match, region [-16, -8) (min(-16+16, -16+8)), all
# 6 bracket insns removed, depth 16 -> 8.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: warning
# CHECK: prog prog 2 2 2 2 16 -> 8 13 -> 7
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
	r1 += r2
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r0 = r1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
