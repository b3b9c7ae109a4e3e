// bpf_nocsr.h with a vmlinux.h that bpftool dumps from this kernel (bpftool
// 7.1: no kfunc prototypes) and Debian's libbpf headers, in both orders: no
// conflict, and the alias and the kfuncs bpf_nocsr.h declares are eligible.
// REQUIRES: vmlinux-btf
// RUN: rm -rf %t && mkdir -p %t
// RUN: bpftool btf dump file /sys/kernel/btf/vmlinux format c > %t/vmlinux.h
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fsyntax-only %s
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fsyntax-only -DNOCSR_FIRST %s
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - -DNOCSR_FIRST %s | FileCheck %s
// RUN: %if clang-22 %{ %clang22 %bpf_cflags -I%t -Wall -Werror -S -emit-llvm -o - %s | FileCheck %s %}

#include <vmlinux.h>
#ifdef NOCSR_FIRST
#include <bpf_nocsr.h>
#include <bpf/bpf_helpers.h>
#else
#include <bpf/bpf_helpers.h>
#include <bpf_nocsr.h>
#endif

SEC("tc") int prog(struct __sk_buff *skb) {
  long a = bpf_get_smp_processor_id();
  long b = bpf_nocsr_get_smp_processor_id();
  struct sk_buff *kskb = bpf_cast_to_kern_ctx(skb);
  void *p = bpf_rdonly_cast(kskb, 0);
  return (a + b + (long)kskb + (long)p) & 1;
}

char LICENSE[] SEC("license") = "GPL";

// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[PLAIN:[0-9]+]]
// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[FAST:[0-9]+]]
// CHECK: call ptr @bpf_cast_to_kern_ctx(ptr {{.*}}) #[[FAST]]
// CHECK: call ptr @bpf_rdonly_cast(ptr {{.*}}, i32 {{.*}}0) #[[FAST]]
// CHECK: attributes #[[PLAIN]] = { nounwind }
// CHECK: attributes #[[FAST]] = { nounwind "bpf_fastcall" }
