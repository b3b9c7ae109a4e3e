# Pairs out of order: the fill next to the call restores r1 while the spill
# next to it saved r2. The kernel stops at the first failing pair, so nothing
# matches and nothing is removed; the compiler's intent (no symmetric pair)
# is not a bracket either.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog prog 1 0 0 0 16 -> 16 10 -> 10
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = *(u64 *)(r10 - 8)
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
