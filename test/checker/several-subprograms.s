# Several subprograms, each with its own lowest_off and region: main's
# bracket at -8 (depth 8 -> 0), sub's bracket at -24 below a frame slot at
# -16 (depth 24 -> 16). libbpf appends sub after main: 15 insns, 4 removed.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s --check-prefix=JSON
# CHECK: prog prog 1 1 1 1 8 -> 0 15 -> 11
# CHECK-NEXT: sub 1 1 1 1 24 -> 16
# JSON: "name": "sub",
# JSON-NEXT: "start": 0,
# JSON-NEXT: "stack_depth_before": 24,
# JSON-NEXT: "stack_depth_after": 16,
	.section	.text,"ax",@progbits
	.globl	sub
	.type	sub,@function
sub:
	r2 = r1
	*(u64 *)(r10 - 16) = r2
	*(u64 *)(r10 - 24) = r2
	call 8
	r2 = *(u64 *)(r10 - 24)
	r0 = *(u64 *)(r10 - 16)
	r0 += r2
	exit
.Lsub_end:
	.size	sub, .Lsub_end-sub
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	call sub
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
