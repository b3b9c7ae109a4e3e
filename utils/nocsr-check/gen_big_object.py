#!/usr/bin/env python3
"""Write BPF assembly for a large object full of fastcall brackets, for
timing nocsr-check against llvm-objdump -d.

    gen_big_object.py --insns 1000000 --out big.s
    clang-19 --target=bpf -c big.s -o big.o

Programs of about --func-insns instructions each in section "xdp", every one
calling a shared .text subprogram; each block has a two-pair bracket around
helper 8, a one-pair bracket, a branch and a non-fastcall call.
"""
import argparse

BLOCK = """\
\tr1 = 1
\tr2 = 2
\t*(u64 *)(r10 - 8) = r1
\t*(u64 *)(r10 - 16) = r2
\tcall 8
\tr2 = *(u64 *)(r10 - 16)
\tr1 = *(u64 *)(r10 - 8)
\tr0 += r1
\tif r0 > 5 goto +1
\tr0 += r2
\t*(u64 *)(r10 - 16) = r1
\tcall 8
\tr1 = *(u64 *)(r10 - 16)
\tr6 = r0
\tcall 7
\tr0 += r6
"""
BLOCK_INSNS = BLOCK.count("\n")


def function(out, name, section, blocks, tail):
    out.write('\t.section\t%s,"ax",@progbits\n' % section)
    out.write("\t.globl\t%s\n\t.type\t%s,@function\n%s:\n" % (name, name, name))
    out.write("\tr0 = 0\n")
    for _ in range(blocks):
        out.write(BLOCK)
    out.write(tail)
    out.write("\texit\n.L%s_end:\n\t.size\t%s, .L%s_end-%s\n" %
              (name, name, name, name))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--insns", type=int, default=1000000)
    ap.add_argument("--func-insns", type=int, default=4000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    blocks = max(1, a.func_insns // BLOCK_INSNS)
    per_func = blocks * BLOCK_INSNS + 3
    nfuncs = max(1, a.insns // per_func)
    with open(a.out, "w") as out:
        function(out, "shared_sub", ".text", blocks, "")
        for i in range(nfuncs):
            function(out, "prog%d" % i, "xdp", blocks, "\tcall shared_sub\n")
        out.write('\t.section\tlicense,"aw",@progbits\n\t.globl\t_license\n'
                  '_license:\n\t.asciz\t"GPL"\n\t.size\t_license, 4\n')


if __name__ == "__main__":
    main()
