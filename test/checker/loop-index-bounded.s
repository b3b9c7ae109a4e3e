# A stack array indexed by a bounded loop counter (the kprobe_loop_args
# pattern): the counter steps by 8, is spilled around helper 8 by the
# bracket, and the loop exits on an equality test. The verifier walks every
# iteration; the checker's intervals keep the stride and cut at the exit
# constant, so both bound the access.
#
# loop_eq: r1 in {0, 8, ..., 40}, access r10 - 48 + r1 in [-48, -8]; region
# [-56, -48) untouched: pair removed, stack 56 -> 48, 22 -> 20 insns.
# loop_ne32: same loop closed by `if w1 != 48`: removed, 56 -> 48, 22 -> 20.
# loop_down: r1 in {0, -8, ..., -48}, access r10 - 8 + r1 reaches -56, in
# the region (the load at insn 12): bracket kept, 56 -> 56, 22 -> 22.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o \
# RUN:   | FileCheck %s --check-prefix=JSON
# CHECK-NOT: unbounded
# CHECK: loop_down+15: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 12
# CHECK-NOT: unbounded
# CHECK: loop_eq loop_eq 1 1 1 1 56 -> 48 22 -> 20
# CHECK: loop_ne32 loop_ne32 1 1 1 1 56 -> 48 22 -> 20
# CHECK: loop_down loop_down 1 1 0 0 56 -> 56 22 -> 22
# JSON: "name": "loop_eq"
# JSON: "contract_ok": true
# JSON: "removed": true
# JSON: "name": "loop_ne32"
# JSON: "contract_ok": true
# JSON: "removed": true
# JSON: "name": "loop_down"
# JSON: "contract_ok": false
# JSON-NEXT: "violations": [
# JSON-NEXT: {
# JSON-NEXT: "insn": 12,
# JSON-NEXT: "reason": "variable-offset stack access may start at r10-56, inside the fastcall region [-56, -48)"
# JSON: "removed": false

	.section	kprobe/ksys_read,"ax",@progbits
	.globl	loop_eq
	.type	loop_eq,@function
loop_eq:
	r2 = 1
	*(u64 *)(r10 - 48) = r2
	*(u64 *)(r10 - 40) = r2
	*(u64 *)(r10 - 32) = r2
	*(u64 *)(r10 - 24) = r2
	*(u64 *)(r10 - 16) = r2
	*(u64 *)(r10 - 8) = r2
	r6 = 0
	r1 = 0
.Leq_loop:
	r2 = r10
	r2 += -48
	r2 += r1
	r2 = *(u64 *)(r2 + 0)
	r6 += r2
	*(u64 *)(r10 - 56) = r1
	call 8
	r1 = *(u64 *)(r10 - 56)
	r1 += 8
	if r1 == 48 goto .Leq_out
	goto .Leq_loop
.Leq_out:
	r0 = r6
	exit
.Lloop_eq_end:
	.size	loop_eq, .Lloop_eq_end-loop_eq

	.section	kprobe/ksys_write,"ax",@progbits
	.globl	loop_ne32
	.type	loop_ne32,@function
loop_ne32:
	r2 = 1
	*(u64 *)(r10 - 48) = r2
	*(u64 *)(r10 - 40) = r2
	*(u64 *)(r10 - 32) = r2
	*(u64 *)(r10 - 24) = r2
	*(u64 *)(r10 - 16) = r2
	*(u64 *)(r10 - 8) = r2
	r6 = 0
	r1 = 0
.Lne_loop:
	r2 = r10
	r2 += -48
	r2 += r1
	r2 = *(u64 *)(r2 + 0)
	r6 += r2
	*(u64 *)(r10 - 56) = r1
	call 8
	r1 = *(u64 *)(r10 - 56)
	r1 += 8
	if w1 != 48 goto .Lne_loop
	r0 = r6
	r0 += 1
	exit
.Lloop_ne32_end:
	.size	loop_ne32, .Lloop_ne32_end-loop_ne32

	.section	kprobe/ksys_pread64,"ax",@progbits
	.globl	loop_down
	.type	loop_down,@function
loop_down:
	r2 = 1
	*(u64 *)(r10 - 48) = r2
	*(u64 *)(r10 - 40) = r2
	*(u64 *)(r10 - 32) = r2
	*(u64 *)(r10 - 24) = r2
	*(u64 *)(r10 - 16) = r2
	*(u64 *)(r10 - 8) = r2
	r6 = 0
	r1 = 0
.Ldown_loop:
	r2 = r10
	r2 += -8
	r2 += r1
	r2 = *(u64 *)(r2 + 0)
	r6 += r2
	*(u64 *)(r10 - 56) = r1
	call 8
	r1 = *(u64 *)(r10 - 56)
	r1 += -8
	if r1 == -56 goto .Ldown_out
	goto .Ldown_loop
.Ldown_out:
	r0 = r6
	exit
.Lloop_down_end:
	.size	loop_down, .Lloop_down_end-loop_down

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
