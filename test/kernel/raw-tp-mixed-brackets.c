// raw_tp: helper 8 with 3 to 9 values live, in the entry program and a
// noinline subprogram (no bpf_cast_to_kern_ctx: raw_tp has no kernel context
// struct). Every bracket is removed and the result equals the build without
// the plugin.
// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags %no_attrs -I%S/Inputs -c %s -o %t.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -c %s -o %t.nocsr.o
// RUN: %nocsr-run --cpu=0 --json %t.base.o > %t.base.json
// RUN: %nocsr-run --cpu=0 --json %t.nocsr.o > %t.nocsr.json
// RUN: %python %S/Inputs/check_runs.py %t.base.json %t.nocsr.json \
// RUN:   --removed=helper:8=4
// RUN: %nocsr-run --cpu=0 %t.nocsr.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t.base.o | FileCheck %s --check-prefix=BASE

// The arguments are A[i] = 0x9e3779b97f4a7c15 * (i + 1) ^ (i << 56); CPU 0,
// k = 0; see Inputs/mixed_brackets.h for the formula.
// CHECK: raw_tp_mixed (raw_tp, raw_tracepoint): {{.*}} retval 4141771263
// CHECK-NOT: kept
// CHECK: brackets: 4 total, 4 removed, 0 kept, 0 partial
// BASE: raw_tp_mixed (raw_tp, raw_tracepoint): {{.*}} retval 4141771263

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#define NO_KFUNC
#include "mixed_brackets.h"

SEC("raw_tp")
int raw_tp_mixed(__u64 *ctx)
{
  return mixed_brackets(ctx, ctx);
}

char LICENSE[] SEC("license") = "GPL";
