# A value kept in r6 across helper 8 with no bracket: the kind of code clang
# without the plugin produces. Info only, exit status 0.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: prog+1: note: call to helper:8 has no bracket while 1 callee-saved register(s) carry values across it: built without the plugin?
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r6 = 1
	call 8
	r0 += r6
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
