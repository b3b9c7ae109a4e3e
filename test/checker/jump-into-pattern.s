# A jump into the middle of a pattern (to the call, skipping the spill). The
# kernel (without the pending fix) still removes the pair; the checker warns.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+3: warning: jump into the bracket of the call at insn 5; the kernel rewrites the pattern anyway
# CHECK: prog prog 1 1 1 1 8 -> 0 10 -> 8
# Build B (CONTRACT.md, measured): the pattern a jump enters is kept.
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# B-NOT: jump into the bracket
# B: prog prog 1 1 0 0 8 -> 8 10 -> 10
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	call 7
	r2 = r0
	r1 = 1
	if r2 == 0 goto .Lcall
	*(u64 *)(r10 - 8) = r1
.Lcall:
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
