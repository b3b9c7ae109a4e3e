// A non-fastcall kfunc (bpf_rcu_read_lock: void, no parameters) whose
// bracket shares the slot at -8 with a helper-8 bracket. The kernel marks
// both patterns (forward compatibility), so the contract holds and helper
// 8's pair goes while the kfunc's stays. The checker needs the kfunc's
// parameter count, which it reads from the object's BTF.
// KERNEL: load
#include <linux/bpf.h>

#define SEC(name) __attribute__((section(name), used))

extern void bpf_rcu_read_lock(void) __attribute__((section(".ksyms")));
extern void bpf_rcu_read_unlock(void) __attribute__((section(".ksyms")));

SEC("xdp") __attribute__((naked)) int rcu_shared(void) {
  asm volatile("r1 = 1;"
               "*(u64 *)(r10 - 8) = r1;"
               "call 8;"
               "r1 = *(u64 *)(r10 - 8);"
               "*(u64 *)(r10 - 8) = r1;"
               "call %[lock];"
               "r1 = *(u64 *)(r10 - 8);"
               "call %[unlock];"
               "r0 = 2;"
               "exit;" ::[lock] "i"(bpf_rcu_read_lock),
               [unlock] "i"(bpf_rcu_read_unlock)
               : "memory");
}

// Plain C calls so that clang emits the kfuncs' BTF.
SEC("xdp") int rcu_c(struct xdp_md *ctx) {
  bpf_rcu_read_lock();
  bpf_rcu_read_unlock();
  return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
