# A subprogram writes the caller's fastcall region through a pointer
# argument. The kernel checks the write against the pointer's frame (the
# caller's), so the caller's bracket stays on both builds (CONTRACT.md,
# "Kernel builds differ"): depths [8, 0].
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --kernel-build=lowest-top --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+2: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 6
# CHECK: prog prog 1 1 0 0 8 -> 8 12 -> 12
# CHECK-NEXT: sub 0 0 0 0 0 -> 0
	.text
	.type	sub,@function
sub:
	r0 = 1
	*(u64 *)(r1 + 0) = r0
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
	r0 = 0
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
