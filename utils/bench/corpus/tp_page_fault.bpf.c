/* tracepoint exceptions/page_fault_user: per-CPU fault address buckets. */
#include "bench.h"

struct page_fault_args {
  __u64 common;
  __u64 address;
  __u64 ip;
  __u64 error_code;
};

struct fault_stats {
  __u64 writes, reads, kernel_ip, user_ip;
  __u64 region[16];
  __u64 last_addr;
};
static struct fault_stats fs[NR_CPUS];

SEC("tracepoint/exceptions/page_fault_user")
int tp_page_fault(struct page_fault_args *ctx) {
  __u64 addr = ctx->address, ip = ctx->ip, err = ctx->error_code;
  struct fault_stats *f = &fs[this_cpu()];
  if (err & 2)
    f->writes++;
  else
    f->reads++;
  if (ip >> 63)
    f->kernel_ip++;
  else
    f->user_ip++;
  f->region[(addr >> 40) & 15]++;
  f->last_addr = addr;
  return 0;
}
