/* socket filter: per-CPU packet-length histogram. Helper 8 is not fastcall
 * for socket filters on any kernel, so the kernel keeps its bracket: this is
 * the old-kernel path, run with BPF_PROG_TEST_RUN. */
#include "bench.h"

struct len_hist {
  __u64 slots[16];
  __u64 bytes;
  __u64 packets;
};
static struct len_hist sock_hists[NR_CPUS];

SEC("socket")
int sock_cpu_hist(struct __sk_buff *skb) {
  __u32 len = skb->len, proto = skb->protocol, mark = skb->mark;
  __u32 ifindex = skb->ifindex, hash = skb->hash;
  struct len_hist *h = &sock_hists[this_cpu()];
  h->slots[(len >> 6) & 15]++;
  h->bytes += len;
  h->packets++;
  return (len + proto + mark + ifindex + hash) & 0xffff;
}
