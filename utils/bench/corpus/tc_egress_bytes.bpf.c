/* tc: per-CPU egress byte and packet counters per priority band. */
#include "bench.h"

struct band_stats {
  __u64 packets[8];
  __u64 bytes[8];
  __u64 marked;
};
static struct band_stats bands[NR_CPUS];

SEC("tc")
int tc_egress_bytes(struct __sk_buff *skb) {
  __u32 len = skb->len;
  __u32 prio = skb->priority;
  __u32 mark = skb->mark;
  __u32 band = prio & 7;
  struct band_stats *b = &bands[this_cpu()];
  b->packets[band]++;
  b->bytes[band] += len;
  if (mark)
    b->marked++;
  return TC_ACT_OK;
}
