// Input of combined-stack-callback.test: naked subprograms, so the frames
// are exactly these, with BTF (a bpf_loop callback needs func_info).
// KERNEL: reject
char _license[] __attribute__((section("license"), used)) = "GPL";

static __attribute__((naked, noinline, used)) int cb(void) {
  asm volatile("r1 = 0;"
               "*(u64 *)(r10 - 272) = r1;"
               "r0 = 0;"
               "exit;");
}

__attribute__((naked, noinline)) int loop(void) {
  asm volatile("r1 = 0;"
               "*(u64 *)(r10 - 256) = r1;"
               "r1 = 1;"
               "r2 = %[cb] ll;"
               "r3 = 0;"
               "r4 = 0;"
               "call 181;"
               "r0 = 2;"
               "exit;" ::[cb] "i"(cb));
}

__attribute__((section("xdp"), used)) int prog(void *ctx) { return loop(); }
