/* tc: a small per-CPU direct-mapped connection table keyed by 5-tuple hash. */
#include "bench.h"

#define WAYS 32
struct ct_entry {
  __u32 saddr, daddr;
  __u16 sport, dport;
  __u32 packets;
  __u64 bytes;
};
struct ct_table {
  struct ct_entry e[WAYS];
  __u64 evictions;
};
static struct ct_table tables[NR_CPUS];

SEC("tc")
int tc_conntrack_lite(struct __sk_buff *skb) {
  void *data = (void *)(long)skb->data;
  void *data_end = (void *)(long)skb->data_end;
  struct ethhdr *eth = data;
  struct iphdr *ip = (void *)(eth + 1);
  struct tcphdr *th = (void *)(ip + 1);
  if ((void *)(th + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP) ||
      ip->ihl != 5)
    return TC_ACT_OK;
  __u32 saddr = ip->saddr, daddr = ip->daddr;
  __u16 sport = th->source, dport = th->dest;
  __u32 len = skb->len;
  __u32 h = (__u32)mix64(mix64(saddr, daddr), sport ^ ((__u32)dport << 16));
  struct ct_entry *e = &tables[this_cpu()].e[h % WAYS];
  if (e->saddr != saddr || e->daddr != daddr || e->sport != sport ||
      e->dport != dport) {
    if (e->packets)
      tables[this_cpu()].evictions++;
    e->saddr = saddr;
    e->daddr = daddr;
    e->sport = sport;
    e->dport = dport;
    e->packets = 0;
    e->bytes = 0;
  }
  e->packets++;
  e->bytes += len;
  return TC_ACT_OK;
}
