# The two-sizes program with a 4-byte store at r10-20, between the smallest
# bracket's top (-24) and the largest's (-16). On build A it is outside its region
# [-32, -24), every bracket removed, depth 24. On build B it is inside its region
# [-32, -16), the contract breaks, both brackets kept (measured on B).
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --kernel-build=lowest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=A
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# A-NOT: breaks the fastcall stack contract
# A: two two 2 2 2 2 32 -> 24 17 -> 11
# B: two+4: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 2
# B: two+9: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 2
# B: two two 2 2 0 0 32 -> 32 17 -> 17
	.section	xdp,"ax",@progbits
	.globl	two
	.type	two,@function
two:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	*(u32 *)(r10 - 20) = r1
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
