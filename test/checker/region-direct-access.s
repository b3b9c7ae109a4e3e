# A 32-bit store to r10-8 is not a bracket insn and does not count for
# lowest_off, but it touches the region [-8, 0): the bracket stays.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s
# CHECK: "insns_before": 8,
# CHECK-NEXT: "insns_after": 8,
# CHECK: "insn": 4,
# CHECK-NEXT: "reason": "direct stack access at r10-8 inside the fastcall region [-8, 0) is not a bracket spill/fill"
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	*(u32 *)(r10 - 8) = w1
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
