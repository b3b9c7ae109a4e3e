/* XDP: drops packets with a low TTL, with per-CPU drop reasons. */
#include "bench.h"

struct guard_stats {
  __u64 dropped_ttl;
  __u64 dropped_short;
  __u64 passed;
  __u64 min_ttl_seen;
  __u64 ttl_hist[8];
};
static struct guard_stats guard[NR_CPUS];
const volatile __u8 min_ttl = 2;

SEC("xdp")
int xdp_ttl_guard(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  if ((void *)(ip + 1) > data_end) {
    guard[this_cpu()].dropped_short++;
    return XDP_PASS;
  }
  __u8 ttl = ip->ttl;
  __u16 tot = bpf_ntohs(ip->tot_len);
  __u32 ihl = ip->ihl;
  struct guard_stats *g = &guard[this_cpu()];
  g->ttl_hist[(ttl >> 5) & 7]++;
  if (g->min_ttl_seen == 0 || ttl < g->min_ttl_seen)
    g->min_ttl_seen = ttl;
  if (ttl < min_ttl || tot < ihl * 4) {
    g->dropped_ttl++;
    return XDP_DROP;
  }
  g->passed++;
  return XDP_PASS;
}
