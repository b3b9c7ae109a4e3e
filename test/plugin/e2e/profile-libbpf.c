// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-eligible=profile:latest -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr -c %s -o %t.attr.o 2>&1 | count 0
// RUN: %llvm-objdump -d --no-show-raw-insn %t.attr.o | FileCheck %s --check-prefix=ATTR
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
//
// An unmodified program against Debian's libbpf 1.1 headers, which do not
// mark helper 8: in profile mode the back end brackets it exactly as if it
// were attributed (3-slot region, anchor -24); in the default attr mode the
// code has no bracket and no remark.

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int prog(struct xdp_md *ctx) {
  unsigned long a = ctx->rx_queue_index, b = ctx->ingress_ifindex;
  unsigned long c = ctx->data_end - ctx->data;
  unsigned long t = ((a ^ bpf_get_smp_processor_id()) * b) ^ c;
  // REMARK: profile-libbpf.c:[[#@LINE-1]]:27: remark: call to helper 8 keeps 3 caller-saved registers (r2, r3, r4) live; bracket at r10-24..r10-8
  return ((t + bpf_get_smp_processor_id()) & 1) + 1;
  // REMARK: profile-libbpf.c:[[#@LINE-1]]:16: remark: call to helper 8 keeps 1 caller-saved register (r1) live; bracket at r10-24..r10-24
}

char _license[] SEC("license") = "GPL";

// CHECK:      *(u64 *)(r10 - 0x18) = r4
// CHECK-NEXT: call 0x8
// CHECK:      *(u64 *)(r10 - 0x18) = r1
// CHECK-NEXT: call 0x8
// CHECK-NEXT: r1 = *(u64 *)(r10 - 0x18)
// Without the profile nothing is marked: both calls, no bracket.
// ATTR-NOT:   r10
// ATTR:       call 0x8
// ATTR-NOT:   r10
// ATTR:       call 0x8
// ATTR-NOT:   r10
