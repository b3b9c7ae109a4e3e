/* tc: sets skb->mark from a small policy table, per-CPU hit counts. */
#include "bench.h"

struct policy {
  __u32 prio_lo, prio_hi, mark, pad;
};
#define NPOL 8
const volatile struct policy policies[NPOL] = {
    {0, 1, 0x10}, {2, 3, 0x20}, {4, 4, 0x30}, {5, 6, 0x40}, {7, 9, 0x50},
};
static __u64 hits[NR_CPUS][NPOL + 1];

SEC("tc")
int tc_mark_policy(struct __sk_buff *skb) {
  __u32 prio = skb->priority;
  __u32 len = skb->len;
  __u32 q = skb->queue_mapping;
  __u32 idx = NPOL;
#pragma unroll
  for (int i = 0; i < NPOL; i++) {
    if (idx == NPOL && prio >= policies[i].prio_lo &&
        prio <= policies[i].prio_hi && policies[i].mark)
      idx = i;
  }
  __u32 cpu = this_cpu();
  hits[cpu][idx]++;
  if (idx < NPOL)
    skb->mark = policies[idx].mark | (q << 16) | (len > 1500);
  return TC_ACT_OK;
}
