# r0 may sit in the bracket of a void callee (bpf_ringbuf_submit: 2 params,
# void; allowed r0, r3-r5) but not of helper 8, which returns a value.
# Helper 132 is not fastcall: its pattern is marked and kept, stack kept.
# Not replayed in the kernel: bpf_ringbuf_submit gets a pointer that is not a
# ring buffer record.
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o | FileCheck %s
# CHECK: "name": "prog_void",
# CHECK: "stack_depth_after": 8,
# CHECK: "insn": 4,
# CHECK-NEXT: "callee": "helper:132",
# CHECK-NEXT: "kernel_fastcall": false,
# CHECK-NEXT: "pairs": 1,
# CHECK-NEXT: "removed": false
# CHECK: "insn": 9,
# CHECK-NEXT: "callee": "helper:8",
# CHECK-NEXT: "kernel_fastcall": true,
# CHECK-NEXT: "pairs": 0,
# CHECK-NEXT: "removed": false
	.section	xdp,"ax",@progbits
	.globl	prog_void
	.type	prog_void,@function
prog_void:
	r0 = 1
	r1 = 0
	r2 = 0
	*(u64 *)(r10 - 8) = r0
	call 132
	r0 = *(u64 *)(r10 - 8)
	exit
.Lprog_void_end:
	.size	prog_void, .Lprog_void_end-prog_void
	.section	xdp,"ax",@progbits
	.globl	prog_nonvoid
	.type	prog_nonvoid,@function
prog_nonvoid:
	r0 = 1
	*(u64 *)(r10 - 8) = r0
	call 8
	r0 = *(u64 *)(r10 - 8)
	exit
.Lprog_nonvoid_end:
	.size	prog_nonvoid, .Lprog_nonvoid_end-prog_nonvoid

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
