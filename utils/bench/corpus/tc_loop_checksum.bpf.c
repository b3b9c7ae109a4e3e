/* tc: bounded loop summing payload words, per-CPU totals by length class. */
#include "bench.h"

struct csum_stats {
  __u64 sum[4];
  __u64 words;
  __u64 short_pkts;
};
static struct csum_stats csum[NR_CPUS];

SEC("tc")
int tc_loop_checksum(struct __sk_buff *skb) {
  void *data = (void *)(long)skb->data;
  void *data_end = (void *)(long)skb->data_end;
  __u32 len = skb->len;
  __u64 sum = 0;
  __u32 n = 0;
  __u16 *p = data;
#pragma clang loop unroll(disable)
  for (int i = 0; i < 32; i++) {
    if ((void *)(p + 1) > data_end)
      break;
    sum += *p++;
    n++;
  }
  struct csum_stats *c = &csum[this_cpu()];
  if (n < 32)
    c->short_pkts++;
  c->sum[(len >> 9) & 3] += sum;
  c->words += n;
  return TC_ACT_OK;
}
