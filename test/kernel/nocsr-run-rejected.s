# A program the verifier rejects (r0 is never set before exit) is reported
# with the tail of the verifier log and exits 1, apart from the 2 of an
# unreadable object.
# REQUIRES: bpf-load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: sh -c '%nocsr-run %t.o; echo "exit $?"' 2>&1 | FileCheck %s
# RUN: sh -c '%nocsr-run --json %t.o; echo "exit $?"' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=JSON

# CHECK: no_return_value (xdp, xdp): NOT LOADED: load failed: Permission denied
# CHECK: R0 !read_ok
# CHECK: exit 1

# JSON: "error": "load failed: Permission denied",
# JSON: "loaded": false,
# JSON: "verifier_log": "{{.*}}R0 !read_ok
# JSON: exit 1

	.section	xdp,"ax",@progbits
	.globl	no_return_value
	.type	no_return_value,@function
no_return_value:
	r2 = 1
	exit
.Lend:
	.size	no_return_value, .Lend-no_return_value

	.section	license,"aw",@progbits
	.asciz	"GPL"
