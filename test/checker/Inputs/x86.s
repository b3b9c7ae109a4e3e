	.text
	.globl	f
	.type	f,@function
f:
	retq
