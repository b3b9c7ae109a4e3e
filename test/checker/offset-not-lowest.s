# A frame variable stored at -16 makes lowest_off -16; the bracket at -8 is
# not at lowest_off, so the kernel does not match it and keeps it.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+3: warning: bracket of 1 pair(s) around helper:8, but only 0 sit at the kernel's offsets
# CHECK: prog prog 1 1 0 0 16 -> 16 8 -> 8
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 16) = r1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = *(u64 *)(r10 - 16)
	r0 += r1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
