/* XDP: parser split into non-inlined subprograms, each keeping per-CPU state. */
#include "bench.h"

struct layer_stats {
  __u64 eth, ipv4, ipv6, tcp, udp, other;
  __u64 l4_bytes;
  __u64 hdr_bytes;
};
static struct layer_stats lstats[NR_CPUS];

static __noinline int count_l4(__u32 proto, __u32 hdr_len, __u32 total) {
  struct layer_stats *s = &lstats[this_cpu()];
  if (proto == IPPROTO_TCP)
    s->tcp++;
  else if (proto == IPPROTO_UDP)
    s->udp++;
  else
    s->other++;
  s->l4_bytes += total - hdr_len;
  s->hdr_bytes += hdr_len;
  return 0;
}

static __noinline int count_l3(__u32 is_v6, __u32 proto, __u32 hdr_len,
                               __u32 total) {
  struct layer_stats *s = &lstats[this_cpu()];
  if (is_v6)
    s->ipv6++;
  else
    s->ipv4++;
  return count_l4(proto, hdr_len + 14, total);
}

SEC("xdp")
int xdp_multi_subprog(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end)
    return XDP_PASS;
  __u32 total = data_end - data;
  lstats[this_cpu()].eth++;
  if (eth->h_proto == bpf_htons(ETH_P_IP)) {
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end)
      return XDP_PASS;
    count_l3(0, ip->protocol, ip->ihl * 4, total);
  } else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
    struct ipv6hdr *ip6 = (void *)(eth + 1);
    if ((void *)(ip6 + 1) > data_end)
      return XDP_PASS;
    count_l3(1, ip6->nexthdr, sizeof(*ip6), total);
  }
  return XDP_PASS;
}
