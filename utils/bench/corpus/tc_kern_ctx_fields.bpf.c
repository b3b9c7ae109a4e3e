/* tc: reads sk_buff fields through bpf_cast_to_kern_ctx into per-CPU slots. */
#include "bench.h"

struct skb_sample {
  __u64 len, data_len, mac_len, queue, hash, iif, count;
};
static struct skb_sample samples[NR_CPUS];

SEC("tc")
int tc_kern_ctx_fields(struct __sk_buff *ctx) {
  __u32 ifindex = ctx->ifindex;
  __u32 proto = ctx->protocol;
  __u32 tc_index = ctx->tc_index;
  struct sk_buff *skb = bpf_cast_to_kern_ctx(ctx);
  struct skb_sample *s = &samples[this_cpu()];
  s->len = skb->len;
  s->data_len = skb->data_len;
  s->mac_len = skb->mac_len;
  s->queue = skb->queue_mapping;
  s->hash = skb->hash ^ proto ^ tc_index;
  s->iif = skb->skb_iif ^ ifindex;
  s->count++;
  return TC_ACT_OK;
}
