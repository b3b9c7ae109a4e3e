/* kprobe: records several argument registers of a function into per-CPU slots. */
#include "bench.h"

struct arg_sample {
  __u64 a0, a1, a2, a3;
  __u64 calls;
  __u64 big_len;
};
static struct arg_sample args[NR_CPUS];

SEC("kprobe/vfs_write")
int kprobe_syscall_args(struct pt_regs *ctx) {
  __u64 file = ctx->di, buf = ctx->si, count = ctx->dx, pos = ctx->cx;
  struct arg_sample *s = &args[this_cpu()];
  s->a0 = file;
  s->a1 = buf;
  s->a2 = count;
  s->a3 = pos;
  s->calls++;
  if (count > 4096)
    s->big_len++;
  return 0;
}
