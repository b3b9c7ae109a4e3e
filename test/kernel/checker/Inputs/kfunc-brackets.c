// Brackets around the fastcall kfunc bpf_cast_to_kern_ctx, written as naked
// BPF assembly so the layout is exact; compiled from C so that the object
// carries the BTF libbpf needs to resolve the kfunc.
// KERNEL: load
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

extern void *bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));

// r2 saved around the call: allowed (the kfunc takes one argument), removed.
SEC("xdp") __attribute__((naked)) int kfunc_r2(void) {
  asm volatile("r2 = 1;"
               "*(u64 *)(r10 - 8) = r2;"
               "call %[kf];"
               "r2 = *(u64 *)(r10 - 8);"
               "r0 = r2;"
               "exit;" ::[kf] "i"(bpf_cast_to_kern_ctx)
               : "memory");
}

// r1 is the argument: refused, the pair stays.
SEC("xdp") __attribute__((naked)) int kfunc_r1(void) {
  asm volatile("*(u64 *)(r10 - 8) = r1;"
               "call %[kf];"
               "r1 = *(u64 *)(r10 - 8);"
               "r0 = 0;"
               "exit;" ::[kf] "i"(bpf_cast_to_kern_ctx)
               : "memory");
}

// A plain C call: makes clang emit the kfunc's BTF, which libbpf needs.
SEC("xdp") int kfunc_c(struct xdp_md *ctx) {
  return bpf_cast_to_kern_ctx(ctx) ? XDP_PASS : XDP_DROP;
}

char _license[] SEC("license") = "GPL";
