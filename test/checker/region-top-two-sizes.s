# Two helper-8 brackets of one and two pairs anchored at the lowest slot
# (r10-32), other stack use at r10-8 (CONTRACT.md, "Kernel builds
# differ"). Both builds remove all 6 bracket insns; the depth after
# removal is where the region ends: build A ("lowest-top") the smallest
# bracket's top, -32+8 = -24; build B ("highest-top", measured) the largest
# bracket's top, -32+16 = -16.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --kernel-build=lowest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=A
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# A: two two 2 2 2 2 32 -> 24 16 -> 10
# B: two two 2 2 2 2 32 -> 16 16 -> 10
	.section	xdp,"ax",@progbits
	.globl	two
	.type	two,@function
two:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 32) = r1
	call 8
	r1 = *(u64 *)(r10 - 32)
	r2 = 2
	*(u64 *)(r10 - 24) = r2
	*(u64 *)(r10 - 32) = r1
	call 8
	r1 = *(u64 *)(r10 - 32)
	r2 = *(u64 *)(r10 - 24)
	r0 = *(u64 *)(r10 - 8)
	r0 += r2
	r0 += r1
	r0 &= 1
	exit
.Ltwo_end:
	.size	two, .Ltwo_end-two
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
