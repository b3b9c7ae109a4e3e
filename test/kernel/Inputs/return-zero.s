	.section	xdp,"ax",@progbits
	.globl	return_zero
	.type	return_zero,@function
return_zero:
	r0 = 0
	exit
.Lend:
	.size	return_zero, .Lend-return_zero

	.section	license,"aw",@progbits
	.asciz	"GPL"
