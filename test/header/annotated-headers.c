// An unmodified libbpf program built against headers that nocsr-annotate
// rewrote (Debian's bpf_helper_defs.h, a vmlinux.h dumped from this kernel):
// every call to helper 8 and to the fastcall kfuncs is eligible. bpf_nocsr.h
// may be included as well, before or after.
// REQUIRES: vmlinux-btf
// RUN: rm -rf %t && mkdir -p %t/bpf
// RUN: cp /usr/include/bpf/*.h %t/bpf/
// RUN: nocsr-annotate -q -i %t/bpf/bpf_helper_defs.h
// RUN: bpftool btf dump file /sys/kernel/btf/vmlinux format c > %t/vmlinux.orig.h
// RUN: nocsr-annotate -q %t/vmlinux.orig.h -o %t/vmlinux.h
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - -DNOCSR_BEFORE %s | FileCheck %s
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -fplugin=%plugin -S -emit-llvm -o - -DNOCSR_AFTER %s | FileCheck %s
// Without the plugin the annotated headers still compile, with no marking
// unless the compiler knows bpf_fastcall natively (then as with the plugin).
// RUN: %clang %bpf_cflags -I%t -Wall -Werror -S -emit-llvm -o - -DNOCSR_AFTER %s \
// RUN:   | FileCheck %s %if !native-bpf-fastcall %{ --check-prefix=NOPLUGIN %}
// RUN: %if clang-22 %{ %clang22 %bpf_cflags -I%t -Wall -Werror -S -emit-llvm -o - -DNOCSR_AFTER %s | FileCheck %s %}

#include <vmlinux.h>
#ifdef NOCSR_BEFORE
#include <bpf_nocsr.h>
#endif
#include <bpf/bpf_helpers.h>
#ifdef NOCSR_AFTER
#include <bpf_nocsr.h>
#endif

SEC("tc") int prog(struct __sk_buff *skb) {
  long cpu = bpf_get_smp_processor_id();
  struct sk_buff *kskb = bpf_cast_to_kern_ctx(skb);
  void *p = bpf_rdonly_cast(kskb, 0);
  return (cpu + (long)kskb + (long)p) & 1;
}

char LICENSE[] SEC("license") = "GPL";

// CHECK: call i32 inttoptr (i64 8 to ptr)() #[[FAST:[0-9]+]]
// CHECK: call ptr @bpf_cast_to_kern_ctx(ptr {{.*}}) #[[FAST]]
// CHECK: call ptr @bpf_rdonly_cast(ptr {{.*}}, i32 {{.*}}0) #[[FAST]]
// CHECK: attributes #[[FAST]] = { nounwind "bpf_fastcall" }

// The calls are there, unmarked (a check that output is not empty).
// NOPLUGIN-NOT: "bpf_fastcall"
// NOPLUGIN: call i32 inttoptr (i64 8 to ptr)()
// NOPLUGIN: call ptr @bpf_cast_to_kern_ctx(
// NOPLUGIN-NOT: "bpf_fastcall"
