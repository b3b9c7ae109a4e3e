/* XDP: 5-tuple parser that spreads flows over per-CPU hash buckets. */
#include "bench.h"

#define BUCKETS 64
struct bucket_stats {
  __u64 hits[BUCKETS];
  __u64 last_hash;
  __u64 last_len;
};
static struct bucket_stats buckets[NR_CPUS];

SEC("xdp")
int xdp_flow_hash(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
    return XDP_PASS;
  __u32 saddr = ip->saddr, daddr = ip->daddr;
  __u8 proto = ip->protocol;
  __u16 sport = 0, dport = 0;
  if (proto == IPPROTO_TCP || proto == IPPROTO_UDP) {
    struct udphdr *uh = (void *)(ip + 1);
    if ((void *)(uh + 1) > data_end)
      return XDP_PASS;
    sport = uh->source;
    dport = uh->dest;
  }
  __u32 cpu = this_cpu();
  __u64 h = mix64(mix64(mix64(saddr, daddr), ((__u32)sport << 16) | dport),
                  proto);
  struct bucket_stats *b = &buckets[cpu];
  b->hits[h & (BUCKETS - 1)]++;
  b->last_hash = h ^ cpu;
  b->last_len = data_end - data;
  return XDP_PASS;
}
