// bpf_nocsr.h with the helper declarations newer libbpf (>= 1.5) generates:
// constant pointers, helper 8 already marked __bpf_fastcall, and the same
// #ifndef __bpf_fastcall block as bpf_nocsr.h. No redefinition in either
// order, and both spellings of helper 8 are eligible.
// RUN: rm -rf %t && mkdir -p %t/bpf
// RUN: cp /usr/include/bpf/bpf_helpers.h %t/bpf/
// RUN: cp %S/Inputs/helper-defs-libbpf-1.5.h %t/bpf/bpf_helper_defs.h
// RUN: %clang %bpf_cflags -I%t -Wall -Wextra -Werror -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang %bpf_cflags -I%t -Wall -Wextra -Werror -fplugin=%plugin -S -emit-llvm -o - -DNOCSR_FIRST %s | FileCheck %s
// RUN: %clang %bpf_cflags -I%t -Wall -Wextra -Werror -fsyntax-only %s
// RUN: %if clang-22 %{ %clang22 %bpf_cflags -I%t -Wall -Wextra -Werror -S -emit-llvm -o - %s | FileCheck %s %}
// RUN: %if clang-22 %{ %clang22 %bpf_cflags -I%t -Wall -Wextra -Werror -S -emit-llvm -o - -DNOCSR_FIRST %s | FileCheck %s %}

#include <linux/types.h>
#include <linux/bpf.h>
#ifdef NOCSR_FIRST
#include <bpf_nocsr.h>
#include <bpf/bpf_helpers.h>
#else
#include <bpf/bpf_helpers.h>
#include <bpf_nocsr.h>
#endif

SEC("xdp") int prog(struct xdp_md *ctx) {
  long a = bpf_get_smp_processor_id();
  long b = bpf_nocsr_get_smp_processor_id();
  long n = bpf_get_numa_node_id();
  return (a + b + n + ctx->ingress_ifindex) & 3;
}

char LICENSE[] SEC("license") = "GPL";

// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[FAST:[0-9]+]]
// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[FAST]]
// CHECK: call i64 inttoptr (i64 42 to ptr)() #[[PLAIN:[0-9]+]]
// CHECK: attributes #[[FAST]] = { nounwind "bpf_fastcall" }
// CHECK: attributes #[[PLAIN]] = { nounwind }
