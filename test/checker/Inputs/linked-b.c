// The other half: a global subprogram whose frame slot sits at -8 and
// whose bracket sits at lowest_off -16.
__attribute__((noinline)) int sub_b(int x) {
  asm volatile("r2 = 2;"
               "*(u64 *)(r10 - 8) = r2;"
               "*(u64 *)(r10 - 16) = r2;"
               "call 8;"
               "r2 = *(u64 *)(r10 - 16);"
               ::: "r0", "r1", "r2", "r3", "r4", "r5", "memory");
  return x;
}
