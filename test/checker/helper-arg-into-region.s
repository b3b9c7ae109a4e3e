# Helper memory arguments pointing into the region [-8, 0).
# uninit: bpf_probe_read_kernel writes uninitialised memory; the verifier
# checks those bytes as writes by the call, so the contract breaks and the
# bracket stays. rdonly: bpf_trace_printk only reads its buffer; the kernel
# does not check it and removes the bracket; the checker warns.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: uninit+2: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 8
# CHECK: rdonly+18: warning: argument r1 may point into the fastcall region [-8, 0) (r10-8); the kernel does not check this
# CHECK: uninit uninit 1 1 0 0 8 -> 8 11 -> 11
# CHECK: rdonly rdonly 1 1 1 1 8 -> 0 10 -> 8
# Build B (CONTRACT.md, measured): the helper's read of the region breaks
# the contract, rdonly keeps its bracket and its stack.
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o \
# RUN:   | FileCheck %s --check-prefix=B
# B: rdonly+13: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 18
# B: uninit uninit 1 1 0 0 8 -> 8 11 -> 11
# B: rdonly rdonly 1 1 0 0 8 -> 8 10 -> 10
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	uninit
	.type	uninit,@function
uninit:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r1 = r10
	r1 += -8
	r2 = 8
	r3 = 0
	call 113
	r0 = 0
	exit
.Luninit_end:
	.size	uninit, .Luninit_end-uninit
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	rdonly
	.type	rdonly,@function
rdonly:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r1 = r10
	r1 += -8
	r2 = 8
	call 6
	r0 = 0
	exit
.Lrdonly_end:
	.size	rdonly, .Lrdonly_end-rdonly

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
