# Helper 8 in a SEC("syscall") program: the verifier gives syscall programs
# the fastcall prototype of bpf_get_smp_processor_id (unlike cgroup_sock,
# socket filters or cgroup_skb, which share the "other"/socket families),
# so both brackets go. The second bracket is anchored at the lowest slot:
# highest-top leaves depth 0 (measured on 6.18 x86-64, nocsr-run:
# "stack depth 0", 2 removed), lowest-top 8 (the one-pair bracket's top).
# The answer is per program type: the cgroup_sock copy keeps both.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --kernel-build=highest-top --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --kernel-build=lowest-top --arch=x86_64 %t.o | FileCheck %s --check-prefix=LOWEST
# CHECK: sock+4: note: helper:8 is not fastcall on this kernel/program type
# CHECK: sys sys 2 2 2 2 16 -> 0 12 -> 6
# CHECK-NEXT: sock sock 2 2 2 0 16 -> 16 12 -> 12
# LOWEST: sys sys 2 2 2 2 16 -> 8 12 -> 6
	.section	syscall,"ax",@progbits
	.globl	sys
	.type	sys,@function
sys:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r2
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = *(u64 *)(r10 - 8)
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r0 = 0
	exit
.Lsys_end:
	.size	sys, .Lsys_end-sys
	.section	cgroup/sock_create,"ax",@progbits
	.globl	sock
	.type	sock,@function
sock:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r2
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r2 = *(u64 *)(r10 - 8)
	*(u64 *)(r10 - 16) = r1
	call 8
	r1 = *(u64 *)(r10 - 16)
	r0 = 1
	exit
.Lsock_end:
	.size	sock, .Lsock_end-sock
	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
