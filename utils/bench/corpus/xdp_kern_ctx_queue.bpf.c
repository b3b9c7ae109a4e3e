/* XDP: per-queue, per-CPU statistics read from the kernel xdp_buff. */
#include "bench.h"

struct queue_stats {
  __u64 packets[16];
  __u64 bytes[16];
  __u64 frame_sz;
  __u64 ifindex;
};
static struct queue_stats qstats[NR_CPUS];

SEC("xdp")
int xdp_kern_ctx_queue(struct xdp_md *ctx) {
  __u32 len = ctx->data_end - ctx->data;
  __u32 rxq = ctx->rx_queue_index;
  __u32 ifindex = ctx->ingress_ifindex;
  struct xdp_buff *xdp = bpf_cast_to_kern_ctx(ctx);
  __u32 frame = xdp->frame_sz;
  __u32 cpu = this_cpu();
  struct queue_stats *q = &qstats[cpu];
  q->packets[rxq & 15]++;
  q->bytes[rxq & 15] += len;
  q->frame_sz = frame;
  q->ifindex = ifindex;
  return XDP_PASS;
}
