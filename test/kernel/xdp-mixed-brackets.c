// XDP: helper 8 and bpf_cast_to_kern_ctx with 1 to 9 values live, in the
// entry program and a noinline subprogram. Every bracket is removed and the
// result equals the build without attributes.
// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags %no_attrs -I%S/Inputs -c %s -o %t.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -c %s -o %t.nocsr.o
// RUN: %nocsr-run --cpu=0 --json %t.base.o > %t.base.json
// RUN: %nocsr-run --cpu=0 --json %t.nocsr.o > %t.nocsr.json
// RUN: %python %S/Inputs/check_runs.py %t.base.json %t.nocsr.json \
// RUN:   --removed=helper:8=4 --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 %t.nocsr.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t.base.o | FileCheck %s --check-prefix=BASE
// The default -mcpu is v1 before LLVM 20 and v3 (32-bit sub-registers) from
// 20: both, on every version, give the same result with every bracket gone.
// RUN: for cpu in v1 v3; do \
// RUN:   %clang %bpf_cflags -mcpu=$cpu -I%S/Inputs -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -c %s -o %t.$cpu.o && \
// RUN:   %nocsr-run --cpu=0 %t.$cpu.o || exit 1; \
// RUN: done | FileCheck %s --check-prefix=CPU
// Upstream's own brackets (clang >= 20, no plugin): same result, but with
// mixed bracket sizes the kernel keeps some of them.
// RUN: %if native-bpf-fastcall %{ %clang %bpf_cflags -I%S/Inputs -c %s -o %t.native.o %}
// RUN: %if native-bpf-fastcall %{ %nocsr-run --cpu=0 %t.native.o | FileCheck %s --check-prefix=NATIVE %}
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.

// The packet is P[i] = 37 * i + 11 (mod 256), P[12..13] = 08 00; CPU 0; see
// Inputs/mixed_brackets.h for the formula.
// CHECK: xdp_mixed (xdp, xdp): {{.*}} retval 2458257384
// CHECK-NOT: kept
// CHECK: brackets: 6 total, 6 removed, 0 kept, 0 partial
// BASE: xdp_mixed (xdp, xdp): {{.*}} retval 2458257384
// CPU-COUNT-2: brackets: 6 total, 6 removed, 0 kept, 0 partial
// NATIVE: xdp_mixed (xdp, xdp): {{.*}} retval 2458257384
// NATIVE: brackets: 6 total, {{[0-5]}} removed, {{[1-6]}} kept

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "mixed_brackets.h"

SEC("xdp")
int xdp_mixed(struct xdp_md *ctx)
{
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  if (data + 64 > data_end)
    return 0;
  return mixed_brackets(data, ctx);
}

char LICENSE[] SEC("license") = "GPL";
