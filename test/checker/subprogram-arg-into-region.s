# A pointer into the caller's fastcall region passed to a subprogram that
# reads through it. The kernel checks the callee's read against the callee's
# frame, so it removes the caller's bracket (and the callee then reads a slot
# nobody wrote). The checker predicts the same and warns.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+6: warning: r1 may point into the fastcall region [-8, 0) (r10-8) when the subprogram is called; the kernel checks the callee's accesses against the callee's frame only
# CHECK: prog prog 1 1 1 1 8 -> 0 11 -> 9
# Build B (CONTRACT.md, measured): the callee's read breaks the caller's
# contract; depths [8, 0].
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# B-NOT: may point into the fastcall region
# B: prog prog 1 1 0 0 8 -> 8 11 -> 11
# B-NEXT: sub 0 0 0 0 0 -> 0
	.text
	.type	sub,@function
sub:
	r0 = *(u64 *)(r1 + 0)
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r1 = r10
	r1 += -8
	call sub
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
