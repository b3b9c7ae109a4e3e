# As combined-stack-chain.s, but main's bracket surrounds helper 42, which is
# not fastcall: main keeps its 248 bytes (256 rounded), sub (frame to -264,
# bracket at -272) shrinks to 264 (272 rounded): 528 > 512 after the
# rewrite, and the kernel rejects the program.
# KERNEL: reject
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %python %S/Inputs/expect_exit.py 1 %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+0: error: combined stack size of the call chain is 528 bytes after the rewrite, over 512: the kernel rejects the program
# CHECK: prog prog 0 1 1 0 248 -> 248
# CHECK-NEXT: sub 1 1 1 1 272 -> 264
	.text
	.type	sub,@function
sub:
	r2 = 2
	*(u64 *)(r10 - 264) = r2
	*(u64 *)(r10 - 272) = r2
	call 8
	r2 = *(u64 *)(r10 - 272)
	r0 = *(u64 *)(r10 - 264)
	r0 += r2
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub

	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 240) = r1
	*(u64 *)(r10 - 248) = r1
	call 42
	r1 = *(u64 *)(r10 - 248)
	call sub
	r1 = *(u64 *)(r10 - 240)
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
