# A dead bracketed call right before a may_goto is dead, not removed: the
# verifier expands the may_goto with its scratch register r11 and, where the
# kernel has a timed may_goto, a call of its own (arch_bpf_timed_may_goto).
# That call must not stand in for the dead one (found by the differential
# test: bpf_loop calls in dead code reported as removed brackets). r1 is 1,
# so the branch always skips the bracketed `call 181`.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s

# CHECK: dead_call_may_goto (xdp, xdp): insns 9,
# CHECK-NEXT: insn 3: call helper:181, 1 pair(s) [r5@-16] dead
# CHECK-NEXT: brackets: 1 total, 0 removed, 0 kept, 0 partial, 1 in dead code

	.section	xdp,"ax",@progbits
	.globl	dead_call_may_goto
	.type	dead_call_may_goto,@function
dead_call_may_goto:
	r1 = 1
	if r1 != 0 goto .Lloop
	*(u64 *)(r10 - 16) = r5
	call 181
	r5 = *(u64 *)(r10 - 16)
.Lloop:
	may_goto .Lout
	r0 = 1
.Lout:
	r0 = 0
	exit
.Lfunc_end0:
	.size	dead_call_may_goto, .Lfunc_end0-dead_call_may_goto

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
