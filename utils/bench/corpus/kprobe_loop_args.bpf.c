/* kprobe: folds all argument registers in a loop, CPU id read on every step. */
#include "bench.h"

struct fold_stats {
  __u64 fold[6];
  __u64 calls;
};
static struct fold_stats folds[NR_CPUS];

SEC("kprobe/ksys_read")
int kprobe_loop_args(struct pt_regs *ctx) {
  __u64 regs[6] = {ctx->di, ctx->si, ctx->dx, ctx->cx, ctx->r8, ctx->r9};
  __u64 acc = 0;
#pragma clang loop unroll(disable)
  for (int i = 0; i < 6; i++) {
    __u32 cpu = this_cpu();
    acc = mix64(acc, regs[i]);
    folds[cpu].fold[i] ^= acc;
  }
  folds[this_cpu()].calls++;
  return 0;
}
