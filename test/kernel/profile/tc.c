// tc (sched_cls): an unmodified libbpf program, built against Debian's libbpf
// 1.1 headers and against a vmlinux.h dumped from this kernel, neither of which
// marks helper 8 or bpf_cast_to_kern_ctx. With eligible=profile:latest the
// kernel removes every bracket and the result equals the build without the
// plugin; in attr mode the object is byte-identical to the no-plugin one and the only
// remark says how to opt in.
// REQUIRES: bpf-load
// RUN: rm -rf %t && mkdir -p %t
// RUN: bpftool btf dump file /sys/kernel/btf/vmlinux format c > %t/vmlinux.h
// RUN: not grep -q -e bpf_fastcall -e no_caller_saved_registers %t/vmlinux.h
//
// Each header set: no plugin, profile mode, attr mode (the default).
// RUN: %clang %bpf_cflags -I%S/Inputs -c %s -o %t/libbpf.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin -mllvm -bpf-nocsr-relax-always \
// RUN:   -fplugin-arg-BPFNoCSR-eligible=profile:latest \
// RUN:   -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr \
// RUN:   -Rpass-missed=bpf-nocsr -c %s -o %t/libbpf.profile.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK \
// RUN:     --implicit-check-not=warning --implicit-check-not='not relaxed'
// RUN: %clang %bpf_cflags -I%S/Inputs -fplugin=%plugin \
// RUN:   -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr \
// RUN:   -Rpass-missed=bpf-nocsr -c %s -o %t/libbpf.attr.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ATTR-REMARK --implicit-check-not=remark:
// With LLVM 22 the plugin's relaxation pass sits in the pipeline even in
// attr mode, and clang-22 then orders some BTF forward declarations
// differently: there the code and relocations must be identical.
// RUN: %if native-bpf-fastcall || llvm-15 %{ %llvm-objdump -d -r %t/libbpf.base.o | tail -n +3 > %t/libbpf.base.o.dis \
// RUN:   && %llvm-objdump -d -r %t/libbpf.attr.o | tail -n +3 > %t/libbpf.attr.o.dis && diff %t/libbpf.base.o.dis %t/libbpf.attr.o.dis %} \
// RUN:   %else %{ cmp %t/libbpf.base.o %t/libbpf.attr.o %}
//
// RUN: %clang %bpf_cflags -I%S/Inputs -DUSE_VMLINUX -I%t -c %s \
// RUN:   -o %t/vmlinux.base.o
// RUN: %clang %bpf_cflags -I%S/Inputs -DUSE_VMLINUX -I%t -fplugin=%plugin -mllvm -bpf-nocsr-relax-always \
// RUN:   -fplugin-arg-BPFNoCSR-eligible=profile:latest \
// RUN:   -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr \
// RUN:   -Rpass-missed=bpf-nocsr -c %s -o %t/vmlinux.profile.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK \
// RUN:     --implicit-check-not=warning --implicit-check-not='not relaxed'
// RUN: %clang %bpf_cflags -I%S/Inputs -DUSE_VMLINUX -I%t -fplugin=%plugin \
// RUN:   -fplugin-arg-BPFNoCSR-selfcheck=on -Rpass=bpf-nocsr \
// RUN:   -Rpass-missed=bpf-nocsr -c %s -o %t/vmlinux.attr.o 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ATTR-REMARK --implicit-check-not=remark:
// With LLVM 22 the plugin's relaxation pass sits in the pipeline even in
// attr mode, and clang-22 then orders some BTF forward declarations
// differently: there the code and relocations must be identical. Clang-15
// with the plugin's IR pass (a pass plugin there) orders BTF types of this
// vmlinux.h build differently too (measured: only .BTF differs).
// RUN: %if native-bpf-fastcall || llvm-15 %{ %llvm-objdump -d -r %t/vmlinux.base.o | tail -n +3 > %t/vmlinux.base.o.dis \
// RUN:   && %llvm-objdump -d -r %t/vmlinux.attr.o | tail -n +3 > %t/vmlinux.attr.o.dis && diff %t/vmlinux.base.o.dis %t/vmlinux.attr.o.dis %} \
// RUN:   %else %{ cmp %t/vmlinux.base.o %t/vmlinux.attr.o %}
//
// The kernel's view: every bracket removed, same result as without the plugin.
// RUN: %nocsr-run --cpu=0 --json %t/libbpf.base.o > %t/libbpf.base.json
// RUN: %nocsr-run --cpu=0 --json %t/libbpf.profile.o > %t/libbpf.profile.json
// RUN: %python %S/../Inputs/check_runs.py %t/libbpf.base.json \
// RUN:   %t/libbpf.profile.json \
// RUN:   --removed=helper:8=4 --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 --json %t/vmlinux.base.o > %t/vmlinux.base.json
// RUN: %nocsr-run --cpu=0 --json %t/vmlinux.profile.o > %t/vmlinux.profile.json
// RUN: %python %S/../Inputs/check_runs.py %t/vmlinux.base.json \
// RUN:   %t/vmlinux.profile.json \
// RUN:   --removed=helper:8=4 --removed=kfunc:bpf_cast_to_kern_ctx=2
// RUN: %nocsr-run --cpu=0 %t/libbpf.profile.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t/vmlinux.profile.o | FileCheck %s
// RUN: %nocsr-run --cpu=0 %t/libbpf.base.o | FileCheck %s --check-prefix=BASE
// RUN: %nocsr-run --cpu=0 %t/vmlinux.base.o | FileCheck %s --check-prefix=BASE
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.

// Remarks, one per call, at the call in Inputs/profile_body.h. Helper 8 (no
// arguments, a result) may keep r1-r5; bpf_cast_to_kern_ctx (one argument)
// r2-r5. Every bracket of a function starts at the same, lowest slot; fold
// has no frame objects, so its region of N slots ends at r10 and starts at
// r10-8*N.
// REMARK: profile_body.h:50:14: remark: call to helper 8 keeps [[#]] caller-saved register{{s?}} ({{(r[1-5](, )?)+}}) live; bracket at r10-[[#MAIN:]]..r10-{{[0-9]+}}, anchored at the bottom
// REMARK: profile_body.h:52:14: remark: call to helper 8 keeps [[#]] caller-saved register{{s?}} ({{(r[1-5](, )?)+}}) live; bracket at r10-[[#MAIN]]..
// REMARK: profile_body.h:54:13: remark: call to bpf_cast_to_kern_ctx keeps [[#]] caller-saved register{{s?}} ({{(r[2-5](, )?)+}}) live; bracket at r10-[[#MAIN]]..
// REMARK: profile_body.h:56:14: remark: call to helper 8 keeps [[#]] caller-saved register{{s?}} ({{(r[1-5](, )?)+}}) live; bracket at r10-[[#MAIN]]..
// REMARK: profile_body.h:40:15: remark: call to helper 8 keeps [[#]] caller-saved register{{s?}} ({{(r[1-5](, )?)+}}) live; bracket at r10-[[#FOLD:]]..r10-{{[0-9]+}},
// REMARK-SAME: anchored at the bottom of a [[#div(FOLD,8)]]-slot region below r10+0 [
// REMARK: profile_body.h:41:13: remark: call to bpf_cast_to_kern_ctx keeps [[#]] caller-saved register{{s?}} ({{(r[2-5](, )?)+}}) live; bracket at r10-[[#FOLD]]..

// The packet (from the Ethernet header) is P[i] = 37 * i + 11 (mod 256),
// P[12..13] = 08 00; CPU 0, k = 1; see Inputs/profile_body.h for the formula.
// CHECK: tc_profile (tc, sched_cls): {{.*}} retval 2458257384
// CHECK-NOT: kept
// CHECK: brackets: 6 total, 6 removed, 0 kept, 0 partial
// BASE: tc_profile (tc, sched_cls): {{.*}} retval 2458257384
// BASE: brackets: 0 total

#include "profile_body.h"

SEC("tc")
int tc_profile(struct __sk_buff *ctx)
{
  void *data = (void *)(long)ctx->data;
  void *data_end = (void *)(long)ctx->data_end;
  if (data + 64 > data_end)
    return 0;
  return profile_body(data, ctx);
}

char LICENSE[] SEC("license") = "GPL";

// ATTR-REMARK-DAG: remark: call to bpf_get_smp_processor_id (helper 8) not relaxed: not marked eligible
// ATTR-REMARK-DAG: remark: call to bpf_cast_to_kern_ctx not relaxed: not marked eligible
