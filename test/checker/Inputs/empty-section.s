	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	.size	prog, 0
