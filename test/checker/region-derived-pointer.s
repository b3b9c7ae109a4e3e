# Access through a pointer derived from r10 (r3 = r10; r3 += -8): the static
# dataflow sees r10-8, inside the region; the bracket stays.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s
# CHECK: "insns_after": 9,
# CHECK: "insn": 6,
# CHECK-NEXT: "reason": "derived-pointer stack access at r10-8 inside the fastcall region [-8, 0) is not a bracket spill/fill"
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r3 = r10
	r3 += -8
	r0 = *(u64 *)(r3 + 0)
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
