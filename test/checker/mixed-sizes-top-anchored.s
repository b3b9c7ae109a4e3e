# Upstream clang's top-anchored brackets with mixed sizes: call A saves r1
# at -8 and r2 at -16, call B saves r1 at -8. lowest_off is -16: A matches
# (2 pairs), B does not; the region is [-16, 0) and B's spill at -8 (insn 8)
# breaks the contract: no bracket of the subprogram is removed.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o \
# RUN:   | FileCheck %s --check-prefix=JSON
# CHECK: prog+4: warning: bracket around helper:8 kept: the subprogram breaks the fastcall stack contract at insn 8
# CHECK: prog+9: warning: bracket of 1 pair(s) around helper:8, but only 0 sit
# CHECK: prog prog 2 2 0 0 16 -> 16 13 -> 13
# JSON: "contract_ok": false,
# JSON: "violations": [
# JSON-NEXT: {
# JSON-NEXT: "insn": 8,
# JSON-NEXT: "reason": "direct stack access at r10-8 inside the fastcall region [-16, 0) is not a bracket spill/fill"
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	r2 = 2
	*(u64 *)(r10 - 8) = r1
	*(u64 *)(r10 - 16) = r2
	call 8
	r2 = *(u64 *)(r10 - 16)
	r1 = *(u64 *)(r10 - 8)
	r1 += r2
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
