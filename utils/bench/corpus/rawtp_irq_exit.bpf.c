/* raw_tp irq_handler_exit: closes the per-CPU latency measurement. */
#include "bench.h"

struct irq_stats {
  __u64 start;
  __u32 irq;
  __u32 depth;
  __u64 count[16];
  __u64 lat[32];
};
static struct irq_stats irqs[NR_CPUS];

SEC("raw_tp/irq_handler_exit")
int rawtp_irq_exit(struct bpf_raw_tracepoint_args *ctx) {
  __u32 irq = ctx->args[0];
  __u32 ret = ctx->args[1];
  __u64 now = bpf_ktime_get_ns();
  struct irq_stats *s = &irqs[this_cpu()];
  if (!s->start || s->irq != irq)
    return 0;
  __u64 d = now - s->start;
  s->lat[log2_u64(d) & 31]++;
  s->start = 0;
  if (s->depth)
    s->depth--;
  if (ret)
    s->count[(irq + 8) & 15]++;
  return 0;
}
