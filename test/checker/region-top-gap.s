# One bracket at r10-24 (lowest), other stack use only at r10-8: the depth
# after removal is the region top (16), not the bytes still used (8), on
# both builds (CONTRACT.md, "Kernel builds differ").
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --kernel-build=lowest-top --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o | FileCheck %s
# CHECK: gap gap 1 1 1 1 24 -> 16 10 -> 8
	.section	xdp,"ax",@progbits
	.globl	gap
	.type	gap,@function
gap:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	r2 = 2
	*(u64 *)(r10 - 24) = r2
	call 8
	r2 = *(u64 *)(r10 - 24)
	r0 = *(u64 *)(r10 - 8)
	r0 += r2
	r0 &= 1
	exit
.Lgap_end:
	.size	gap, .Lgap_end-gap
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
