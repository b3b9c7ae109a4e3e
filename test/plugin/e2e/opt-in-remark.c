// RUN: %clang %bpf_cflags -fplugin=%plugin -Rpass-missed=bpf-nocsr -c %s -o %t.o 2> %t.remarks
// RUN: FileCheck %s --check-prefixes=CHECK,%if multiline-remarks %{ML%} %else %{OL%} --input-file=%t.remarks
// Clang 14 prints a remark's second line on its first (OL), later clang
// below it (ML).
// RUN: FileCheck %s --check-prefix=ONCE --input-file=%t.remarks
// RUN: %clang %bpf_cflags -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=profile:latest -Rpass-missed=bpf-nocsr -c %s -o %t.profile.o 2>&1 | FileCheck %s --check-prefix=PROFILE
// RUN: %clang %bpf_cflags -O0 -fplugin=%plugin -Rpass-missed=bpf-nocsr -c %s -o %t.O0.o 2>&1 | count 0
//
// Unchanged libbpf source: libbpf 1.1 does not mark helper 8, so adding the
// plugin relaxes nothing. The plugin says so once per callee and translation
// unit, at the first call compiled (prog is emitted before the static
// twice), with the ways to opt in; three calls of helper 8 in two functions
// give one remark for it and one for the kfunc. Nothing is
// said where the calls are marked (profile mode) or at -O0, where libbpf's
// helper pointers are called indirectly.

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

extern void *bpf_cast_to_kern_ctx(void *) __ksym;

static __attribute__((noinline)) int twice(void) {
  return bpf_get_smp_processor_id() + bpf_get_smp_processor_id();
}

SEC("xdp")
int prog(struct xdp_md *ctx) {
  void *kctx = bpf_cast_to_kern_ctx(ctx);
  // CHECK: opt-in-remark.c:[[#@LINE-1]]:16: remark: call to bpf_cast_to_kern_ctx not relaxed: not marked eligible, although kernels since 6.12 treat it as fastcall
  // ML-NEXT: {{^}}  to opt in, declare it __bpf_fastcall (bpf_nocsr.h declares it) or pass -fplugin-arg-BPFNoCSR-eligible=profile:latest [-Rpass-missed=bpf-nocsr]
  // OL-SAME: {{ +}}to opt in, declare it __bpf_fastcall (bpf_nocsr.h declares it) or pass -fplugin-arg-BPFNoCSR-eligible=profile:latest [-Rpass-missed=bpf-nocsr]
  return (kctx != 0) + twice() + bpf_get_smp_processor_id();
  // CHECK: opt-in-remark.c:[[#@LINE-1]]:34: remark: call to bpf_get_smp_processor_id (helper 8) not relaxed: not marked eligible, although kernels since 6.12 treat it as fastcall
  // ML-NEXT: {{^}}  to opt in, call bpf_nocsr_get_smp_processor_id() from bpf_nocsr.h, define BPF_NOCSR_REPLACE_HELPERS before including it, or pass -fplugin-arg-BPFNoCSR-eligible=profile:latest [-Rpass-missed=bpf-nocsr]
  // OL-SAME: {{ +}}to opt in, call bpf_nocsr_get_smp_processor_id() from bpf_nocsr.h, define BPF_NOCSR_REPLACE_HELPERS before including it, or pass -fplugin-arg-BPFNoCSR-eligible=profile:latest [-Rpass-missed=bpf-nocsr]
}

char _license[] SEC("license") = "GPL";

// ONCE-COUNT-1: bpf_cast_to_kern_ctx not relaxed
// ONCE-COUNT-1: helper 8) not relaxed
// ONCE-NOT: remark:
// PROFILE-NOT: not marked eligible
// PROFILE: remark: call to bpf_cast_to_kern_ctx {{may keep|clobbers}}
// PROFILE-NOT: not marked eligible
