/* Shared declarations for the benchmark corpus.
 *
 * One source builds for every benchmark variant: the eligible callees come
 * from include/bpf_nocsr.h (build with -I<repo>/include).
 */
#ifndef NOCSR_BENCH_H
#define NOCSR_BENCH_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* The project header declares helper 8 and the kfuncs with the attribute when
 * the compiler knows it (clang >= 20, or clang 19 with the plugin) and plain
 * otherwise; libbpf's helper name is redirected to the eligible alias. */
#define BPF_NOCSR_REPLACE_HELPERS
#include <bpf_nocsr.h>

#define __noinline __attribute__((noinline))
#define NR_CPUS 256
#define CPU_MASK (NR_CPUS - 1)
#define this_cpu() (bpf_get_smp_processor_id() & CPU_MASK)

/* Kernel types read through bpf_cast_to_kern_ctx (CO-RE relocated). */
struct net_device {
  int ifindex;
  unsigned int mtu;
} __attribute__((preserve_access_index));

struct xdp_rxq_info {
  struct net_device *dev;
  __u32 queue_index;
} __attribute__((preserve_access_index));

struct xdp_buff {
  void *data;
  void *data_end;
  void *data_meta;
  void *data_hard_start;
  struct xdp_rxq_info *rxq;
  __u32 frame_sz;
  __u32 flags;
} __attribute__((preserve_access_index));

struct sk_buff {
  unsigned int len;
  unsigned int data_len;
  __u16 mac_len;
  __u16 queue_mapping;
  __u32 priority;
  __u32 mark;
  __u32 hash;
  __u16 protocol;
  int skb_iif;
  struct net_device *dev;
} __attribute__((preserve_access_index));

struct pt_regs {
  unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si,
      di, orig_ax, ip, cs, flags, sp, ss;
} __attribute__((preserve_access_index));

static __always_inline __u32 log2_u64(__u64 v) {
  __u32 r = 0;
  if (v >> 32) { v >>= 32; r += 32; }
  if (v >> 16) { v >>= 16; r += 16; }
  if (v >> 8) { v >>= 8; r += 8; }
  if (v >> 4) { v >>= 4; r += 4; }
  if (v >> 2) { v >>= 2; r += 2; }
  if (v >> 1) r += 1;
  return r;
}

static __always_inline __u64 mix64(__u64 h, __u64 v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

char _license[] SEC("license") = "GPL";

#endif /* NOCSR_BENCH_H */
