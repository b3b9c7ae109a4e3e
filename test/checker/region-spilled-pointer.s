# A pointer into the frame spilled to the stack and filled back keeps
# pointing there (the verifier tracks spilled pointers; so does the
# checker). Region [-24, -16). prog_in stores through the filled pointer at
# -24: bracket kept. prog_out stores at -8: bracket removed, 11 -> 9 insns.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog_in+2: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 8
# CHECK: prog_in prog_in 1 1 0 0 24 -> 24 11 -> 11
# CHECK: prog_out prog_out 1 1 1 1 24 -> 16 11 -> 9
	.section	xdp,"ax",@progbits
	.globl	prog_in
	.type	prog_in,@function
prog_in:
	r1 = 1
	*(u64 *)(r10 - 24) = r1
	call 8
	r1 = *(u64 *)(r10 - 24)
	r3 = r10
	r3 += -24
	*(u64 *)(r10 - 16) = r3
	r4 = *(u64 *)(r10 - 16)
	*(u64 *)(r4 + 0) = r1
	r0 = 0
	exit
.Lprog_in_end:
	.size	prog_in, .Lprog_in_end-prog_in

	.globl	prog_out
	.type	prog_out,@function
prog_out:
	r1 = 1
	*(u64 *)(r10 - 24) = r1
	call 8
	r1 = *(u64 *)(r10 - 24)
	r3 = r10
	r3 += -8
	*(u64 *)(r10 - 16) = r3
	r4 = *(u64 *)(r10 - 16)
	*(u64 *)(r4 + 0) = r1
	r0 = 0
	exit
.Lprog_out_end:
	.size	prog_out, .Lprog_out_end-prog_out

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
