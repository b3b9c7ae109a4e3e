// An unmodified program against Debian's libbpf 1.1 headers: helper 8 comes
// from bpf_helper_defs.h (`static __u32 (*bpf_get_smp_processor_id)(void) =
// (void *) 8;`), the kfunc is declared as vmlinux.h users do. Nothing carries
// an attribute.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void *bpf_cast_to_kern_ctx(void *) __ksym;
extern void *bpf_rdonly_cast(void *, __u32) __ksym;
extern int bpf_not_fastcall_kfunc(void *) __ksym;

SEC("xdp")
int prog(struct xdp_md *ctx) {
  __u32 cpu = bpf_get_smp_processor_id();
  __u32 rnd = bpf_get_prandom_u32(); // helper 7: never fastcall
  void *kctx = bpf_cast_to_kern_ctx(ctx);
  void *ro = bpf_rdonly_cast(kctx, 0);
  int other = bpf_not_fastcall_kfunc(ctx);
  return (cpu + rnd + (long)kctx + (long)ro + other) & 1 ? XDP_PASS : XDP_DROP;
}

char LICENSE[] SEC("license") = "GPL";
