/* XDP: per-CPU token-bucket meter per source /24, drops when exhausted. */
#include "bench.h"

#define SLOTS 128
struct meter {
  __u64 tokens[SLOTS];
  __u64 stamp[SLOTS];
  __u64 drops;
  __u64 passes;
};
static struct meter meters[NR_CPUS];
const volatile __u64 rate_per_ms = 100, burst = 1000;

SEC("xdp")
int xdp_ddos_meter(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
    return XDP_PASS;
  __u32 net = bpf_ntohl(ip->saddr) >> 8;
  __u32 slot = (net ^ (net >> 7) ^ (net >> 14)) % SLOTS;
  __u64 now = bpf_ktime_get_ns() / 1000000;
  __u32 cost = bpf_ntohs(ip->tot_len) / 64 + 1;
  struct meter *m = &meters[this_cpu()];
  __u64 tok = m->tokens[slot] + (now - m->stamp[slot]) * rate_per_ms;
  if (tok > burst)
    tok = burst;
  m->stamp[slot] = now;
  if (tok < cost) {
    m->tokens[slot] = tok;
    m->drops++;
    return XDP_DROP;
  }
  m->tokens[slot] = tok - cost;
  m->passes++;
  return XDP_PASS;
}
