/* tc: per-CPU log2 histogram of the time since the skb's timestamp. */
#include "bench.h"

struct hist {
  __u64 slots[64];
  __u64 total_ns;
  __u64 count;
  __u64 max_ns;
};
static struct hist hists[NR_CPUS];

SEC("tc")
int tc_latency_hist(struct __sk_buff *skb) {
  __u64 ts = skb->tstamp;
  __u32 len = skb->len;
  if (!ts)
    return TC_ACT_OK;
  __u64 now = bpf_ktime_get_ns();
  __u64 delta = now > ts ? now - ts : 0;
  __u32 slot = log2_u64(delta);
  struct hist *h = &hists[this_cpu()];
  h->slots[slot & 63]++;
  h->total_ns += delta;
  h->count += len ? 1 : 0;
  if (delta > h->max_ns)
    h->max_ns = delta;
  return TC_ACT_OK;
}
