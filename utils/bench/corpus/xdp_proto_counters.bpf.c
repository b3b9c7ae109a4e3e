/* XDP: per-CPU packet and byte counters per L3/L4 protocol. */
#include "bench.h"

struct proto_stats {
  __u64 packets[8];
  __u64 bytes[8];
};
static struct proto_stats stats[NR_CPUS];

enum { P_OTHER, P_IPV4, P_IPV6, P_TCP, P_UDP, P_ICMP, P_FRAG, P_BAD };

SEC("xdp")
int xdp_proto_counters(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  __u64 len = data_end - data;
  struct ethhdr *eth = data;
  __u32 l3 = P_OTHER, l4 = P_OTHER;

  if ((void *)(eth + 1) > data_end) {
    l3 = P_BAD;
    goto count;
  }
  if (eth->h_proto == bpf_htons(ETH_P_IP)) {
    struct iphdr *ip = (void *)(eth + 1);
    l3 = P_IPV4;
    if ((void *)(ip + 1) > data_end)
      goto count;
    if (ip->frag_off & bpf_htons(0x3fff))
      l4 = P_FRAG;
    else if (ip->protocol == IPPROTO_TCP)
      l4 = P_TCP;
    else if (ip->protocol == IPPROTO_UDP)
      l4 = P_UDP;
    else if (ip->protocol == IPPROTO_ICMP)
      l4 = P_ICMP;
  } else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
    struct ipv6hdr *ip6 = (void *)(eth + 1);
    l3 = P_IPV6;
    if ((void *)(ip6 + 1) > data_end)
      goto count;
    if (ip6->nexthdr == IPPROTO_TCP)
      l4 = P_TCP;
    else if (ip6->nexthdr == IPPROTO_UDP)
      l4 = P_UDP;
  }
count:;
  struct proto_stats *s = &stats[this_cpu()];
  s->packets[l3 & 7]++;
  s->bytes[l3 & 7] += len;
  if (l4 != P_OTHER) {
    s->packets[l4 & 7]++;
    s->bytes[l4 & 7] += len;
  }
  return XDP_PASS;
}
