# The verifier of this kernel checks the BPF-to-BPF call chain against 512
# bytes after removing fastcall brackets: `chain` needs 264 bytes with its
# bracket (272 rounded up to 16) and `sub` 248 (256), 528 in all, but the
# bracket at -264 matches (lowest_off, one pair, helper 8) and goes, leaving
# 256 + 256 = 512. It loads and returns 2 (from sub) + 1 + 1 = 4.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s

# CHECK: chain (xdp, xdp): {{.*}} stack depth 256+248, retval 4
# CHECK-NEXT: insn 3: call helper:8, 1 pair(s) [r1@-264] removed

	.text
	.type	sub,@function
sub:
	r1 = 2
	*(u64 *)(r10 - 248) = r1
	r0 = *(u64 *)(r10 - 248)
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub

	.section	xdp,"ax",@progbits
	.globl	chain
	.type	chain,@function
chain:
	r1 = 1
	*(u64 *)(r10 - 256) = r1
	*(u64 *)(r10 - 264) = r1
	call 8
	r1 = *(u64 *)(r10 - 264)
	r6 = r1
	call sub
	r2 = *(u64 *)(r10 - 256)
	r0 += r6
	r0 += r2
	exit
.Lchain_end:
	.size	chain, .Lchain_end-chain

	.section	license,"aw",@progbits
	.asciz	"GPL"
