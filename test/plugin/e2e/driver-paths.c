// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %clang %bpf_cflags -fplugin=%plugin -c %s -o plain.o
// RUN: %clang %bpf_cflags -fplugin=%plugin -save-temps -c %s -o temps.o
// RUN: %clang %bpf_cflags -fplugin=%plugin -emit-llvm -c %s -o prog.bc
// RUN: %llc -load=%plugin -filetype=obj prog.bc -o llc.o
// RUN: %clang -target bpf -O2 -fplugin=%plugin -c prog.bc -o bc.o
// RUN: %clang %bpf_cflags -fplugin=%plugin -mllvm -bpf-nocsr-relax-always -c %s -o all.o
//
// One object per source, whatever the driver path: the plain compile,
// -save-temps (whose second invocation compiles bitcode that still carries
// clang 19's lowering of the attribute), -emit-llvm followed by llc -load,
// and clang on that bitcode give byte-identical program sections, BTF and
// BTF.ext. Only -save-temps differs in .debug_line and .debug_info: it
// assembles clang's .s output, which names the source file differently.
// RUN: for o in plain temps llc bc all; do %llvm-objdump -s -j .text -j xdp -j .BTF -j .BTF.ext $o.o | tail -n +3 > $o.sections; done
// RUN: diff plain.sections temps.sections
// RUN: diff plain.sections llc.sections
// RUN: diff plain.sections bc.sections
// RUN: for o in plain llc bc; do %llvm-objdump -s -j .debug_line -j .debug_info $o.o | tail -n +3 > $o.debug; done
// RUN: diff plain.debug llc.debug
// RUN: diff plain.debug bc.debug
//
// The program is one whose relaxation is a choice: full relaxation brackets
// all three calls, the plugin only the second call of two_calls (relax-sizing.c
// derives why), so the comparison above is not between identical defaults.
// RUN: not diff plain.sections all.sections > /dev/null
// RUN: %llvm-objdump -d --no-show-raw-insn plain.o | FileCheck %s
// CHECK-LABEL: <two_calls>:
// CHECK-NOT:   r10
// CHECK:       call 0x8
// CHECK-NOT:   r10
// CHECK:       *(u64 *)(r10 - 0x8) = r{{[1-5]}}
// CHECK-NEXT:  *(u64 *)(r10 - 0x10) = r{{[1-5]}}
// CHECK-NEXT:  call 0x8
// CHECK-LABEL: <prog>:
// CHECK-NOT:   r10
// CHECK:       exit

#define __fc __attribute__((bpf_fastcall))
static __fc unsigned long (*get_cpu)(void) = (void *)8;
unsigned long g[8];

static __attribute__((noinline)) unsigned long two_calls(void) {
  unsigned long a = g[0], b = g[1], c = g[2];
  unsigned long t = get_cpu();
  unsigned long d = g[3] ^ t, e = g[4] ^ t;
  unsigned long u = get_cpu();
  return (a ^ u) * b + (c ^ u) * d + e;
}

__attribute__((section("xdp"), used)) int prog(void *ctx) {
  unsigned long a = g[5], b = g[6];
  unsigned long t = get_cpu();
  return (int)((a ^ t) + b + two_calls());
}

char _license[] __attribute__((section("license"), used)) = "GPL";
