/* tc ingress: IPv4/IPv6 + L4 parser with per-CPU per-port-class statistics. */
#include "bench.h"

struct port_stats {
  __u64 dns, http, https, ssh, other;
  __u64 bytes_in;
  __u64 bad;
};
static struct port_stats ports[NR_CPUS];

static __always_inline __u32 classify(__u16 port) {
  switch (port) {
  case 53: return 0;
  case 80: return 1;
  case 443: return 2;
  case 22: return 3;
  }
  return 4;
}

SEC("tc")
int tc_ingress_parser(struct __sk_buff *skb) {
  void *data = (void *)(long)skb->data;
  void *data_end = (void *)(long)skb->data_end;
  struct ethhdr *eth = data;
  __u32 len = skb->len;
  __u16 sport = 0, dport = 0;
  if ((void *)(eth + 1) > data_end)
    goto bad;
  if (eth->h_proto == bpf_htons(ETH_P_IP)) {
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->ihl != 5)
      goto bad;
    struct udphdr *uh = (void *)(ip + 1);
    if ((void *)(uh + 1) > data_end)
      goto bad;
    sport = bpf_ntohs(uh->source);
    dport = bpf_ntohs(uh->dest);
  } else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
    struct ipv6hdr *ip6 = (void *)(eth + 1);
    struct udphdr *uh = (void *)(ip6 + 1);
    if ((void *)(uh + 1) > data_end)
      goto bad;
    sport = bpf_ntohs(uh->source);
    dport = bpf_ntohs(uh->dest);
  }
  __u32 c = classify(dport < sport ? dport : sport);
  struct port_stats *p = &ports[this_cpu()];
  __u64 *slot = &p->dns;
  slot[c]++;
  p->bytes_in += len;
  return TC_ACT_OK;
bad:
  ports[this_cpu()].bad++;
  return TC_ACT_OK;
}
