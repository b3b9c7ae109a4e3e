# kfunc calls (relocations against undefined symbols). bpf_cast_to_kern_ctx
# takes one argument: r1 is refused in its bracket (prog_r1: kept), r2 is
# allowed (prog_r2: removed).
# Not replayed in the kernel: the kfuncs are relocations without BTF, which
# libbpf cannot resolve (test/kernel/checker/Inputs/kfunc-brackets.c loads the
# same calls).
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s --check-prefix=JSON
# CHECK-DAG: prog_r1 prog_r1 1 0 0 0 8 -> 8 6 -> 6
# CHECK-DAG: prog_r2 prog_r2 1 1 1 1 8 -> 0 7 -> 5
# JSON: "callee": "kfunc:bpf_cast_to_kern_ctx",
	.section	xdp,"ax",@progbits
	.globl	prog_r1
	.type	prog_r1,@function
prog_r1:
	*(u64 *)(r10 - 8) = r1
	call bpf_cast_to_kern_ctx
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 = 0
	exit
.Lprog_r1_end:
	.size	prog_r1, .Lprog_r1_end-prog_r1
	.section	xdp,"ax",@progbits
	.globl	prog_r2
	.type	prog_r2,@function
prog_r2:
	r2 = 1
	*(u64 *)(r10 - 8) = r2
	call bpf_cast_to_kern_ctx
	r2 = *(u64 *)(r10 - 8)
	r0 = r2
	r0 &= 1
	exit
.Lprog_r2_end:
	.size	prog_r2, .Lprog_r2_end-prog_r2

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
