/* kprobe: six argument registers kept live across two CPU-id reads. */
#include "bench.h"

struct wide_sample {
  __u64 v[6];
  __u64 sum;
  __u64 cpu_mix;
};
static struct wide_sample wide[NR_CPUS];

SEC("kprobe/ip_rcv")
int kprobe_many_fields(struct pt_regs *ctx) {
  __u64 a = ctx->di, b = ctx->si, c = ctx->dx, d = ctx->cx, e = ctx->r8,
        f = ctx->r9;
  __u32 cpu = this_cpu();
  struct wide_sample *w = &wide[cpu];
  w->v[0] = a;
  w->v[1] = b;
  w->v[2] = c;
  __u32 cpu2 = bpf_get_smp_processor_id();
  w->v[3] = d;
  w->v[4] = e;
  w->v[5] = f;
  w->sum += a + b + c + d + e + f;
  w->cpu_mix = cpu ^ cpu2;
  return 0;
}
