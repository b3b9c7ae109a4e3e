/* tracepoint syscalls/sys_enter_write: per-CPU write size histogram per fd class. */
#include "bench.h"

struct sys_enter_write_args {
  __u64 common;
  int nr;
  __u64 fd;
  __u64 buf;
  __u64 count;
};

struct write_stats {
  __u64 by_fd[4];
  __u64 size_hist[32];
  __u64 bytes;
};
static struct write_stats ws[NR_CPUS];

SEC("tracepoint/syscalls/sys_enter_write")
int tp_sys_enter_write(struct sys_enter_write_args *ctx) {
  __u64 fd = ctx->fd, count = ctx->count, buf = ctx->buf;
  __u32 cls = fd < 3 ? fd : 3;
  struct write_stats *w = &ws[this_cpu()];
  w->by_fd[cls & 3]++;
  w->size_hist[log2_u64(count | 1) & 31]++;
  w->bytes += count + (buf & 0);
  return 0;
}
