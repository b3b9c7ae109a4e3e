// Input of bpf-loop-inlined.test: naked subprograms, so the instructions are
// exactly these, with BTF (a bpf_loop callback needs func_info).
// KERNEL: load
char _license[] __attribute__((section("license"), used)) = "GPL";

static __attribute__((naked, noinline, used)) int cb(void) {
  asm volatile("r0 = 0; exit;");
}

// Constant callback and flags 0: the verifier inlines the loop.
__attribute__((naked, noinline)) int inlined(void) {
  asm volatile("r1 = 7;"
               "*(u64 *)(r10 - 8) = r1;"
               "r1 = 1;"
               "*(u64 *)(r10 - 16) = r1;"
               "call 8;"
               "r1 = *(u64 *)(r10 - 16);"
               "r1 = 4;"
               "r2 = %[cb] ll;"
               "r3 = 0;"
               "r4 = 0;"
               "call 181;"
               "r1 = *(u64 *)(r10 - 8);"
               "r0 += r1;"
               "exit;" ::[cb] "i"(cb));
}

// Flags 1: the helper is called (and returns -EINVAL), nothing inlined.
__attribute__((naked, noinline)) int called(void) {
  asm volatile("r1 = 7;"
               "*(u64 *)(r10 - 8) = r1;"
               "r1 = 1;"
               "*(u64 *)(r10 - 16) = r1;"
               "call 8;"
               "r1 = *(u64 *)(r10 - 16);"
               "r1 = 4;"
               "r2 = %[cb] ll;"
               "r3 = 0;"
               "r4 = 1;"
               "call 181;"
               "r1 = *(u64 *)(r10 - 8);"
               "r0 += r1;"
               "exit;" ::[cb] "i"(cb));
}

__attribute__((section("raw_tp/sys_enter"), used)) int prog(void *ctx) {
  return (inlined() + called()) & 1;
}
