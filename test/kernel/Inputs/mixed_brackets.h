/* Shared body of the kernel tests: eligible calls with different numbers of
 * values live across them, in an entry program and in a noinline
 * subprogram, so that each function needs brackets of several sizes.
 *
 * in[0..7] are the program's eight 64-bit inputs; the result depends on all
 * of them and on every call's result. NO_KFUNC leaves out
 * bpf_cast_to_kern_ctx (raw_tp has no kernel context struct).
 *
 * SECOND_CALL() replaces the second call (default: helper 8 again).
 *
 * The expected results in the tests follow from this formula by hand:
 *   c1 = c3 = c4 = cpu, c2 = SECOND_CALL(), k = 1 (kfunc present) or 0
 *   r1 = (in0 ^ c1) * (in1 | c1) + (in2 ^ c1) * (in3 | c1)
 *   r2 = (in4 ^ c2) * (in5 | c2) + (r1 ^ c2)
 *   r3 = (in6 ^ k) * (in7 | k) + r2
 *   r4 = r3 ^ (c3 + 1)
 *   fold: f = r4 * 3 + in6 * 5 + in7 * 7 + c4 + k (with its own k)
 *   result = (u32)(f ^ (f >> 32))
 */
#include "bpf_nocsr.h"

#ifdef NO_KFUNC
#define KERN_CTX(ctx) 0
#else
#define KERN_CTX(ctx) (bpf_cast_to_kern_ctx(ctx) != 0)
#endif

#ifndef SECOND_CALL
#define SECOND_CALL() bpf_nocsr_get_smp_processor_id()
#endif

static __attribute__((noinline)) __u64 fold(__u64 a, __u64 b, __u64 c,
                                            void *ctx)
{
  __u64 cpu = bpf_nocsr_get_smp_processor_id(); /* a, b, c, ctx live */
  __u64 k = KERN_CTX(ctx);                       /* a, b, c, cpu live */
  return a * 3 + b * 5 + c * 7 + cpu + k;
}

static __attribute__((always_inline)) __u32 mixed_brackets(const __u64 *in,
                                                           void *ctx)
{
  __u64 a = in[0], b = in[1], c = in[2], d = in[3];
  __u64 e = in[4], f = in[5], g = in[6], h = in[7];
  __u64 c1 = bpf_nocsr_get_smp_processor_id(); /* a..h, ctx live */
  __u64 r1 = (a ^ c1) * (b | c1) + (c ^ c1) * (d | c1);
  __u64 c2 = SECOND_CALL();                    /* e..h, r1, ctx live */
  __u64 r2 = (e ^ c2) * (f | c2) + (r1 ^ c2);
  __u64 k = KERN_CTX(ctx);                     /* g, h, r2 live */
  __u64 r3 = (g ^ k) * (h | k) + r2;
  __u64 c3 = bpf_nocsr_get_smp_processor_id(); /* g, h, r3, ctx live */
  __u64 r4 = r3 ^ (c3 + 1);
  __u64 res = fold(r4, g, h, ctx);
  return (__u32)(res ^ (res >> 32));
}
