/* socket filter: two CPU-id reads with six packet fields live across them
 * (more than r6-r9 hold). Brackets stay on every kernel for socket filters. */
#include "bench.h"

struct sock_stats {
  __u64 mix;
  __u64 len_sum;
  __u64 same_cpu;
};
static struct sock_stats sock_stats[NR_CPUS];

SEC("socket")
int sock_two_reads(struct __sk_buff *skb) {
  __u64 len = skb->len, proto = skb->protocol, mark = skb->mark;
  __u64 prio = skb->priority, qmap = skb->queue_mapping, type = skb->pkt_type;
  __u32 cpu = this_cpu();
  struct sock_stats *s = &sock_stats[cpu];
  s->len_sum += len;
  s->mix ^= (proto << 16) ^ (mark << 8) ^ prio;
  __u32 cpu2 = this_cpu();
  s->same_cpu += cpu == cpu2;
  return (len + proto + mark + prio + qmap + type) & 0xffff;
}
