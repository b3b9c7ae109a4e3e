// The reference: upstream clang (>= 20) reads bpf_nocsr.h natively and marks
// exactly the alias and the kfuncs, in both include orders.
// REQUIRES: clang-22
// RUN: %clang22 %bpf_cflags -Wall -Wextra -Werror -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang22 %bpf_cflags -Wall -Wextra -Werror -S -emit-llvm -o - -DNOCSR_FIRST %s \
// RUN:   | FileCheck %s
// BPF_NOCSR_REPLACE_HELPERS makes libbpf's name the alias as well.
// RUN: %clang22 %bpf_cflags -Wall -Wextra -Werror -S -emit-llvm -o - \
// RUN:   -DBPF_NOCSR_REPLACE_HELPERS %s | FileCheck %s --check-prefix=REPLACE
// ... which requires libbpf's header first.
// RUN: not %clang22 %bpf_cflags -fsyntax-only -DBPF_NOCSR_REPLACE_HELPERS \
// RUN:   -DNOCSR_FIRST %s 2>&1 | FileCheck %s --check-prefix=ORDER

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
  void *k = bpf_cast_to_kern_ctx(ctx);
  void *r = bpf_rdonly_cast(k, 1);
  return (a + b + (long)k + (long)r) & 3;
}

char LICENSE[] SEC("license") = "GPL";

// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[PLAIN:[0-9]+]]
// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[FAST:[0-9]+]]
// CHECK: call ptr @bpf_cast_to_kern_ctx(ptr {{.*}}) #[[FAST]]
// CHECK: call ptr @bpf_rdonly_cast(ptr {{.*}}, i32 {{.*}}1) #[[FAST]]
// CHECK: attributes #[[PLAIN]] = { nounwind }
// CHECK: attributes #[[FAST]] = { nounwind "bpf_fastcall" }

// REPLACE: call i32 inttoptr (i64 8 to ptr)() #[[FAST:[0-9]+]]
// REPLACE: call i32 inttoptr (i64 8 to ptr)() #[[FAST]]
// REPLACE: attributes #[[FAST]] = { nounwind "bpf_fastcall" }

// ORDER: error: "BPF_NOCSR_REPLACE_HELPERS: include <bpf/bpf_helpers.h> before bpf_nocsr.h"
