# Variable-offset accesses. prog_in: r3 = r10 - 16 + (r0 & 8) may start at
# -16, in the region [-16, -8): bracket kept. prog_out: r10 - 8 + (r0 & 4)
# starts at -8 at the lowest, above the region: bracket removed. prog_branch:
# the offset is bounded by `if r2 > 7` instead: [-8, -1], removed.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog_in prog_in 1 1 0 0 16 -> 16 14 -> 14
# CHECK: prog_out prog_out 1 1 1 1 16 -> 8 14 -> 12
# CHECK: prog_branch prog_branch 1 1 1 1 16 -> 8 14 -> 12
	.section	xdp,"ax",@progbits
	.globl	prog_in
	.type	prog_in,@function
prog_in:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = r0
	r2 &= 8
	r3 = r10
	r3 += -16
	r3 += r2
	*(u8 *)(r3 + 0) = w1
	r0 = *(u64 *)(r10 - 8)
	r0 &= 1
	exit
.Lprog_in_end:
	.size	prog_in, .Lprog_in_end-prog_in
	.section	xdp,"ax",@progbits
	.globl	prog_out
	.type	prog_out,@function
prog_out:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = r0
	r2 &= 4
	r3 = r10
	r3 += -8
	r3 += r2
	*(u8 *)(r3 + 0) = w1
	r0 = *(u64 *)(r10 - 8)
	r0 &= 1
	exit
.Lprog_out_end:
	.size	prog_out, .Lprog_out_end-prog_out

	.section	xdp,"ax",@progbits
	.globl	prog_branch
	.type	prog_branch,@function
prog_branch:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = r0
	if r2 > 7 goto .Lout
	r3 = r10
	r3 += -8
	r3 += r2
	*(u8 *)(r3 + 0) = w1
.Lout:
	r0 = *(u64 *)(r10 - 8)
	r0 &= 1
	exit
.Lprog_branch_end:
	.size	prog_branch, .Lprog_branch_end-prog_branch

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
