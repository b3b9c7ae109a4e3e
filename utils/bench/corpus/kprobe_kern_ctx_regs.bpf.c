/* kprobe: reads pt_regs through bpf_cast_to_kern_ctx and hashes them per CPU. */
#include "bench.h"

struct regs_digest {
  __u64 digest;
  __u64 ip_xor;
  __u64 count;
};
static struct regs_digest digests[NR_CPUS];

SEC("kprobe/tcp_sendmsg")
int kprobe_kern_ctx_regs(struct pt_regs *ctx) {
  __u64 a = ctx->di, b = ctx->si, c = ctx->dx;
  struct pt_regs *regs = bpf_cast_to_kern_ctx(ctx);
  __u64 ip = regs->ip, sp = regs->sp;
  struct regs_digest *d = &digests[this_cpu()];
  d->digest = mix64(mix64(mix64(d->digest, a), b), c);
  d->ip_xor ^= ip ^ sp;
  d->count++;
  return 0;
}
