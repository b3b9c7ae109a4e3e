# A bracket around helper 118 (bpf_jiffies64), which x86-64 inlines as
# `r0 = &jiffies ll; r0 = *(u64 *)(r0 + 0)` but no kernel treats as
# fastcall: the kernel marks the 5-pair pattern (r5 at lowest_off -40 next
# to the call, then -32 .. -8) and removes nothing, so the bracket is kept
# and the stack stays 40 deep; xlated = 22 + 2 (the call's three slots).
# nocsr-run once called it "dead" because it did not know the inlined form.
# Sum of r1..r5 = 15.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s
# RUN: %nocsr-run --cpu=0 --json %t.o | FileCheck %s --check-prefix=JSON

# CHECK: jiffies_bracket (raw_tp/sys_enter, raw_tracepoint): insns 22, xlated 24, stack depth 40, retval 15
# CHECK-NEXT: insn 10: call helper:118, 5 pair(s) [r5@-40 r4@-32 r3@-24 r2@-16 r1@-8] kept
# CHECK-NEXT: brackets: 1 total, 0 removed, 1 kept, 0 partial{{$}}

# llvm::json prints keys in sorted order.
# JSON: "brackets": {
# JSON-NEXT: "broken": 0,
# JSON-NEXT: "dead": 0,
# JSON-NEXT: "kept": 1,
# JSON-NEXT: "partial": 0,
# JSON-NEXT: "removed": 0,
# JSON-NEXT: "total": 1,
# JSON-NEXT: "unknown": 0
# JSON: "calls": [
# JSON-NEXT: {
# JSON-NEXT: "bracket": "kept",
# JSON-NEXT: "callee": "helper:118",
# JSON: "removed_pairs": 0

	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	jiffies_bracket
	.type	jiffies_bracket,@function
jiffies_bracket:
	r1 = 1
	r2 = 2
	r3 = 3
	r4 = 4
	r5 = 5
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	*(u64 *)(r10 - 24) = r3
	*(u64 *)(r10 - 32) = r4
	*(u64 *)(r10 - 40) = r5
	call 118
	r5 = *(u64 *)(r10 - 40)
	r4 = *(u64 *)(r10 - 32)
	r3 = *(u64 *)(r10 - 24)
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 += r2
	r0 += r3
	r0 += r4
	r0 += r5
	exit
.Lend:
	.size	jiffies_bracket, .Lend-jiffies_bracket

	.section	license,"aw",@progbits
	.asciz	"GPL"
