// bpf_nocsr.h turns the attributes on wherever the plugin is loaded, also
// before clang 17, where __has_attribute does not see plugin attributes: the
// plugin predefines __BPF_NOCSR_PLUGIN__. Without the plugin the header
// declares plain callees (clang < 20) and the call gets no bracket.
//
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always \
// RUN:   -c %s -o %t.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s
// RUN: %clang %bpf_cflags %if native-bpf-fastcall %{ %no_attrs %} -c %s -o %t.plain.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.plain.o \
// RUN:   | FileCheck %s --check-prefix=PLAIN

#include <linux/bpf.h>
#include <bpf_nocsr.h>

__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) {
  unsigned long a = ctx->rx_queue_index;
  unsigned long cpu = bpf_nocsr_get_smp_processor_id();
  return (a ^ cpu) & 1;
}

char _license[] __attribute__((section("license"), used)) = "GPL";

// CHECK:      *(u64 *)(r10 - 0x8) = r[[R:[1-5]]]
// CHECK-NEXT: call 0x8
// CHECK-NEXT: r[[R]] = *(u64 *)(r10 - 0x8)
// PLAIN-NOT:  r10
// PLAIN:      call 0x8
// PLAIN-NOT:  r10
