/* kprobe: per-CPU log2 histogram of an allocation size argument. */
#include "bench.h"

struct size_hist {
  __u64 slots[32];
  __u64 zero;
  __u64 sum;
};
static struct size_hist shist[NR_CPUS];

SEC("kprobe/__kmalloc_noprof")
int kprobe_size_hist(struct pt_regs *ctx) {
  __u64 size = ctx->di;
  __u64 flags = ctx->si;
  struct size_hist *h = &shist[this_cpu()];
  if (!size) {
    h->zero++;
    return 0;
  }
  h->slots[log2_u64(size) & 31]++;
  h->sum += size + (flags & 1);
  return 0;
}
