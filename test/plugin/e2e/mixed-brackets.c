// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s
// RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s --check-prefix=CHECKER
// -bpf-nocsr-relax-always: this test pins brackets of fully relaxed calls
// (upstream's mask), not how many registers each call keeps.
//
// C -> object with clang 19 and the plugin, no other flag. Helper 8 is
// marked with the raw attribute spelling. The first call keeps b, c and a
// (r2-r4), the second one t (r1): one region of 3 slots below r10, anchor
// -24. First bracket: r4 at -24 next to the call, r3 at -16, r2 at -8.
// Second bracket: r1 at -24. Upstream would put the second at -8 and the
// kernel would remove neither. The checker, an independent model of the
// verifier, agrees: 2 eligible calls, 2 brackets recognised and removed.

#include <linux/bpf.h>

static __attribute__((bpf_fastcall)) unsigned (*get_cpu)(void) = (void *)8;

__attribute__((section("xdp"), used)) int prog(struct xdp_md *ctx) {
  unsigned long a = ctx->rx_queue_index, b = ctx->ingress_ifindex;
  unsigned long c = ctx->data_end - ctx->data;
  unsigned long cpu = get_cpu();
  unsigned long t = ((a ^ cpu) * b) ^ c;
  unsigned long cpu2 = get_cpu();
  return ((t + cpu2) & 1) + 1;
}

char _license[] __attribute__((section("license"), used)) = "GPL";

// CHECK-LABEL: <prog>:
// CHECK:      *(u64 *)(r10 - 0x8) = r2
// CHECK-NEXT: *(u64 *)(r10 - 0x10) = r3
// CHECK-NEXT: *(u64 *)(r10 - 0x18) = r4
// CHECK-NEXT: call 0x8
// CHECK-NEXT: r4 = *(u64 *)(r10 - 0x18)
// CHECK-NEXT: r3 = *(u64 *)(r10 - 0x10)
// CHECK-NEXT: r2 = *(u64 *)(r10 - 0x8)
// CHECK:      *(u64 *)(r10 - 0x18) = r1
// CHECK-NEXT: call 0x8
// CHECK-NEXT: r1 = *(u64 *)(r10 - 0x18)
// CHECK-NOT:  r10
// CHECK:      exit

// CHECKER: prog prog 2 2 2 2
