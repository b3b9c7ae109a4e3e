/* raw_tp sched_switch: per-CPU context-switch counts and preemption ratio. */
#include "bench.h"

struct switch_stats {
  __u64 switches;
  __u64 preempted;
  __u64 last_prev;
  __u64 last_next;
  __u64 ts;
};
static struct switch_stats sw[NR_CPUS];

SEC("raw_tp/sched_switch")
int rawtp_sched_switch(struct bpf_raw_tracepoint_args *ctx) {
  __u64 preempt = ctx->args[0];
  __u64 prev = ctx->args[1];
  __u64 next = ctx->args[2];
  __u64 now = bpf_ktime_get_ns();
  struct switch_stats *s = &sw[this_cpu()];
  s->switches++;
  s->preempted += preempt & 1;
  s->last_prev = prev;
  s->last_next = next;
  s->ts = now;
  return 0;
}
