# 1: goto +99 (ja, off 99 -> target 101) in a 3-insn program.
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 2
	.byte	0x05, 0x00, 0x63, 0x00, 0, 0, 0, 0
	exit
.Lend:
	.size	prog, .Lend-prog
