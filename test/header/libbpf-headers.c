// bpf_nocsr.h together with Debian's libbpf 1.1 headers, in both orders:
// no redefinition, no warning; with the plugin, the alias and the kfuncs are
// eligible ("bpf_fastcall" on their calls, as upstream clang puts it) while
// libbpf's own, unannotated pointer is not.
// RUN: %clang %bpf_cflags -Wall -Wextra -Werror -fsyntax-only %s
// RUN: %clang %bpf_cflags -Wall -Wextra -Werror -fsyntax-only -DNOCSR_FIRST %s
// RUN: %clang %bpf_cflags -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s
// RUN: %clang %bpf_cflags -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - \
// RUN:   -DNOCSR_FIRST %s | FileCheck %s
// Without the plugin clang 19 knows none of the attributes: no marking; a
// clang with native bpf_fastcall marks the same calls as the plugin does.
// RUN: %clang %bpf_cflags -S -emit-llvm -o - %s \
// RUN:   | FileCheck %s %if !native-bpf-fastcall %{ --check-prefix=NOPLUGIN %}

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
// CHECK: declare {{.*}}ptr @bpf_cast_to_kern_ctx(ptr noundef) {{.*}}#[[DECL:[0-9]+]]
// CHECK: attributes #[[DECL]] = { {{.*}}"bpf_fastcall"
// CHECK: attributes #[[PLAIN]] = { nounwind }
// CHECK: attributes #[[FAST]] = { nounwind "bpf_fastcall" }

// The calls are there, unmarked (a check that output is not empty).
// NOPLUGIN-NOT: bpf_fastcall
// NOPLUGIN: call i32 inttoptr (i64 8 to ptr)()
// NOPLUGIN: call ptr @bpf_cast_to_kern_ctx(
// NOPLUGIN-NOT: bpf_fastcall
