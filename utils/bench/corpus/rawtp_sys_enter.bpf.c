/* raw_tp sys_enter: per-CPU syscall-number histogram and argument digest. */
#include "bench.h"

struct sys_stats {
  __u64 nr_hist[64];
  __u64 digest;
  __u64 high_nr;
};
static struct sys_stats sys[NR_CPUS];

SEC("raw_tp/sys_enter")
int rawtp_sys_enter(struct bpf_raw_tracepoint_args *ctx) {
  __u64 regs = ctx->args[0];
  __u64 nr = ctx->args[1];
  __u64 pid_tgid = bpf_get_current_pid_tgid();
  __u32 cpu = this_cpu();
  struct sys_stats *s = &sys[cpu];
  s->nr_hist[nr & 63]++;
  if (nr >= 64)
    s->high_nr++;
  s->digest = mix64(s->digest, regs ^ pid_tgid ^ nr);
  return 0;
}
