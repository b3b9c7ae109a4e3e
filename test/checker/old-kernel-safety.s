# Old-kernel safety: r1 read after helper 8 without a bracket. The verifier
# itself rejects this (calls clobber r1-r5 during verification).
# KERNEL: reject
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: not %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+2: error: r1 is read after a call clobbered it and no fill restored it: the verifier rejects this
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	call 8
	r0 = r1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
