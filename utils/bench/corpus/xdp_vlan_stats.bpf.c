/* XDP: VLAN-aware parser with per-CPU per-VLAN counters. */
#include "bench.h"

struct vlan_hdr {
  __be16 tci;
  __be16 encap_proto;
};
#define NVLAN 32
struct vlan_stats {
  __u64 packets[NVLAN];
  __u64 bytes[NVLAN];
  __u64 untagged;
  __u64 double_tagged;
};
static struct vlan_stats vstats[NR_CPUS];

SEC("xdp")
int xdp_vlan_stats(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end)
    return XDP_PASS;
  __u64 len = data_end - data;
  __u16 proto = eth->h_proto;
  __u32 vid = 0, depth = 0;
  struct vlan_hdr *vh = (void *)(eth + 1);
#pragma unroll
  for (int i = 0; i < 2; i++) {
    if (proto != bpf_htons(ETH_P_8021Q) && proto != bpf_htons(ETH_P_8021AD))
      break;
    if ((void *)(vh + 1) > data_end)
      return XDP_PASS;
    vid = bpf_ntohs(vh->tci) & 0x0fff;
    proto = vh->encap_proto;
    depth++;
    vh++;
  }
  struct vlan_stats *s = &vstats[this_cpu()];
  if (depth == 0)
    s->untagged++;
  else if (depth > 1)
    s->double_tagged++;
  s->packets[vid % NVLAN]++;
  s->bytes[vid % NVLAN] += len;
  return XDP_PASS;
}
