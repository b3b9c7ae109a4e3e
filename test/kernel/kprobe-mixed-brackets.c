// kprobe: helper 8 and bpf_cast_to_kern_ctx with several values live. Loaded
// and translated only (kprobes have no BPF_PROG_TEST_RUN): every bracket is
// removed.
// REQUIRES: bpf-load
// RUN: %clang %bpf_cflags %no_attrs -I%S/Inputs -c %s -o %t.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -c %s -o %t.nocsr.o
// RUN: %nocsr-run --cpu=0 --json %t.base.o > %t.base.json
// RUN: %nocsr-run --cpu=0 --json %t.nocsr.o > %t.nocsr.json
// RUN: %python %S/Inputs/check_runs.py %t.base.json %t.nocsr.json --no-run \
// RUN:   --removed=helper:8=4 --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 %t.nocsr.o | FileCheck %s
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.

// CHECK: kprobe_mixed (kprobe/do_nanosleep, kprobe): {{.*}} not run: no BPF_PROG_TEST_RUN for kprobe
// CHECK-NOT: kept
// CHECK: brackets: 6 total, 6 removed, 0 kept, 0 partial

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "mixed_brackets.h"

SEC("kprobe/do_nanosleep")
int kprobe_mixed(void *ctx)
{
  /* The first eight words of struct pt_regs. */
  return mixed_brackets(ctx, ctx);
}

char LICENSE[] SEC("license") = "GPL";
