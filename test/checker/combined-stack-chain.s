# The call chain's stack is checked after the brackets are removed: main
# (frame to -240, bracket at -248) calls sub (frame to -256, bracket at
# -264). With the brackets the chain would need 256 + 272 = 528 bytes
# (frames rounded up to 16); without them 240 + 256 = 496: the kernel loads
# it.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: error
# CHECK: prog prog 1 1 1 1 248 -> 240
# CHECK-NEXT: sub 1 1 1 1 264 -> 256
	.text
	.type	sub,@function
sub:
	r2 = 2
	*(u64 *)(r10 - 256) = r2
	*(u64 *)(r10 - 264) = r2
	call 8
	r2 = *(u64 *)(r10 - 264)
	r0 = *(u64 *)(r10 - 256)
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
	call 8
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
