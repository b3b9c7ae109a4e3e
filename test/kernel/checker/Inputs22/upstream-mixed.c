// Real clang-22 output (native bpf_fastcall): two helper-8 calls with
// different numbers of live caller-saved registers in one function.
// Upstream anchors each bracket at the top of the region, so the smaller
// bracket is not at lowest_off and breaks the contract: the kernel removes
// nothing in `mixed`. In `same`, both brackets have equal size and go.
// KERNEL: load
#include <linux/bpf.h>
#define SEC(n) __attribute__((section(n), used))
static long (*get_cpu)(void) __attribute__((bpf_fastcall)) = (void *)8;

SEC("xdp") int mixed(struct xdp_md *ctx) {
  long a = ctx->ingress_ifindex, b = ctx->rx_queue_index, c = a * b;
  long x = get_cpu(); // a, b, c live
  a += x + b + c;
  long y = get_cpu(); // a live
  return (a + y) & 1;
}

SEC("xdp") int same(struct xdp_md *ctx) {
  long a = ctx->ingress_ifindex, b = ctx->rx_queue_index, c = a ^ b;
  long x = get_cpu(); // a, b live
  long y = get_cpu(); // x + ..., c live
  return (x + y + a + b + c) & 1;
}

char _license[] SEC("license") = "GPL";
