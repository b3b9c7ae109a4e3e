# The first half of `r1 = 0 ll` ends the function.
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 2
	.byte	0x18, 0x01, 0, 0, 0, 0, 0, 0
.Lend:
	.size	prog, .Lend-prog
