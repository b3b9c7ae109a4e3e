/* Shared body of the profile-mode kernel tests, written as a user of the
 * stock headers would: helper 8 as libbpf 1.1's <bpf/bpf_helpers.h> declares
 * it and bpf_cast_to_kern_ctx as an `extern ... __ksym`, neither marked
 * bpf_fastcall. USE_VMLINUX takes the kernel types from a vmlinux.h dumped
 * from the running kernel instead of <linux/bpf.h>. NO_KFUNC leaves out the
 * kfunc (raw_tp has no kernel context struct).
 *
 * The entry program and a noinline subprogram each call helper 8 with
 * different numbers of values live, so both need brackets of several sizes.
 * in[0..7] are the program's eight 64-bit inputs. The results follow from
 * this formula by hand (cpu = 0 under --cpu=0; k = 1 when the kfunc is
 * present, since the context is never NULL, else 0):
 *   r1 = (in0 ^ cpu) * (in1 | cpu) + (in2 ^ cpu) * (in3 | cpu)
 *   r2 = (in4 ^ cpu) * (in5 | cpu) + (r1 ^ cpu)
 *   r3 = (in6 ^ k) * (in7 | k) + r2
 *   r4 = r3 ^ (cpu + 1)
 *   f = r4 * 3 + in6 * 5 + in7 * 7 + cpu + k
 *   result = (u32)(f ^ (f >> 32))
 */
#ifndef PROFILE_BODY_H
#define PROFILE_BODY_H

#ifdef USE_VMLINUX
#include "vmlinux.h"
#else
#include <linux/bpf.h>
#endif
#include <bpf/bpf_helpers.h>

#ifdef NO_KFUNC
#define KERN_CTX(ctx) 0
#else
extern void *bpf_cast_to_kern_ctx(void *obj) __ksym;
#define KERN_CTX(ctx) (bpf_cast_to_kern_ctx(ctx) != 0)
#endif

static __attribute__((noinline)) __u64 fold(__u64 a, __u64 b, __u64 c,
                                            void *ctx)
{
  __u64 cpu = bpf_get_smp_processor_id(); /* a, b, c, ctx live */
  __u64 k = KERN_CTX(ctx);                /* a, b, c, cpu live */
  return a * 3 + b * 5 + c * 7 + cpu + k;
}

static __attribute__((always_inline)) __u32 profile_body(const __u64 *in,
                                                         void *ctx)
{
  __u64 a = in[0], b = in[1], c = in[2], d = in[3];
  __u64 e = in[4], f = in[5], g = in[6], h = in[7];
  __u64 c1 = bpf_get_smp_processor_id(); /* a..h, ctx live */
  __u64 r1 = (a ^ c1) * (b | c1) + (c ^ c1) * (d | c1);
  __u64 c2 = bpf_get_smp_processor_id(); /* e..h, r1, ctx live */
  __u64 r2 = (e ^ c2) * (f | c2) + (r1 ^ c2);
  __u64 k = KERN_CTX(ctx);               /* g, h, r2 live */
  __u64 r3 = (g ^ k) * (h | k) + r2;
  __u64 c3 = bpf_get_smp_processor_id(); /* g, h, r3, ctx live */
  __u64 r4 = r3 ^ (c3 + 1);
  __u64 res = fold(r4, g, h, ctx);
  return (__u32)(res ^ (res >> 32));
}

#endif
