// REQUIRES: clang-14
// RUN: %clang14 -target bpf -O2 -g -Wall -Wextra -Werror \
// RUN:   -I%arch_include -I%src_include -c %s -o %t.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s
//
// clang 14 without the plugin knows none of the attributes: the header
// still compiles without a warning next to libbpf's, its macros expand to
// nothing and the call is an ordinary one (no bracket; the value live across
// it sits in a callee-saved register). The LLVM 14 build's plugin tests cover
// clang 14 with the plugin.

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf_nocsr.h>

#if __has_attribute(bpf_fastcall) || __has_attribute(nocsr)
#error "clang 14 should not know the attributes"
#endif

SEC("xdp")
int prog(struct xdp_md *ctx) {
  return bpf_nocsr_get_smp_processor_id() + ctx->rx_queue_index;
}

char LICENSE[] SEC("license") = "GPL";

// CHECK:      r6 = r1
// CHECK-NEXT: call 0x8
// CHECK-NOT:  r10
