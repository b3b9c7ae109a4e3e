# A frame down to -504 and a bracket at -512 fit: the pair is removed and the
# stack shrinks to 504 bytes.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: error
# CHECK: prog prog 1 1 1 1 512 -> 504 9 -> 7
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 504) = r1
	*(u64 *)(r10 - 512) = r1
	call 8
	r1 = *(u64 *)(r10 - 512)
	r0 = *(u64 *)(r10 - 504)
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
