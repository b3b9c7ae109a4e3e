# The same calls bottom-anchored (our plugin's layout): B's single pair sits
# at lowest_off -16. Both match, region [-16, -8) (min(-16+16, -16+8)), all
# 6 bracket insns removed, depth 16 -> 8.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: warning
# CHECK: prog prog 2 2 2 2 16 -> 8 13 -> 7
# Build B of CONTRACT.md ("highest-top", measured there): the region ends at
# the largest bracket's top (-16+16 = 0), so the depth after removal is 0.
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# B-NOT: warning
# B: prog prog 2 2 2 2 16 -> 0 13 -> 7
# Not probed and no build named: the report gives both outcomes.
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s --check-prefix=BOTH
# BOTH: prog+0: note: kernel builds differ on this program and the kernel was not probed: 'lowest-top': removed 2, stack 8; 'highest-top': removed 2, stack 0
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r1 += r2
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r0 = r1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
