# One spill/fill pair of r1 at lowest_off -8 around helper 8 in an XDP
# program: the kernel removes it and the stack shrinks from 8 to
# -(lowest_off + 8) = 0 bytes; 8 insns become 6.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --format=json %t.o \
# RUN:   | FileCheck %s --check-prefix=JSON
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 --no-table --print-xlated %t.o \
# RUN:   | FileCheck %s --check-prefix=XLATED
# CHECK-NOT: warning
# CHECK: program subprogram eligible brackets recognised removed stack insns
# CHECK-NEXT: prog prog 1 1 1 1 8 -> 0 8 -> 6
# JSON:      "name": "prog",
# JSON-NEXT: "section": "xdp",
# JSON-NEXT: "insns_before": 8,
# JSON-NEXT: "insns_after": 6,
# JSON-NEXT: "nops_removed": 0,
# JSON-NEXT: "subprograms": [
# JSON-NEXT:   {
# JSON-NEXT:     "name": "prog",
# JSON-NEXT:     "start": 0,
# JSON-NEXT:     "stack_depth_before": 8,
# JSON-NEXT:     "stack_depth_after": 0,
# JSON-NEXT:     "contract_ok": true,
# JSON-NEXT:     "violations": [],
# JSON-NEXT:     "calls": [
# JSON-NEXT:       {
# JSON-NEXT:         "insn": 2,
# JSON-NEXT:         "callee": "helper:8",
# JSON-NEXT:         "kernel_fastcall": true,
# JSON-NEXT:         "pairs": 1,
# JSON-NEXT:         "removed": true
# JSON-NEXT:       }
# JSON-NEXT:     ]
# JSON-NEXT:   }
# JSON-NEXT: ],
# JSON-NEXT: "findings": []
# XLATED: program prog (section xdp): 8 -> 6 insns
# XLATED-NEXT: 0: b7 01 00 00 01 00 00 00 r1 = 1
# XLATED-NEXT: 1: 85 00 00 00 08 00 00 00 call 8
# XLATED-NEXT: 2: bf 10 00 00 00 00 00 00 r0 = r1
	.section	xdp,"ax",@progbits
	.globl	prog
	.type	prog,@function
prog:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = r1
	r0 &= 1
	r0 += 1
	exit
.Lprog_end:
	.size	prog, .Lprog_end-prog

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
