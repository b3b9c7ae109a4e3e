/* tracepoint sched/sched_wakeup: several CPU-id reads with different live sets. */
#include "bench.h"

struct sched_wakeup_args {
  __u64 common;
  char comm[16];
  int pid;
  int prio;
  int target_cpu;
};

struct wake_stats {
  __u64 wakeups;
  __u64 remote;
  __u64 local;
  __u64 prio_sum;
  __u64 pid_xor;
  __u64 target_hist[16];
};
static struct wake_stats wk[NR_CPUS];

SEC("tracepoint/sched/sched_wakeup")
int tp_multi_cpu_reads(struct sched_wakeup_args *ctx) {
  int pid = ctx->pid, prio = ctx->prio, target = ctx->target_cpu;
  __u32 cpu = bpf_get_smp_processor_id();
  wk[cpu & CPU_MASK].wakeups++;
  __u64 key = mix64(pid, prio);
  __u32 cpu2 = this_cpu();
  struct wake_stats *w = &wk[cpu2];
  if ((__u32)target == cpu)
    w->local++;
  else
    w->remote++;
  w->prio_sum += prio;
  w->pid_xor ^= key ^ pid;
  w->target_hist[this_cpu() & 15] += target;
  return 0;
}
