/* tc: loops inside several subprograms, each bumping a per-CPU counter. */
#include "bench.h"

struct loop_stats {
  __u64 rounds[4];
  __u64 acc[4];
};
static struct loop_stats ls[NR_CPUS];

static __noinline __u64 fold_words(__u64 seed, __u32 n, __u32 which) {
  __u64 acc = seed;
#pragma clang loop unroll(disable)
  for (__u32 i = 0; i < 8; i++) {
    if (i >= n)
      break;
    acc = mix64(acc, i * 0x10001ULL + which);
  }
  struct loop_stats *s = &ls[this_cpu()];
  s->rounds[which & 3] += n;
  s->acc[which & 3] ^= acc;
  return acc;
}

static __noinline __u64 fold_pair(__u64 x, __u64 y, __u32 n) {
  __u64 a = fold_words(x, n, 0);
  __u64 b = fold_words(y, n + 1, 1);
  __u32 cpu = this_cpu();
  ls[cpu].acc[2] += a ^ b ^ x;
  return a + b + y;
}

SEC("tc")
int tc_subprog_loops(struct __sk_buff *skb) {
  __u64 x = skb->hash, y = skb->mark;
  __u32 n = skb->len & 7;
  __u64 r = fold_pair(x, y, n);
  r ^= fold_words(r, n, 3);
  ls[this_cpu()].acc[3] += r + x;
  return TC_ACT_OK;
}
