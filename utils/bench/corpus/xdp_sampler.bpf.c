/* XDP: 1-in-N packet sampler into a ring buffer, with per-CPU counts. */
#include "bench.h"

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1 << 16);
} samples SEC(".maps");

struct sample {
  __u32 cpu;
  __u32 len;
  __u32 rxq;
  __u32 ifindex;
  __u8 head[32];
};
static __u64 seen[NR_CPUS];
const volatile __u32 sample_rate = 64;

SEC("xdp")
int xdp_sampler(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  __u32 len = data_end - data;
  __u32 rxq = ctx->rx_queue_index;
  __u32 ifindex = ctx->ingress_ifindex;
  __u32 cpu = this_cpu();
  __u64 n = ++seen[cpu];
  if (n % sample_rate)
    return XDP_PASS;
  if (data + 32 > data_end)
    return XDP_PASS;
  struct sample *s = bpf_ringbuf_reserve(&samples, sizeof(*s), 0);
  if (!s)
    return XDP_PASS;
  s->cpu = bpf_get_smp_processor_id();
  s->len = len;
  s->rxq = rxq;
  s->ifindex = ifindex;
  __builtin_memcpy(s->head, data, 32);
  bpf_ringbuf_submit(s, 0);
  return XDP_PASS;
}
