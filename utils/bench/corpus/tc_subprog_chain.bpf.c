/* tc: a chain of non-inlined subprograms, each reading the CPU id. */
#include "bench.h"

struct chain_stats {
  __u64 stage[4];
  __u64 sum_len;
  __u64 sum_hash;
};
static struct chain_stats chain[NR_CPUS];

static __noinline __u32 stage3(__u32 len, __u32 hash, __u32 mark) {
  __u32 cpu = this_cpu();
  chain[cpu].stage[3]++;
  chain[cpu].sum_hash += hash ^ mark;
  return len + hash;
}

static __noinline __u32 stage2(__u32 len, __u32 hash, __u32 mark,
                               __u32 prio) {
  __u32 cpu = this_cpu();
  chain[cpu].stage[2]++;
  return stage3(len + prio, hash, mark) ^ cpu;
}

static __noinline __u32 stage1(__u32 len, __u32 hash, __u32 mark, __u32 prio,
                               __u32 q) {
  __u32 cpu = this_cpu();
  chain[cpu].stage[1] += q;
  chain[cpu].sum_len += len;
  return stage2(len, hash * 31, mark, prio);
}

SEC("tc")
int tc_subprog_chain(struct __sk_buff *skb) {
  __u32 len = skb->len, hash = skb->hash, mark = skb->mark,
        prio = skb->priority, q = skb->queue_mapping;
  chain[this_cpu()].stage[0]++;
  return stage1(len, hash, mark, prio, q) ? TC_ACT_OK : TC_ACT_OK;
}
