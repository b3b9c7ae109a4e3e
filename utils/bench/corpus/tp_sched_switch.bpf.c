/* tracepoint sched/sched_switch: per-CPU runqueue latency bookkeeping. */
#include "bench.h"

struct sched_switch_args {
  __u64 common;
  char prev_comm[16];
  int prev_pid;
  int prev_prio;
  long prev_state;
  char next_comm[16];
  int next_pid;
  int next_prio;
};

struct cpu_sched {
  __u64 last_switch;
  __u64 idle_ns;
  __u64 busy_ns;
  __u64 prio_hist[8];
  __u32 last_pid;
  __u32 pad;
};
static struct cpu_sched cs[NR_CPUS];

SEC("tracepoint/sched/sched_switch")
int tp_sched_switch(struct sched_switch_args *ctx) {
  int prev_pid = ctx->prev_pid, next_pid = ctx->next_pid;
  int next_prio = ctx->next_prio;
  long state = ctx->prev_state;
  __u64 now = bpf_ktime_get_ns();
  struct cpu_sched *c = &cs[this_cpu()];
  if (c->last_switch) {
    __u64 d = now - c->last_switch;
    if (prev_pid == 0)
      c->idle_ns += d;
    else
      c->busy_ns += d;
  }
  c->last_switch = now;
  c->last_pid = next_pid;
  c->prio_hist[(next_prio >> 4) & 7] += state ? 1 : 0;
  return 0;
}
