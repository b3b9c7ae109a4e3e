/* XDP: TCP flag and port-class histograms per CPU (IPv4 and IPv6). */
#include "bench.h"

struct tcp_stats {
  __u64 flags[8];
  __u64 well_known;
  __u64 ephemeral;
  __u64 win_zero;
  __u64 syn_bytes;
};
static struct tcp_stats tstats[NR_CPUS];

static __always_inline struct tcphdr *find_tcp(void *data, void *data_end) {
  struct ethhdr *eth = data;
  if ((void *)(eth + 1) > data_end)
    return 0;
  if (eth->h_proto == bpf_htons(ETH_P_IP)) {
    struct iphdr *ip = (void *)(eth + 1);
    if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_TCP ||
        ip->ihl != 5)
      return 0;
    return (void *)(ip + 1);
  }
  if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
    struct ipv6hdr *ip6 = (void *)(eth + 1);
    if ((void *)(ip6 + 1) > data_end || ip6->nexthdr != IPPROTO_TCP)
      return 0;
    return (void *)(ip6 + 1);
  }
  return 0;
}

SEC("xdp")
int xdp_tcp_flags(struct xdp_md *ctx) {
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  struct tcphdr *th = find_tcp(data, data_end);
  if (!th || (void *)(th + 1) > data_end)
    return XDP_PASS;
  __u16 dport = bpf_ntohs(th->dest);
  __u16 win = th->window;
  __u32 syn = th->syn, ack = th->ack, fin = th->fin, rst = th->rst,
        psh = th->psh;
  __u64 len = data_end - data;
  struct tcp_stats *s = &tstats[this_cpu()];
  s->flags[0] += syn;
  s->flags[1] += ack;
  s->flags[2] += fin;
  s->flags[3] += rst;
  s->flags[4] += psh;
  if (syn)
    s->syn_bytes += len;
  if (dport < 1024)
    s->well_known++;
  else
    s->ephemeral++;
  if (!win)
    s->win_zero++;
  return XDP_PASS;
}
