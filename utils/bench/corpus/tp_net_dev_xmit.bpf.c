/* tracepoint net/net_dev_xmit: per-CPU transmit results and lengths. */
#include "bench.h"

struct net_dev_xmit_args {
  __u64 common;
  __u64 skbaddr;
  unsigned int len;
  int rc;
  __u32 name_loc;
};

struct xmit_stats {
  __u64 ok, busy, err;
  __u64 bytes;
  __u64 len_hist[16];
  __u64 last_skb;
};
static struct xmit_stats xs[NR_CPUS];

SEC("tracepoint/net/net_dev_xmit")
int tp_net_dev_xmit(struct net_dev_xmit_args *ctx) {
  __u64 skb = ctx->skbaddr;
  __u32 len = ctx->len;
  int rc = ctx->rc;
  struct xmit_stats *x = &xs[this_cpu()];
  if (rc == 0)
    x->ok++;
  else if (rc == 0x10)
    x->busy++;
  else
    x->err++;
  x->bytes += len;
  x->len_hist[log2_u64(len | 1) & 15]++;
  x->last_skb = skb;
  return 0;
}
