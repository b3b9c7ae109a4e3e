#!/usr/bin/env python3
"""Load BPF objects into the running kernel and compare the translated
programs with nocsr-check's prediction.

For every program:
  * utils/scripts/kernel_agreement.py compares nocsr-run's report with the
    checker's: removed pairs per call, instruction counts and the stack
    depth of every subprogram;
  * the kernel's xlated instructions (bpftool --json ... opcodes) must equal
    the checker's --print-xlated program slot by slot, so exactly the
    predicted spill/fill pairs are gone. Differences that are not ours to
    predict are allowed where they are known: helper 8 inlined into three
    instructions (x86-64 JIT), fastcall kfuncs inlined into `r0 = r1`,
    bpf_loop inlined into its loop (optimize_bpf_loop), may_goto expanded
    into its counter (and the counter's initialisation at the subprogram's
    entry), helper/kfunc numbers and ldimm64 immediates rewritten, jump
    offsets shifted by those expansions. The checker predicts the stack
    these expansions add (the depths kernel_agreement compares), not their
    instructions.
Objects whose checker findings say the kernel rejects them must fail to load.
bpftool's pins live under /sys/fs/bpf/nocsr_chk_<pid>_<n> of a private bpf
filesystem (utils/scripts/with_private_bpffs.sh) and are always removed.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "utils", "scripts"))
import kernel_agreement  # noqa: E402

HELPER8_INLINE = [0xB7, 0xBF, 0x61]
BPF_FUNC_LOOP = 181
BPF_LOOP_INLINE_LEN = 19  # inline_bpf_loop()'s instructions
REG_AX = 11               # the verifier's scratch register
MAY_GOTO = 0xE5           # BPF_JMP | BPF_JCOND


def may_goto_expansion(kern, j):
    """Length of the expansion of a may_goto at kernel insn j: AX loaded from
    the counter slot, then insns on AX (and the timed variant's call) up to
    the store back."""
    if kern[j][0] != 0x79 or kern[j][1] != REG_AX or kern[j][2] != 10:
        return None
    for n in range(1, 8):
        if j + n < len(kern) and kern[j + n][0] == 0x7B and \
                kern[j + n][1] == 10 and kern[j + n][2] == REG_AX:
            return n + 1
    return None


def may_goto_prologue(kern, j):
    """Length of the counter initialisation at a subprogram's entry: the
    counter (and the timed variant's timestamp) stored as immediates."""
    n = 0
    while j + n < len(kern) and kern[j + n][0] == 0x7A and \
            kern[j + n][1] == 10 and n < 2:
        n += 1
    return n


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def parse_listing(text):
    """Program name -> list of (code, dst, src, off, imm) from --print-xlated."""
    progs, cur = {}, None
    head = re.compile(r"^; .*: program (\S+) \(section")
    line = re.compile(r"^\s*\d+:((?: [0-9a-f]{2}){8})")
    for l in text.splitlines():
        m = head.match(l)
        if m:
            cur = progs.setdefault(m.group(1), [])
            continue
        m = line.match(l)
        if m and cur is not None:
            b = bytes(int(x, 16) for x in m.group(1).split())
            off = int.from_bytes(b[2:4], "little", signed=True)
            imm = int.from_bytes(b[4:8], "little", signed=True)
            cur.append((b[0], b[1] & 0xF, b[1] >> 4, off, imm))
    return progs


def kernel_insns(dump):
    out = []
    for e in dump:
        o = e["opcodes"]
        off = int.from_bytes(bytes(int(x, 16) for x in o["off"]), "little",
                             signed=True)
        imm = int.from_bytes(bytes(int(x, 16) for x in o["imm"]), "little",
                             signed=True)
        out.append((int(o["code"], 16), int(o["dst_reg"], 16),
                    int(o["src_reg"], 16), off, imm))
    return out


def same(p, k):
    code = p[0]
    cls = code & 7
    if code == 0x18 or (code == 0 and p[1:] == (0, 0, 0)):
        return k[0] == code  # ldimm64: the kernel rewrites map references
    if cls in (5, 6):  # jumps: offsets move with inlined helpers
        if code & 0xF0 == 0x80:
            return k[0] == code
        return k[0] == code and k[1] == p[1] and k[2] == p[2] and \
            (code & 8 or k[4] == p[4])
    return k == p


def compare(pred, kern):
    """Walk both sequences; return None or a description of the mismatch."""
    i = j = 0
    while i < len(pred) and j < len(kern):
        p = pred[i]
        if p[0] == 0x85 and p[2] == 0 and p[4] == 8 and kern[j][0] != 0x85:
            if [k[0] for k in kern[j:j + 3]] != HELPER8_INLINE:
                return "insn %d: helper 8 neither called nor inlined" % i
            i, j = i + 1, j + 3
            continue
        if p[0] == 0x85 and p[2] == 2 and kern[j][0] == 0xBF:
            i, j = i + 1, j + 1  # kfunc inlined as r0 = r1
            continue
        if p[0] == 0x85 and p[2] == 0 and p[4] == BPF_FUNC_LOOP and \
                kern[j][0] != 0x85:
            loop = kern[j:j + BPF_LOOP_INLINE_LEN]
            saved = sorted(k[2] for k in loop if k[0] == 0x7B and k[1] == 10)
            if kern[j][0] != 0xB5 or saved != [6, 7, 8]:
                return "insn %d: bpf_loop neither called nor inlined" % i
            i, j = i + 1, j + BPF_LOOP_INLINE_LEN
            continue
        if p[0] == 0x18 and kern[j][0] == 0x18 and \
                (j + 1 == len(kern) or kern[j + 1][0] != 0):
            i, j = i + 2, j + 1  # bpftool prints a callback's ldimm64 once
            continue
        if p[0] == MAY_GOTO:
            n = may_goto_expansion(kern, j)
            if n is None:
                return "insn %d: may_goto not expanded as known" % i
            i, j = i + 1, j + n
            continue
        if kern[j][0] == 0x7A and p[0] != 0x7A and kern[j][1] == 10:
            j += may_goto_prologue(kern, j)
            continue
        if not same(p, kern[j]):
            return "predicted insn %d %s, kernel insn %d %s" % (
                i, p, j, kern[j])
        i, j = i + 1, j + 1
    if i != len(pred) or j != len(kern):
        return "length: predicted %d insns, kernel %d" % (len(pred), len(kern))
    return None


def stack_accesses(insns):
    """The r10-based loads and stores, in order: what bracket removal changes."""
    out = []
    for code, dst, src, off, imm in insns:
        cls = code & 7
        if (cls == 1 and src == 10) or (cls in (2, 3) and dst == 10):
            out.append((code, dst, src, off, imm if cls == 2 else 0))
    return out


def build(src, clang, cflags, outdir):
    obj = os.path.join(outdir, os.path.basename(src) + ".o")
    if src.endswith(".s"):
        cmd = [clang, "--target=bpf", "-c", src, "-o", obj]
    elif src.endswith(".c"):
        cmd = [clang] + cflags + ["-c", src, "-o", obj]
    else:
        return src
    r = run(cmd)
    if r.returncode:
        raise RuntimeError("cannot build %s: %s" % (src, r.stderr.strip()))
    return obj


def expectation(src):
    if not (src.endswith(".s") or src.endswith(".c")):
        return "any"  # A prebuilt object: only checker and kernel must agree.
    with open(src) as f:
        text = f.read()
    m = re.search(r"KERNEL: (load|reject)", text)
    return m.group(1) if m else None


def main():
    # Pin into a bpf filesystem of our own, not the host's /sys/fs/bpf (which
    # need not be mounted); the wrapper re-runs us in a mount namespace.
    if os.environ.get("NOCSR_PRIVATE_BPFFS") != "1":
        wrapper = os.path.join(os.path.dirname(kernel_agreement.__file__),
                               "with_private_bpffs.sh")
        os.execv(wrapper, [wrapper, sys.executable] + sys.argv)
    ap = argparse.ArgumentParser()
    ap.add_argument("--checker", required=True)
    ap.add_argument("--clang", required=True)
    ap.add_argument("--cflags", default="")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--nocsr-run", help="default: beside --checker")
    ap.add_argument("--kernel", default="host",
                    help="nocsr-check's --kernel (default: host, probed)")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    tools = kernel_agreement.Tools(
        a.checker, a.nocsr_run or os.path.join(os.path.dirname(a.checker),
                                               "nocsr-run"))
    failures = checked = 0
    for n, src in enumerate(a.inputs):
        want = expectation(src)
        if want is None:
            continue
        obj = build(src, a.clang, a.cflags.split(), a.workdir)
        try:
            report = kernel_agreement.checker_report(tools, obj, a.kernel)
            kreport = kernel_agreement.kernel_report(tools, obj)
        except kernel_agreement.ToolError as e:
            print("FAIL %s: %s" % (src, e))
            failures += 1
            continue
        listings = {}

        def listing(build):
            """The predicted translated programs, under the rules of known
            kernel build `build` where the kernel matched one of those."""
            if build not in listings:
                cmd = [a.checker, "--no-table", "--print-xlated",
                       "--kernel=" + a.kernel]
                if build:
                    cmd.append("--kernel-build=" + build)
                listings[build] = parse_listing(run(cmd + [obj]).stdout)
            return listings[build]
        predicts_reject = any(kernel_agreement.predicts_rejection(p)
                              for p in report["programs"])
        pin = "/sys/fs/bpf/nocsr_chk_%d_%d" % (os.getpid(), n)
        try:
            ld = run(["bpftool", "prog", "loadall", obj, pin])
            loaded = ld.returncode == 0
            if want == "reject" or predicts_reject:
                ok = not loaded and predicts_reject and want != "load"
                print("%s %s: expected rejection (checker predicts %s), "
                      "kernel %s" % ("OK" if ok else "FAIL", src,
                                     "rejection" if predicts_reject else
                                     "success",
                                     "loaded" if loaded else "rejected"))
                failures += not ok
                checked += 1
                continue
            if not loaded:
                print("FAIL %s: kernel rejected: %s" %
                      (src, ld.stderr.strip().splitlines()[-3:]))
                failures += 1
                continue
            try:
                agreement = {c.name: c for c in
                             kernel_agreement.compare_object(
                                 tools, obj, a.kernel, kern=kreport,
                                 pred=report)}
            except kernel_agreement.ToolError as e:
                print("FAIL %s: %s" % (src, e))
                failures += 1
                continue
            for prog in report["programs"]:
                name = prog["name"]
                d = run(["bpftool", "--json", "prog", "dump", "xlated",
                         "pinned", os.path.join(pin, name), "opcodes"])
                if d.returncode:
                    print("FAIL %s: %s: cannot dump: %s" %
                          (src, name, d.stderr.strip()))
                    failures += 1
                    continue
                kern = kernel_insns(json.loads(d.stdout))
                cmp = agreement.get(name)
                kbuild = cmp.kernel_build if cmp else None
                pred = listing(kbuild).get(name, [])
                removed = sum(c["pairs"] for s in prog["subprograms"]
                              for c in s["calls"] if c["removed"])
                why = compare(pred, kern)
                how = "slot by slot"
                if why and stack_accesses(pred) == stack_accesses(kern):
                    # The kernel also rewrote other instructions (context
                    # accesses): the stack accesses still agree exactly.
                    why, how = None, "stack accesses only: " + why
                if kbuild:
                    how += ", as kernel build '%s' predicts" % kbuild
                checked += 1
                problems = [str(m) for m in cmp.mismatches] if cmp else [
                    "%s: not loaded by nocsr-run" % name]
                if why or (len(pred) != prog["insns_after"] and not kbuild):
                    problems.append("%s: %s" % (name, why or
                                                "listing/JSON disagree"))
                for note in cmp.build_dependent if cmp else []:
                    print("NOTE %s: %s (as kernel build '%s' predicts)" %
                          (src, note, cmp.kernel_build))
                if problems:
                    failures += 1
                    for p in problems:
                        print("FAIL %s: %s" % (src, p))
                else:
                    print("OK %s: %s: %d -> %d insns predicted (%d pairs "
                          "removed), kernel %d (%s)" %
                          (src, name, prog["insns_before"],
                           prog["insns_after"], removed, len(kern), how))
        finally:
            shutil.rmtree(pin, ignore_errors=True)
    print("%d programs checked, %d failures" % (checked, failures))
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
