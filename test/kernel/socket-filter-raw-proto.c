// Socket filters get helper 8's raw prototype, without the fastcall flag:
// its brackets stay and the program still computes the right result, while
// bpf_cast_to_kern_ctx (fastcall in every program type) loses its brackets
// in the same functions.
// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags %no_attrs -I%S/Inputs -c %s -o %t.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -c %s -o %t.nocsr.o
// RUN: %nocsr-run --cpu=0 --json %t.base.o > %t.base.json
// RUN: %nocsr-run --cpu=0 --json %t.nocsr.o > %t.nocsr.json
// RUN: %python %S/Inputs/check_runs.py %t.base.json %t.nocsr.json \
// RUN:   --kept=helper:8=4 --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 %t.nocsr.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t.base.o | FileCheck %s --check-prefix=BASE

// The socket filter sees the packet after its Ethernet header: w[i] = the
// little-endian words of P[14 + 8i ..], P[i] = 37 * i + 11 (mod 256),
// P[12..13] = 08 00; in = w0..w5, w0 ^ w5, w1 + w4; CPU 0, k = 1; formula
// in Inputs/mixed_brackets.h.
// CHECK: sock_mixed (socket, socket_filter): {{.*}} retval 3734333738
// CHECK: brackets: 6 total, 2 removed, 4 kept, 0 partial
// BASE: sock_mixed (socket, socket_filter): {{.*}} retval 3734333738

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "mixed_brackets.h"

static long (*const skb_load_bytes)(const void *skb, __u32 offset, void *to,
                                    __u32 len) = (void *)26;

SEC("socket")
int sock_mixed(struct __sk_buff *ctx)
{
  __u64 in[8];
  if (skb_load_bytes(ctx, 0, in, 48))
    return 0;
  in[6] = in[0] ^ in[5];
  in[7] = in[1] + in[4];
  return mixed_brackets(in, ctx);
}

char LICENSE[] SEC("license") = "GPL";
