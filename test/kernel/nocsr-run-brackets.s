# nocsr-run's verdicts against brackets whose fate follows by hand from the
# kernel's rules (CONTRACT.md): in `matched` both pairs sit at lowest_off and
# lowest_off + 8, so the kernel removes them and the stack depth drops to 0;
# in `displaced` a store at -24 lowers lowest_off, the same bracket no longer
# matches and is kept, and the stack stays 24 deep. Both return 5 + 7 + cpu.
# The verifier inlines helper 8 as three instructions on x86-64: xlated =
# insns - 4 (bracket) + 2 in `matched`, insns + 2 in `displaced`.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s
# RUN: %nocsr-run --cpu=0 --json %t.o | FileCheck %s --check-prefix=JSON
# RUN: %nocsr-run --cpu=0 --no-run --program=displaced %t.o \
# RUN:   | FileCheck %s --check-prefix=ONE

# CHECK: matched (xdp, xdp): insns 10, xlated 8, stack depth 0, retval 12
# CHECK-NEXT: insn 4: call helper:8, 2 pair(s) [r2@-16 r1@-8] removed
# CHECK-NEXT: displaced (xdp, xdp): insns 11, xlated 13, stack depth 24, retval 12
# CHECK-NEXT: insn 5: call helper:8, 2 pair(s) [r2@-16 r1@-8] kept
# CHECK-NEXT: brackets: 2 total, 1 removed, 1 kept, 0 partial

# llvm::json prints keys in sorted order.
# JSON: "programs": [
# JSON: "calls": [
# JSON-NEXT: {
# JSON-NEXT: "bracket": "removed",
# JSON-NEXT: "callee": "helper:8",
# JSON-NEXT: "insn": 4,
# JSON-NEXT: "offsets": [
# JSON-NEXT: -16,
# JSON-NEXT: -8
# JSON-NEXT: ],
# JSON-NEXT: "pairs": 2,
# JSON-NEXT: "regs": [
# JSON-NEXT: 2,
# JSON-NEXT: 1
# JSON: "name": "matched",
# JSON: "retval": 12,
# JSON: "stack_depth": [
# JSON-NEXT: 0
# JSON: "xlated_insns": 8
# JSON: "bracket": "kept",
# JSON: "name": "displaced",

# ONE-NOT: matched
# ONE: displaced (xdp, xdp): {{.*}} not run: not requested
# ONE: kept

	.section	xdp,"ax",@progbits
	.globl	matched
	.type	matched,@function
matched:
	r1 = 5
	r2 = 7
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r0 += r1
	r0 += r2
	exit
.Lmatched_end:
	.size	matched, .Lmatched_end-matched

	.globl	displaced
	.type	displaced,@function
displaced:
	r1 = 5
	r2 = 7
	*(u64 *)(r10 - 24) = r2
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r0 += r1
	r0 += r2
	exit
.Ldisplaced_end:
	.size	displaced, .Ldisplaced_end-displaced

	.section	license,"aw",@progbits
	.asciz	"GPL"
