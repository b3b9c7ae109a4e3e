/* XDP: many header fields live across several CPU-id reads (mixed bracket sizes). */
#include "bench.h"

struct mix_stats {
  __u64 a[8];
  __u64 b[8];
  __u64 c;
};
static struct mix_stats mix[NR_CPUS];

SEC("xdp")
int xdp_pressure_mix(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  struct udphdr *uh = (void *)(ip + 1);
  if ((void *)(uh + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
    return XDP_PASS;
  __u32 saddr = ip->saddr, daddr = ip->daddr, tos = ip->tos, ttl = ip->ttl;
  __u32 sport = uh->source, dport = uh->dest, ulen = uh->len;
  __u32 c1 = this_cpu();
  mix[c1].a[0] += saddr;
  mix[c1].a[1] += daddr;
  __u32 c2 = this_cpu();
  mix[c2].a[2] += sport ^ dport;
  mix[c2].a[3] += tos;
  mix[c2].a[4] += ttl;
  __u32 c3 = this_cpu();
  mix[c3].b[ttl & 7] += ulen;
  mix[c3].b[tos & 7] += saddr ^ daddr;
  mix[c3].c += sport + dport + ulen + c1 + c2;
  return XDP_PASS;
}
