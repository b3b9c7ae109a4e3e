	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 2
	.byte	0x95, 0, 0, 0
