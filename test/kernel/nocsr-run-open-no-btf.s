# A map in SEC(".maps") needs BTF; built without -g the object has none and
# libbpf refuses to open it with -ENOENT. nocsr-run leads with libbpf's
# warning, which says what is wrong (the errno alone reads as a missing
# file), and exits 2. No bpf() needed.
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: sh -c '%nocsr-run %t.o; echo "exit $?"' 2>&1 | FileCheck %s

# CHECK: nocsr-run: cannot open '{{.*}}.o': BTF is required, but is missing or corrupted (No such file or directory)
# CHECK-NEXT: exit 2

	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r0 = 2
	exit
.Lend:
	.size	prog, .Lend-prog

	.type	counts,@object
	.section	.maps,"aw",@progbits
	.globl	counts
	.p2align	3, 0x0
counts:
	.zero	32
	.size	counts, 32

	.section	license,"aw",@progbits
	.asciz	"GPL"
