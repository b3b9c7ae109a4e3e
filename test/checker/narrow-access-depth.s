# A 32-bit store and load at r10-12, below the helper-8 bracket at r10-8:
# the access breaks the contract (the bracket stays) and the verifier grows
# the stack in whole 8-byte slots (grow_stack_state()), so the depth is 16,
# not 12. Measured on 6.18 x86-64: "stack depth 16".
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+2: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 5
# CHECK: prog prog 1 1 0 0 16 -> 16 8 -> 8
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r1 = 3
	*(u32 *)(r10 - 12) = r1
	r0 = *(u32 *)(r10 - 12)
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
