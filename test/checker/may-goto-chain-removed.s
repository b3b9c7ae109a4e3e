# Regression of the first differential run with may_goto (seeds 220000,
# 220018, ...): clang folds loops bounded by may_goto away and leaves a chain
# of may_gotos to one label. opt_remove_nops() drops `may_goto +0` and steps
# back one insn, so `may_goto +1` before it, now +0, goes too: the whole
# chain vanishes, and with no may_goto left do_misc_fixups() adds no slots.
# `chain` keeps its bracket's removal (8 -> 0) and gets no may_goto slots;
# 10 insns lose the pair and the 3 may_gotos: 5. `kept` has a may_goto that
# jumps over real code: it stays, and the timed slots come (0 -> 16).
# Measured on 6.18 x86-64 (nocsr-run): chain depth 0, xlated 5 + 2 (helper
# 8 inlined), retval 1; kept depth 16.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s --check-prefix=JSON
# CHECK: chain chain 1 1 1 1 8 -> 0 10 -> 5
# CHECK: kept kept 0 0 0 0 0 -> 16 4 -> 4
# JSON: "name": "chain",
# JSON: "nops_removed": 3,
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	chain
	.type	chain,@function
chain:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	may_goto .Lout
	may_goto .Lout
	may_goto .Lout
.Lout:
	r0 = r1
	r0 &= 1
	exit
.Lchain_end:
	.size	chain, .Lchain_end-chain
	.section	raw_tp/sys_exit,"ax",@progbits
	.globl	kept
	.type	kept,@function
kept:
	r0 = 0
	may_goto .Lkept_out
	r0 = 1
.Lkept_out:
	exit
.Lkept_end:
	.size	kept, .Lkept_end-kept
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
