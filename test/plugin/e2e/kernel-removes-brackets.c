// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | grep 'r10 -' | count 8
// RUN: %utils/scripts/bpf_xlated.sh %t.o prog > %t.xlated
// RUN: FileCheck %s --check-prefix=XLATED < %t.xlated
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
//
// The running kernel (fastcall verifier, helper 8 inlined in XDP) removes
// both brackets of a function whose calls keep 3 and 1 registers, and the
// stack is no longer touched (the object has 8 r10 accesses: 4 pairs).
// With clang-22's placement the kernel removes none of them.

#include <linux/bpf.h>

static __attribute__((bpf_fastcall)) unsigned (*get_cpu)(void) = (void *)8;

__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) {
  unsigned long a = ctx->rx_queue_index, b = ctx->ingress_ifindex;
  unsigned long c = ctx->data_end - ctx->data;
  unsigned long cpu = get_cpu();
  unsigned long t = ((a ^ cpu) * b) ^ c;
  unsigned long cpu2 = get_cpu();
  return ((t + cpu2) & 1) + 1;
}

char _license[] __attribute__((section("license"), used)) = "GPL";

// XLATED:     int prog(struct xdp_md * ctx):
// XLATED-NOT: r10
// XLATED:     exit
