	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 2
	exit
.Lend:
	.size	prog, .Lend-prog
