// REQUIRES: !native-bpf-fastcall
// RUN: %clang %bpf_cflags -O0 -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on -c %s -o %t.o -Rpass=bpf-nocsr -Rpass-missed=bpf-nocsr 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=keeps
// RUN: %llvm-objdump -d --no-show-raw-insn %t.o | FileCheck %s --check-prefix=OBJ
//
// At -O0 the plugin neither relaxes nor brackets (the calls keep clobbering
// r0-r5, so the program is right on every kernel) and says so. A libbpf-style
// helper pointer is loaded and called with callx at -O0: that gets the same
// remark, not the callx warning. On LLVM 22 relaxation is native and the
// bracket pass brackets whatever stays live.

#define __fc __attribute__((bpf_fastcall))
extern __fc void *bpf_cast_to_kern_ctx(void *) __attribute__((section(".ksyms")));
static __fc unsigned long (*get_cpu)(void) = (void *)8;

void *at_o0(void *ctx) {
  return bpf_cast_to_kern_ctx(ctx);
  // CHECK: O0.c:[[#@LINE-1]]:10: remark: call to bpf_cast_to_kern_ctx not relaxed: optimisation is disabled (-O0 or optnone); it clobbers r0-r5 and gets no bracket [-Rpass-missed=bpf-nocsr]
}

unsigned long helper_at_o0(void) {
  return get_cpu();
  // CHECK: O0.c:[[#@LINE-1]]:10: remark: call through a pointer not relaxed: optimisation is disabled (-O0 or optnone); it clobbers r0-r5 and gets no bracket [-Rpass-missed=bpf-nocsr]
}

// OBJ: call
