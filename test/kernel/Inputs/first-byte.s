# XDP: returns the first byte of the packet (0 when the packet is empty).
	.section	xdp,"ax",@progbits
	.globl	first_byte
	.type	first_byte,@function
first_byte:
	r2 = *(u32 *)(r1 + 0)
	r3 = *(u32 *)(r1 + 4)
	r0 = 0
	r4 = r2
	r4 += 1
	if r4 > r3 goto .Lout
	r0 = *(u8 *)(r2 + 0)
.Lout:
	exit
.Lend:
	.size	first_byte, .Lend-first_byte

	.section	license,"aw",@progbits
	.asciz	"GPL"
