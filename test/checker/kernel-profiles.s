# Kernel profiles: helper 8 is fastcall from 6.12 on x86_64/arm64/riscv64
# and from 7.0 on powerpc64 (the JIT inlines it there since then).
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.11 --arch=x86_64 %t.o | FileCheck %s --check-prefix=KEPT
# RUN: %nocsr-check --kernel=6.12 --arch=arm64 %t.o | FileCheck %s --check-prefix=GONE
# RUN: %nocsr-check --kernel=6.12 --arch=riscv64 %t.o | FileCheck %s --check-prefix=GONE
# RUN: %nocsr-check --kernel=6.19 --arch=powerpc64 %t.o | FileCheck %s --check-prefix=KEPT
# RUN: %nocsr-check --kernel=7.0 --arch=ppc64le %t.o | FileCheck %s --check-prefix=GONE
# RUN: %nocsr-check --kernel=latest --arch=x86_64 %t.o | FileCheck %s --check-prefix=GONE
# Saved profiles (--kernel-profile): one where helper 8 is fastcall in XDP,
# one of a kernel without fastcall.
# RUN: %nocsr-check --kernel-profile=%S/Inputs/profile-highest-top.json %t.o | FileCheck %s --check-prefix=GONE
# RUN: %nocsr-check --kernel-profile=%S/Inputs/profile-no-fastcall.json %t.o | FileCheck %s --check-prefix=KEPT
# The running kernel (probed where bpf() is permitted, else the table): one
# of the two outcomes, whole (the kernel's own verdict on this object is
# kernel/checker/agreement.test's).
# RUN: %nocsr-check --kernel=host %t.o 2>&1 | FileCheck %s --check-prefix=HOST
# HOST: prog prog 1 1 1 {{0 8 -> 8 6 -> 6|1 8 -> 0 6 -> 4}}{{$}}
# KEPT: prog prog 1 1 1 0 8 -> 8 6 -> 6
# GONE: prog prog 1 1 1 1 8 -> 0 6 -> 4
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
