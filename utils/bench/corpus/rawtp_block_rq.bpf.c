/* raw_tp block_rq_issue: per-CPU request counts with several reads of the CPU id. */
#include "bench.h"

struct rq_stats {
  __u64 issued;
  __u64 last_rq;
  __u64 last_ts;
  __u64 gaps[16];
};
static struct rq_stats rqs[NR_CPUS];

static __noinline void note_gap(__u64 now, __u64 rq) {
  struct rq_stats *s = &rqs[this_cpu()];
  if (s->last_ts)
    s->gaps[log2_u64(now - s->last_ts) & 15]++;
  s->last_ts = now;
  s->last_rq = rq;
}

SEC("raw_tp/block_rq_issue")
int rawtp_block_rq(struct bpf_raw_tracepoint_args *ctx) {
  __u64 rq = ctx->args[0];
  __u64 now = bpf_ktime_get_ns();
  rqs[this_cpu()].issued++;
  note_gap(now, rq);
  return 0;
}
