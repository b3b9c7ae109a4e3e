// Helper 42 (bpf_get_numa_node_id) declared eligible, although no kernel
// treats it as fastcall, next to helper 8 and bpf_cast_to_kern_ctx in the
// same functions: its bracket stays (the old-kernel path: real clobbers, the
// spill/fill executed), the others are removed, and the result is right.
// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags %no_attrs -I%S/Inputs -c %s -o %t.base.o
// Every eligible call fully relaxed (-bpf-nocsr-relax-always), so that each
// gets its bracket.
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -mllvm -bpf-nocsr-relax-always \
// RUN:   -c %s -o %t.nocsr.o
// RUN: %nocsr-run --cpu=0 --json %t.base.o > %t.base.json
// RUN: %nocsr-run --cpu=0 --json %t.nocsr.o > %t.nocsr.json
// RUN: %python %S/Inputs/check_runs.py %t.base.json %t.nocsr.json \
// RUN:   --kept=helper:42=1 --removed=helper:8=3 \
// RUN:   --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 %t.nocsr.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t.base.o | FileCheck %s --check-prefix=BASE

// Same packet and formula as xdp-mixed-brackets.c with c2 = NUMA node 0:
// CHECK: xdp_numa (xdp, xdp): {{.*}} retval 2458257384
// CHECK: call helper:42, {{[1-6]}} pair(s) {{.*}} kept
// CHECK: brackets: 6 total, 5 removed, 1 kept, 0 partial
// BASE: xdp_numa (xdp, xdp): {{.*}} retval 2458257384

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_nocsr.h"

static __bpf_fastcall unsigned int (*const numa_node_id)(void) = (void *)42;
#define SECOND_CALL() numa_node_id()
#include "mixed_brackets.h"

SEC("xdp")
int xdp_numa(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  if (data + 64 > data_end)
    return 0;
  return mixed_brackets(data, ctx);
}

char LICENSE[] SEC("license") = "GPL";
