// Half of a program linked with `bpftool gen object`: the entry program
// brackets helper 8 and calls sub_b from the other object.
#define SEC(name) __attribute__((section(name), used))
int sub_b(int x);
SEC("xdp") __attribute__((naked)) int prog_a(void) {
  asm volatile("r1 = 1;"
               "*(u64 *)(r10 - 8) = r1;"
               "call 8;"
               "r1 = *(u64 *)(r10 - 8);"
               "call sub_b;"
               "exit;" ::: "memory");
}
// A plain C caller so that the extern sub_b gets BTF.
SEC("xdp") int prog_c(void *ctx) { return sub_b(3) & 1; }
char _license[] SEC("license") = "GPL";
