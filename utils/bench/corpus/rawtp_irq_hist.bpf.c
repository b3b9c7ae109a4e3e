/* raw_tp irq_handler_entry/exit: per-CPU IRQ counts and handler latency histogram. */
#include "bench.h"

struct irq_stats {
  __u64 start;
  __u32 irq;
  __u32 depth;
  __u64 count[16];
  __u64 lat[32];
};
static struct irq_stats irqs[NR_CPUS];

SEC("raw_tp/irq_handler_entry")
int rawtp_irq_entry(struct bpf_raw_tracepoint_args *ctx) {
  __u32 irq = ctx->args[0];
  __u64 now = bpf_ktime_get_ns();
  struct irq_stats *s = &irqs[this_cpu()];
  s->start = now;
  s->irq = irq;
  s->depth++;
  s->count[irq & 15]++;
  return 0;
}
