# Partial pattern: pair 1 (r2 at -16) matches, pair 2 spills r1 at -8 but
# fills r3: the kernel keeps one pair. Region [-16, -8): the unmatched spill
# at -8 is outside it. One pair removed, depth 16 -> 8.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog prog 1 1 1 1 16 -> 8 10 -> 8
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
	r3 = *(u64 *)(r10 - 8)
	r0 = r3
	r0 += r2
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
