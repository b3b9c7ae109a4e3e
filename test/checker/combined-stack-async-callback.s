# An asynchronous callback runs on a stack of its own: the kernel's
# check_max_stack_depth() skips the ldimm64 of a subprogram marked
# is_async_cb (here passed to bpf_timer_set_callback, helper 170) and checks
# it as a chain of its own. prog (256) and cb (272) each fit; added up they
# would not. Derived from the verifier's source: loading needs a map with a
# bpf_timer, so the kernel is not asked.
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK-NOT: combined stack
# CHECK: prog prog 0 0 0 0 256 -> 256
# CHECK-NEXT: cb 0 0 0 0 272 -> 272
	.text
	.type	cb,@function
cb:
	r1 = 0
	*(u64 *)(r10 - 272) = r1
	r0 = 0
	exit
.Lcb_end:
	.size	cb, .Lcb_end-cb

	.section	tc,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r6 = r1
	r1 = 0
	*(u64 *)(r10 - 256) = r1
	r1 = r6
	r2 = cb ll
	call 170
	r0 = 0
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
