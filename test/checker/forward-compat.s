# Forward compatibility: helper 8 (fastcall) and helper 42
# (bpf_get_numa_node_id, not fastcall) share the slot at -8. Both patterns
# are marked so the contract holds; only helper 8's pair is removed and the
# subprogram keeps its 8-byte stack.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+5: note: helper:42 is not fastcall on this kernel/program type: its 1 pair(s) stay
# CHECK: prog prog 1 2 2 1 8 -> 8 10 -> 8
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	*(u64 *)(r10 - 8) = r1
	call 42
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
