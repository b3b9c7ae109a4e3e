# A value spilled to the stack across helper 8, which has no bracket: the
# code clang without the plugin produces once r6-r9 are taken (with the
# plugin the value could stay in r1-r5 inside a bracket the kernel removes).
# Values that r6-r9 carry across the call at no cost are no missed gain:
# no note for `kept` (the plugin's choice when r6-r9 suffice). Info only,
# exit status 0.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: kept+{{[0-9]+}}: note
# CHECK: prog+7: note: call to helper:8 has no bracket while 1 value(s) are spilled to the stack across it: built without the plugin?
# CHECK-NOT: kept+{{[0-9]+}}: note
	.text
	.type	kept,@function
kept:
	r6 = 1
	r7 = 2
	r8 = 3
	r9 = 4
	call 8
	r0 += r6
	r0 += r7
	r0 += r8
	r0 += r9
	exit
.Lkept_end:
	.size	kept, .Lkept_end-kept

	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r6 = 1
	r7 = 2
	r8 = 3
	r9 = 4
	r1 = 5
	*(u64 *)(r10 - 8) = r1
	r0 = 0
	call 8
	r0 += r6
	r0 += r7
	r0 += r8
	r0 += r9
	r1 = *(u64 *)(r10 - 8)
	r0 += r1
	call kept
	r0 &= 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
