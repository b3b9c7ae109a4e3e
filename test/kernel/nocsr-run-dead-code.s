# A bracket in code the verifier proves unreachable goes away with that code:
# nocsr-run calls it "dead", neither removed nor kept (a generated program
# once had its helper 42 bracket reported as removed this way). r3 is 0, so
# the branch is always taken; the verifier hard-wires it, deletes the six
# instructions it skips and then the jump itself: 13 - 7 = 6 translated;
# of the six, `r1 += r0` is the one outside the bracket that the verifier
# never rewrites, so nocsr-run counts at least 1 dead instruction.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s

# CHECK: dead_bracket (xdp, xdp): insns 13, xlated 6, dead code >= 1, stack depth 0, retval 12
# CHECK-NEXT: insn 6: call helper:42, 2 pair(s) [r2@-16 r1@-8] dead
# CHECK-NEXT: brackets: 1 total, 0 removed, 0 kept, 0 partial, 1 in dead code

	.section	xdp,"ax",@progbits
	.globl	dead_bracket
	.type	dead_bracket,@function
dead_bracket:
	r1 = 5
	r2 = 7
	r3 = 0
	if r3 == 0 goto .Lout
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 42
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r1 += r0
.Lout:
	r0 = r1
	r0 += r2
	exit
.Lend:
	.size	dead_bracket, .Lend-dead_bracket

	.section	license,"aw",@progbits
	.asciz	"GPL"
