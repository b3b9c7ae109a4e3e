# Brackets around bpf_jiffies64 (helper 118), which x86-64 inlines but no
# kernel treats as fastcall. The verifier marks a pattern around every
# helper call it has a prototype for (bpf_get_call_summary()), with the
# registers the prototype leaves alone: r1-r5 here (no arguments), not r0
# (the result).
#   r5: marked and kept, and being a pattern it does not break the contract,
#       so the helper-8 pair at the same slot is removed; depth stays 8
#       (a non-fastcall pattern keeps the stack).
#   r0: not a pattern; its slot access breaks the contract, nothing removed.
# Measured on 6.18 x86-64 (nocsr-run): r5: helper 8 removed, 118 kept,
# depth 8; r0: both kept, depth 8.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: arg_reg+6: note: helper:118 is not fastcall on this kernel/program type: its 1 pair(s) stay and the subprogram keeps its stack
# CHECK: result_reg+2: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 5
# CHECK: arg_reg arg_reg 1 2 2 1 8 -> 8 10 -> 8
# CHECK-NEXT: result_reg result_reg 1 1 0 0 8 -> 8 10 -> 10
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	arg_reg
	.type	arg_reg,@function
arg_reg:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r5 = 5
	*(u64 *)(r10 - 8) = r5
	call 118
	r5 = *(u64 *)(r10 - 8)
	r0 = r5
	exit
.Larg_reg_end:
	.size	arg_reg, .Larg_reg_end-arg_reg
	.section	raw_tp/sys_exit,"ax",@progbits
	.globl	result_reg
	.type	result_reg,@function
result_reg:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 5
	*(u64 *)(r10 - 8) = r0
	call 118
	r0 = *(u64 *)(r10 - 8)
	r0 &= 1
	exit
.Lresult_reg_end:
	.size	result_reg, .Lresult_reg_end-result_reg
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
