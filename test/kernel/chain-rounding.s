# check_max_stack_depth() adds up the frames of a BPF-to-BPF call chain, each
# rounded by round_up_stack_depth(): to 16 bytes when the program is JITed,
# to 32 for the interpreter. With the JIT (this machine; the case the plugin
# and the checker assume, bpf_nocsr/CallChain.h), `chain` (200 bytes, 208
# rounded) calling `sub` (304) needs 512 bytes and loads; rounded to 32 it
# would need 224 + 320 = 544. Moving chain's slot to -216 (224 rounded) makes
# 528, which the verifier rejects.
# REQUIRES: bpf-load
# RUN: %clang -target bpf -c %s -o %t.o
# RUN: %nocsr-run --cpu=0 %t.o | FileCheck %s
# RUN: sed 's/r10 - 200/r10 - 216/' %s > %t.over.s
# RUN: %clang -target bpf -c %t.over.s -o %t.over.o
# RUN: not %nocsr-run --cpu=0 %t.over.o | FileCheck %s --check-prefix=OVER

# CHECK: chain (xdp, xdp): {{.*}} stack depth 200+304, retval 3
# OVER: chain (xdp, xdp): NOT LOADED
# OVER-NEXT: combined stack size of 2 calls is 528. Too large

	.text
	.type	sub,@function
sub:
	r1 = 2
	*(u64 *)(r10 - 304) = r1
	r0 = *(u64 *)(r10 - 304)
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub

	.section	xdp,"ax",@progbits
	.globl	chain
	.type	chain,@function
chain:
	r1 = 1
	*(u64 *)(r10 - 200) = r1
	call sub
	r1 = *(u64 *)(r10 - 200)
	r0 += r1
	exit
.Lchain_end:
	.size	chain, .Lchain_end-chain

	.section	license,"aw",@progbits
	.asciz	"GPL"
