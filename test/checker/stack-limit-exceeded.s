# The 512-byte limit: a frame slot at -512 and a bracket at -520. The
# bracket is no allowance: the kernel refuses the access below -512.
# KERNEL: reject
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: not %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+2: error: stack access at r10-520: beyond the 512-byte stack; the kernel rejects the program
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 512) = r1
	*(u64 *)(r10 - 520) = r1
	call 8
	r1 = *(u64 *)(r10 - 520)
	r0 = *(u64 *)(r10 - 512)
	r0 += r1
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
