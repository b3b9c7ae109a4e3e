#!/usr/bin/python3
"""bpf-nocsr benchmark driver: builds the corpus with every compiler variant,
measures what the kernel makes of it and what our tools cost, and writes
build/bench/report.md with PNG plots.

Run through utils/bench/run.sh; see utils/bench/README.md.
"""
import argparse
import concurrent.futures
import datetime
import glob
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "utils", "scripts"))

import compile_cost  # noqa: E402  (compile time of every plugin mode)
import gen  # noqa: E402  (generated inputs for the tool-cost benchmarks)
import runtime  # noqa: E402  (BPF_PROG_TEST_RUN run time per variant)
import kernel_agreement  # noqa: E402  (the one checker-vs-kernel comparison)
import report  # noqa: E402  (report.md and the plots)

ARCH_INCLUDE = "/usr/include/%s-linux-gnu" % platform.machine()
# bpf_tracing.h's name for the host architecture.
TARGET_ARCH = {"x86_64": "x86", "aarch64": "arm64", "riscv64": "riscv",
               "ppc64le": "powerpc", "s390x": "s390"}.get(platform.machine(), "x86")
CALLEES_DEF = os.path.join(ROOT, "include", "bpf_nocsr", "FastcallCallees.def")
# Filled by load_eligible_callees() from the project's one table.
ELIGIBLE_KFUNCS = ()
ELIGIBLE_HELPERS = ()
ELIGIBLE_IDS = frozenset()


T0 = time.time()


def log(msg):
    print("[bench %4.0fs] %s" % (time.time() - T0, msg), file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def load_eligible_callees(build):
    """Helper numbers and kfunc names of include/bpf_nocsr/FastcallCallees.def:
    kernel_agreement.callee_table (`nocsr-annotate --list-eligible
    --format=json`) under the latest profile; without the tool, the table
    itself."""
    global ELIGIBLE_KFUNCS, ELIGIBLE_HELPERS, ELIGIBLE_IDS
    tools = kernel_agreement.Tools.from_bin_dir(os.path.join(build, "bin"))
    if os.access(tools.nocsr_annotate, os.X_OK):
        table = kernel_agreement.callee_table(tools, kernel="latest")
        callees = table.doc["callees"]
        helpers = [c["helper_number"] for c in callees if c["kind"] == "helper"]
        kfuncs = [c["name"] for c in callees if c["kind"] == "kfunc"]
        source = "nocsr-annotate --list-eligible --format=json"
    else:
        with open(CALLEES_DEF) as f:
            text = f.read()
        helpers = [int(n) for n in re.findall(r"^FASTCALL_HELPER\((\d+)", text, re.M)]
        kfuncs = re.findall(r"^FASTCALL_KFUNC\((\w+)", text, re.M)
        source = CALLEES_DEF
    ELIGIBLE_HELPERS, ELIGIBLE_KFUNCS = tuple(helpers), tuple(kfuncs)
    # Callees as nocsr-run and nocsr-check name them in their JSON.
    ELIGIBLE_IDS = frozenset(["helper:%d" % n for n in helpers] +
                             ["kfunc:" + k for k in kfuncs])
    return source


# ---------------------------------------------------------------- variants

# The plugin's opt-in modes, one row each: (mode, variant suffix, label,
# flags). Each becomes a corpus variant per compiler (c19p-<suffix>,
# c22p-<suffix>) and a configuration of the compile-cost measurement.
OPT_IN_MODES = [
    ("relax-all", "all", "full relaxation", ["-mllvm", "-bpf-nocsr-relax-always"]),
]


class Variant:
    def __init__(self, key, label, cc, flags, compiler, plugin=None, mode=None):
        self.key = key
        self.label = label
        self.cc = cc
        self.flags = flags
        self.compiler = compiler  # "14" ... "22": like-with-like grouping
        self.plugin = plugin
        self.mode = mode  # None: the plugin's default (or no plugin)


def plugin_variants(key, label, cc, compiler, plugin):
    """The plugin's default and each opt-in mode of OPT_IN_MODES."""
    flags = ["-fplugin=" + plugin]
    out = [Variant(key, label, cc, flags, compiler, plugin)]
    for mode, suffix, mlabel, mflags in OPT_IN_MODES:
        out.append(Variant("%s-%s" % (key, suffix), "%s, %s" % (label, mlabel), cc,
                           flags + mflags, compiler, plugin, mode))
    return out


def snapshot_plugin(src, out, tag, plugins):
    """A copy of the plugin in <out>/plugin-<tag>/ that every compile of the
    run loads, so that a relink of the build while the run goes on cannot mix
    two builds; plugins[tag] records where it came from and its sha256."""
    if not os.path.exists(src):
        return src
    import hashlib
    dst_dir = os.path.join(out, "plugin-" + tag)
    os.makedirs(dst_dir, exist_ok=True)
    dst = os.path.join(dst_dir, os.path.basename(src))
    shutil.copyfile(src, dst + ".tmp")
    os.replace(dst + ".tmp", dst)
    with open(dst, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    plugins[tag] = {"from": os.path.abspath(src), "sha256": digest[:16]}
    return dst


def discover_variants(args, plugins):
    variants = []
    skipped = []
    p19 = snapshot_plugin(os.path.join(args.build, "lib", "BPFNoCSR.so"), args.out, "19",
                          plugins)
    p22 = snapshot_plugin(os.path.join(args.build22, "lib", "BPFNoCSR.so"), args.out, "22",
                          plugins)
    no_attr = ["-D__bpf_fastcall=", "-D__nocsr="]
    if shutil.which("clang-19"):
        variants.append(Variant("c19", "clang-19", "clang-19", [], "19"))
        if os.path.exists(p19):
            variants += plugin_variants("c19p", "clang-19 + plugin", "clang-19", "19", p19)
        else:
            skipped.append("clang-19 + plugin (no %s)" % p19)
    if shutil.which("clang-22"):
        variants.append(Variant("c22n", "clang-22 no attribute", "clang-22",
                                no_attr, "22"))
        variants.append(Variant("c22", "clang-22 native bpf_fastcall",
                                "clang-22", [], "22"))
        if os.path.exists(p22):
            variants += plugin_variants("c22p", "clang-22 + plugin", "clang-22", "22", p22)
        else:
            skipped.append("clang-22 + plugin (no %s)" % p22)
    # Older clang with the plugin of its plugin-only build (build-N).
    for v in args.old_llvm:
        cc = "clang-%s" % v
        if not shutil.which(cc):
            continue
        variants.append(Variant("c%s" % v, cc, cc, [], v))
        pv = snapshot_plugin(os.path.join(ROOT, "build-%s" % v, "lib", "BPFNoCSR.so"),
                             args.out, v, plugins)
        if os.path.exists(pv):
            variants += plugin_variants("c%sp" % v, "%s + plugin" % cc, cc, v, pv)
        else:
            skipped.append("%s + plugin (no %s)" % (cc, pv))
    return variants, skipped


# ---------------------------------------------------------------- object side

INSN_RE = re.compile(r"^\s*(\d+):\s+((?:[0-9a-f]{2} ?){8,16})\s+(.*)$")
RELOC_RE = re.compile(r"^\s*[0-9a-f]+:\s+(R_BPF_\S+)\s+(\S+)")
FUNC_RE = re.compile(r"^[0-9a-f]+ <(.+)>:$")
SECTION_RE = re.compile(r"^Disassembly of section (.+):$")
STX_R10_DW = re.compile(r"^\*\(u64 \*\)\(r10 ([+-] 0x[0-9a-f]+)\) = r(\d+)$")
LDX_R10_DW = re.compile(r"^r(\d+) = \*\(u64 \*\)\(r10 ([+-] 0x[0-9a-f]+)\)$")


def parse_off(text):
    return int(text.replace(" ", ""), 16)


def disassemble(objdump, obj):
    """Functions of every executable section: {name: [insn dict]}."""
    out = run([objdump, "-dr", obj]).stdout
    funcs = []
    cur = None
    section = None
    for line in out.splitlines():
        m = SECTION_RE.match(line)
        if m:
            section = m.group(1)
            continue
        m = FUNC_RE.match(line)
        if m:
            cur = {"name": m.group(1), "section": section, "insns": []}
            funcs.append(cur)
            continue
        if cur is None:
            continue
        m = INSN_RE.match(line)
        if m:
            cur["insns"].append({"slot": int(m.group(1)), "text": m.group(3).strip(),
                                 "reloc": None})
            continue
        m = RELOC_RE.match(line)
        if m and cur["insns"]:
            cur["insns"][-1]["reloc"] = m.group(2)
    return funcs


def r10_access(text):
    """('S'|'L', reg, off) for a 64-bit r10 spill or fill, else None."""
    m = STX_R10_DW.match(text)
    if m:
        return ("S", int(m.group(2)), parse_off(m.group(1)))
    m = LDX_R10_DW.match(text)
    if m:
        return ("L", int(m.group(1)), parse_off(m.group(2)))
    return None


def eligible_callee(insn):
    text = insn["text"]
    if not text.startswith("call "):
        return None
    if insn["reloc"] in ELIGIBLE_KFUNCS:
        return "kfunc:" + insn["reloc"]
    if insn["reloc"] is None:
        try:
            num = int(text.split()[1], 0)
        except ValueError:
            return None
        if num in ELIGIBLE_HELPERS:
            return "helper:%d" % num
    return None


def find_brackets(insns):
    """Pairs around every eligible call, accepted at any offset (upstream's
    top-anchored brackets count as emitted too)."""
    brackets = []
    for c, insn in enumerate(insns):
        callee = eligible_callee(insn)
        if not callee:
            continue
        used = set()
        pairs = 0
        for i in range(1, 7):
            if c - i < 0 or c + i >= len(insns):
                break
            s = r10_access(insns[c - i]["text"])
            f = r10_access(insns[c + i]["text"])
            if not s or not f or s[0] != "S" or f[0] != "L":
                break
            if s[1] != f[1] or s[2] != f[2] or s[1] > 5 or s[1] in used:
                break
            used.add(s[1])
            pairs += 1
        brackets.append({"callee": callee, "pairs": pairs})
    return brackets


def object_stats(objdump, obj):
    funcs = disassemble(objdump, obj)
    slots = 0
    calls = []
    r10dw = 0
    for f in funcs:
        ins = f["insns"]
        if ins:
            last = ins[-1]
            width = 2 if "ll" in last["text"].split() else 1
            slots += last["slot"] - ins[0]["slot"] + width
        calls += find_brackets(ins)
        r10dw += sum(1 for i in ins if r10_access(i["text"]))
    with_bracket = [c for c in calls if c["pairs"]]
    return {
        "insns": slots,
        "eligible_calls": len(calls),
        "brackets": len(with_bracket),
        "pairs": sum(c["pairs"] for c in with_bracket),
        "r10dw": r10dw,
        "programs": [f["name"] for f in funcs if f["section"] != ".text"],
    }


# ---------------------------------------------------------------- kernel side

def kernel_view_nocsr_run(tool, obj, test_run=False):
    """The kernel's view from real loads; with test_run also each program's
    BPF_PROG_TEST_RUN return value (socket filters: the old-kernel path)."""
    # Rejected programs are reported per program in the JSON.
    doc = kernel_agreement.kernel_report(kernel_agreement.Tools(nocsr_run=tool),
                                         obj, execute=test_run)
    view = {"source": "kernel (nocsr-run)", "insns": 0, "stack": 0,
            "brackets": 0, "removed_brackets": 0, "pairs": 0, "removed_pairs": 0}
    view["report"] = doc  # For kernel_agreement.
    if test_run:
        view["retvals"] = [p.get("retval") for p in doc["programs"]]
    for p in doc["programs"]:
        if not p.get("loaded"):
            raise RuntimeError("not loaded: %s: %s" % (
                p.get("error", "?"), verifier_reason(p.get("verifier_log", ""))))
        view["insns"] += p["xlated_insns"]
        view["stack"] += sum(p["stack_depth"])
        for c in p["calls"]:
            if c["callee"] not in ELIGIBLE_IDS or not c["pairs"]:
                continue
            view["brackets"] += 1
            view["pairs"] += c["pairs"]
            if c["bracket"] == "removed":
                view["removed_brackets"] += 1
                view["removed_pairs"] += c["pairs"]
    return view


def verifier_reason(log_text):
    """The verifier's complaint: the last line before its statistics."""
    lines = [l for l in log_text.splitlines() if l.strip()]
    for i, l in enumerate(lines):
        if l.startswith("verification time") or l.startswith("processed "):
            return lines[i - 1] if i else l
    return lines[-1] if lines else ""


XL_STX = re.compile(r"^\*\(u64 \*\)\(r10 (-?\d+)\) = r(\d+)$")
XL_LDX = re.compile(r"^r(\d+) = \*\(u64 \*\)\(r10 (-?\d+)\)$")


def kernel_view_bpftool(obj, ostats, pin_base):
    """Load with bpftool, read the stack depth from the verifier log and the
    translated program back. Brackets are identified in the object; the
    kernel changes no other 64-bit r10 access of a privileged load, so the
    drop in those accesses is the number of removed spill/fill insns."""
    pin = "%s_%d" % (pin_base, os.getpid())
    try:
        res = run(["bpftool", "-d", "prog", "loadall", obj, pin])
        if res.returncode != 0:
            tail = [l for l in res.stderr.splitlines()
                    if not l.startswith("libbpf: elf") and "mark_precise" not in l]
            raise RuntimeError("load failed: " + verifier_reason("\n".join(tail)))
        stack = 0
        for line in res.stderr.splitlines():
            if line.startswith("stack depth "):
                stack += sum(int(x) for x in line.split()[2].split("+"))
        insns = 0
        xl_r10dw = 0
        for name in sorted(os.listdir(pin)):
            dump = run(["bpftool", "--json", "prog", "dump", "xlated", "pinned",
                        os.path.join(pin, name)])
            for i in json.loads(dump.stdout):
                d = re.sub(r"^\([0-9a-f]{2}\) ", "", i.get("disasm", ""))
                if XL_STX.match(d) or XL_LDX.match(d):
                    xl_r10dw += 1
            show = run(["bpftool", "--json", "prog", "show", "pinned",
                        os.path.join(pin, name)])
            insns += json.loads(show.stdout)["bytes_xlated"] // 8
    finally:
        shutil.rmtree(pin, ignore_errors=True)
    removed_pairs = max(0, min(ostats["pairs"], (ostats["r10dw"] - xl_r10dw) // 2))
    return {"source": "kernel (bpftool)", "insns": insns, "stack": stack,
            "brackets": ostats["brackets"],
            "removed_brackets": ostats["brackets"] if removed_pairs == ostats["pairs"]
            else 0 if removed_pairs == 0 else None,
            "pairs": ostats["pairs"], "removed_pairs": removed_pairs}


def kernel_view_checker(tool, obj, ostats):
    """nocsr-check's prediction. Its insns_after is the object's program
    minus removed brackets: the kernel's other rewrites are not modelled, so
    these numbers compare with each other, not with a real load. Brackets
    emitted come from the object (the checker counts recognised pairs).
    The checker's report itself is returned under "prediction" (for
    kernel_agreement)."""
    pred = kernel_agreement.checker_report(kernel_agreement.Tools(nocsr_check=tool), obj)
    view = {"source": "nocsr-check", "insns": 0, "stack": 0,
            "brackets": ostats["brackets"], "removed_brackets": 0,
            "pairs": ostats["pairs"], "removed_pairs": 0, "prediction": pred}
    for p in pred["programs"]:
        view["insns"] += p["insns_after"]
        for s in p["subprograms"]:
            view["stack"] += s["stack_depth_after"]
            for c in s["calls"]:
                if c["removed"] and c["pairs"] and c["callee"] in ELIGIBLE_IDS:
                    view["removed_brackets"] += 1
                    view["removed_pairs"] += c["pairs"]
    return view


# ---------------------------------------------------------------- corpus run

# The project's own loadable programs (kernel-agreement and end-to-end tests).
# Socket filters are left out on purpose: helper 8 is not fastcall there, so
# their brackets stay by design and would blur the removal rate. Tests that
# spell the attribute out (test/plugin/e2e) are left out too: the "clang-22
# no attribute" variant turns it off through the header's macros only.
PROJECT_PROGRAMS = [
    "test/kernel/kprobe-mixed-brackets.c",
    "test/kernel/raw-tp-mixed-brackets.c",
    "test/kernel/tc-mixed-brackets.c",
    "test/kernel/xdp-mixed-brackets.c",
]

# Groups, reported apart: programs written for the benchmark, the project's
# tests, socket filters written for the benchmark (the kernel keeps their
# brackets: the old-kernel path, run with BPF_PROG_TEST_RUN) and programs of
# public projects built unmodified in profile mode.
GROUPS = ("written", "proj", "sockfilter", "public")
PUBLIC_DIR = os.path.join(HERE, "corpus-public")


class Entry:
    def __init__(self, name, group, srcs, incs, profile=False):
        self.name = name
        self.group = group
        self.srcs = srcs
        self.incs = incs
        self.profile = profile


def public_entries(args, outdir):
    """Entries of corpus-public/manifest.json whose files are present (see
    corpus-public/README.md: they are fetched, not committed) and match the
    recorded sha256; bpftool's vmlinux.h of this kernel is generated once."""
    with open(os.path.join(PUBLIC_DIR, "manifest.json")) as f:
        man = json.load(f)
    src = args.public_src
    missing = [p for p in man["files"] if not os.path.exists(os.path.join(src, p))]
    if missing:
        return [], "public corpus not measured: %d file(s) missing in %s (run " \
            "utils/bench/corpus-public/fetch.py)" % (len(missing), src)
    import hashlib
    for rel, meta in man["files"].items():
        with open(os.path.join(src, rel), "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != meta["sha256"]:
                return [], "public corpus not measured: %s differs from its " \
                    "recorded sha256" % rel
    vmdir = os.path.join(outdir, "vmlinux")
    os.makedirs(vmdir, exist_ok=True)
    vmh = os.path.join(vmdir, "vmlinux.h")
    if not os.path.exists(vmh):
        res = run(["bpftool", "btf", "dump", "file", "/sys/kernel/btf/vmlinux",
                   "format", "c"])
        if res.returncode != 0:
            return [], "public corpus not measured: no vmlinux.h (%s)" % \
                res.stderr.strip()[-200:]
        with open(vmh, "w") as f:
            f.write(res.stdout)
    out = []
    for prog in man["programs"]:
        srcs = [os.path.join(src, p) for p in prog["sources"]]
        incs = sorted({os.path.dirname(p) for p in srcs}) + [vmdir]
        out.append(Entry("pub:" + prog["name"], "public", srcs, incs, profile=True))
    return out, None


def corpus_entries(args, outdir):
    out = []
    for src in sorted(glob.glob(os.path.join(HERE, "corpus", "*.bpf.c"))):
        name = program_name(src)
        group = "sockfilter" if name.startswith("sock_") else "written"
        out.append(Entry(name, group, [src], [os.path.dirname(src)]))
    notes = []
    if not args.corpus_only:
        for p in PROJECT_PROGRAMS:
            src = os.path.join(ROOT, p)
            if os.path.exists(src):
                out.append(Entry(program_name(src), "proj", [src],
                                 [os.path.dirname(src),
                                  os.path.join(os.path.dirname(src), "Inputs")]))
        if not args.no_public:
            pub, why = public_entries(args, outdir)
            out += pub
            if why:
                notes.append(why)
    return out, notes


def program_name(src):
    base = os.path.basename(src)
    for ext in (".bpf.c", ".c"):
        if base.endswith(ext):
            base = base[: -len(ext)]
            break
    if not src.startswith(HERE):
        base = "proj:" + base
    return base


def cflags(extra_includes=()):
    flags = ["-target", "bpf", "-O2", "-g", "-I" + ARCH_INCLUDE,
             "-I" + os.path.join(ROOT, "include"), "-D__TARGET_ARCH_" + TARGET_ARCH]
    for inc in extra_includes:
        flags.append("-I" + inc)
    return flags


def compile_one(variant, entry, outdir):
    """One object per entry and variant; several sources (a public program
    and its shared part) are linked with bpftool gen object, as their
    project's build does."""
    base = os.path.join(outdir, "%s.%s" % (entry.name.replace(":", "_"), variant.key))
    flags = list(variant.flags)
    if entry.profile and variant.plugin:
        flags.append("-fplugin-arg-BPFNoCSR-eligible=profile:latest")
    objs = []
    t0 = time.perf_counter()
    for i, src in enumerate(entry.srcs):
        obj = base + (".o" if len(entry.srcs) == 1 else ".part%d.o" % i)
        res = run([variant.cc] + cflags(entry.incs) + flags + ["-c", src, "-o", obj])
        if res.returncode != 0:
            return entry.name, variant.key, None, \
                res.stderr.strip().splitlines()[-3:], time.perf_counter() - t0
        objs.append(obj)
    dt = time.perf_counter() - t0
    if len(objs) > 1:
        res = run(["bpftool", "gen", "object", base + ".o"] + objs)
        if res.returncode != 0:
            return entry.name, variant.key, None, \
                ["bpftool gen object: " + res.stderr.strip()[-200:]], dt
    return entry.name, variant.key, base + ".o", None, dt


def checker_agreement(tools, obj, report, pred):
    """nocsr-check against the kernel on one object, through the project's one
    comparison: removed pairs per call, instruction counts, stack depth per
    subprogram."""
    ka_tools = kernel_agreement.Tools(nocsr_check=tools["nocsr-check"],
                                      nocsr_run=tools.get("nocsr-run"))
    cmps = kernel_agreement.compare_object(ka_tools, obj, kern=report, pred=pred)
    return {"programs": len(cmps),
            "mismatches": [str(m) for c in cmps for m in c.mismatches],
            "skipped": [s for c in cmps for s in c.skipped]}


def measure_corpus(args, variants, tools, can_load):
    outdir = os.path.join(args.out, "objs")
    os.makedirs(outdir, exist_ok=True)
    entries, notes = corpus_entries(args, args.out)
    groups = {e.name: e.group for e in entries}
    results = {}  # (prog, variant) -> dict
    jobs = [(v, e) for e in entries for v in variants]
    log("compiling %d programs x %d variants" % (len(entries), len(variants)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        for name, vkey, obj, err, dt in ex.map(lambda j: compile_one(j[0], j[1], outdir), jobs):
            results[(name, vkey)] = {"obj": obj, "error": err, "compile_s": dt,
                                     "group": groups[name]}
    log("measuring objects and kernel views")
    pin_base = "/sys/fs/bpf/nocsr_bench_%s" % args.tag

    def measure_one(item):
        """Object and kernel view of one (program, variant); --jobs at a time
        (the bpftool fallback pins under a name of its own per object)."""
        idx, r = item
        if not r["obj"]:
            return
        r["object"] = object_stats(tools["objdump"], r["obj"])
        try:
            if can_load and tools.get("nocsr-run"):
                r["kernel"] = kernel_view_nocsr_run(tools["nocsr-run"], r["obj"],
                                                    test_run=r["group"] == "sockfilter")
            elif can_load:
                r["kernel"] = kernel_view_bpftool(r["obj"], r["object"],
                                                  "%s_%d" % (pin_base, idx))
            elif tools.get("nocsr-check"):
                r["kernel"] = kernel_view_checker(tools["nocsr-check"], r["obj"], r["object"])
            else:
                r["kernel"] = None
        except (RuntimeError, ValueError, KeyError, kernel_agreement.ToolError,
                kernel_agreement.NotPermitted) as e:
            r["error"] = [str(e)]
            r["kernel"] = None
            # Public programs whose maps their own loader sizes, or that
            # include programs their tests expect the verifier to reject,
            # do not load unmodified: nocsr-check's prediction instead.
            if r["group"] == "public" and tools.get("nocsr-check"):
                try:
                    r["kernel"] = kernel_view_checker(tools["nocsr-check"], r["obj"],
                                                      r["object"])
                    r["load_error"] = r.pop("error")
                except (RuntimeError, ValueError, KeyError,
                        kernel_agreement.ToolError) as e2:
                    r["error"].append(str(e2))
        kern_report = (r.get("kernel") or {}).pop("report", None)
        (r.get("kernel") or {}).pop("prediction", None)
        if tools.get("nocsr-check") and can_load and r.get("kernel"):
            try:
                chk = kernel_view_checker(tools["nocsr-check"], r["obj"], r["object"])
                r["checker"] = chk
                pred = chk.pop("prediction")
                if kern_report is not None:
                    r["agreement"] = checker_agreement(tools, r["obj"], kern_report, pred)
            except (RuntimeError, ValueError, KeyError,
                    kernel_agreement.ToolError) as e:
                r["checker_error"] = str(e)

    items = list(enumerate(r for _, r in sorted(results.items())))
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        list(ex.map(measure_one, items))
    return [e.name for e in entries], groups, results, notes


# ---------------------------------------------------------------- tool costs

def timed(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds of one run of cmd (exit status 0 or 1 accepted)."""
    return timed_cpu(cmd, stdout)[0]


def timed_cpu(cmd, stdout=subprocess.DEVNULL):
    """(wall seconds, child CPU seconds) of one run of cmd."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode not in (0, 1):
        raise RuntimeError("%s failed: %s" % (cmd[0], res.stderr.decode()[-300:]))
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return dt, cpu


def compile_costs(args, variants, workdir, log):
    """compile_cost.compile_costs over the written corpus (corpus/*.bpf.c,
    socket filters included), the generated source and the public programs."""
    src = os.path.join(workdir, "large.bpf.c")
    nfuncs = 150 if args.quick else 400
    gen.write_large_source(src, nfuncs)
    lines = sum(1 for _ in open(src))
    entries, notes = corpus_entries(args, args.out)
    written = [(s, e.incs, False) for e in entries if e.group in ("written", "sockfilter")
               for s in e.srcs]
    public = [(s, e.incs, True) for e in entries if e.group == "public" for s in e.srcs]
    note = "; ".join(n for n in notes if "public" in n) or \
        ("left out (--no-public / --corpus-only)" if args.no_public or args.corpus_only
         else None)
    return compile_cost.compile_costs(args, variants, written, public, note,
                                      (src, nfuncs, lines), cflags,
                                      os.path.join(workdir, "compile"), log)


def checker_throughput(args, tools, workdir):
    if not tools.get("nocsr-check"):
        return None
    sizes = [1 << 20, 1 << 21]
    reps = 3 if args.quick else 7
    rows = []
    for n in sizes:
        obj = os.path.join(workdir, "big_%d.o" % n)
        if not os.path.exists(obj):
            log("generating a %d-insn object" % n)
            gen.write_big_object(obj, n)
        chk, od = [], []
        for _ in range(reps):
            od.append(timed([tools["objdump"], "-d", obj]))
            chk.append(timed([tools["nocsr-check"], obj]))
        rows.append({"insns": n, "objdump_s": statistics.median(od),
                     "checker_s": statistics.median(chk)})
    return {"reps": reps, "rows": rows}


def patcher_bench(args, tools):
    """Google Benchmark run of utils/bench/patcher; the naive baseline at
    K = 100k takes minutes, so --quick extrapolates it from K = 1000 (its
    cost is linear in K: one O(N) pass per edit)."""
    exe = tools.get("bench-patcher")
    if not exe:
        return None
    # The range patcher is timed over repetitions; the naive baseline once
    # per K (at K = 100k it runs for minutes).
    runs = [("BM_RangePatch/", ["--benchmark_min_time=%s" % ("0.1" if args.quick else "0.5"),
                                "--benchmark_repetitions=%d" % (3 if args.quick else 5),
                                "--benchmark_report_aggregates_only=true"]),
            ("BM_NaivePatch/1048576/%s/" % ("1000" if args.quick else "(1000|4000|100000)"),
             [])]
    rows = []
    for flt, extra in runs:
        res = run([exe, "--benchmark_format=json", "--benchmark_filter=" + flt] + extra)
        if res.returncode != 0:
            return {"error": (res.stderr or res.stdout)[-400:]}
        doc = json.loads(res.stdout)
        # CPU time: the machine is shared, wall time carries other jobs' load.
        for b in doc["benchmarks"]:
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            kind, n, k = b["name"].split("/")[:3]
            unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
            rows.append({"kind": kind, "n": int(n), "k": int(k),
                         "s": b["cpu_time"] * unit})
    out = {"rows": rows}
    rng = [r for r in rows if r["kind"] == "BM_RangePatch" and r["n"] == 1 << 20
           and r["k"] == 100000]
    nv = sorted([r for r in rows if r["kind"] == "BM_NaivePatch"], key=lambda r: r["k"])
    if rng and nv:
        full = [r for r in nv if r["k"] == 100000]
        if full:
            out["naive_100k_s"] = full[0]["s"]
            out["naive_extrapolated"] = False
        else:
            out["naive_100k_s"] = nv[-1]["s"] * 100000 / nv[-1]["k"]
            out["naive_extrapolated"] = True
        out["range_100k_s"] = rng[0]["s"]
        out["speedup"] = out["naive_100k_s"] / rng[0]["s"]
    return out


# ---------------------------------------------------------------- main

def find_tools(args):
    tools = {"objdump": shutil.which("llvm-objdump-19") or "llvm-objdump"}
    for name, rel in (("nocsr-check", "bin/nocsr-check"), ("nocsr-run", "bin/nocsr-run"),
                      ("bench-patcher", "bin/nocsr-bench-patcher")):
        path = os.path.join(args.build, rel)
        if os.path.exists(path) and os.access(path, os.X_OK):
            tools[name] = path
    if args.no_nocsr_run:
        tools.pop("nocsr-run", None)
    return tools


def can_load_bpf():
    res = run([sys.executable, os.path.join(ROOT, "utils", "scripts", "bpf_probe.py")])
    return res.returncode == 0, res.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (< 5 min)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--build22", default=os.path.join(ROOT, "build-22"))
    ap.add_argument("--old-llvm", default=",".join(report.OLD_CLANGS),
                    type=lambda s: [v for v in s.split(",") if v],
                    help="older clang majors to add as cN/cNp (plugin from "
                         "build-N); empty for none")
    ap.add_argument("--out", default=None, help="default: <build>/bench")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-nocsr-run", action="store_true",
                    help="read the kernel view with bpftool even if nocsr-run exists")
    ap.add_argument("--skip-costs", action="store_true",
                    help="skip the checker and patcher benchmarks (compile time and "
                    "run time are always measured)")
    ap.add_argument("--skip-compile-time", action="store_true",
                    help="leave out the compile-time measurement")
    ap.add_argument("--corpus-only", action="store_true",
                    help="leave out the project's test programs")
    ap.add_argument("--no-public", action="store_true",
                    help="leave out the public corpus (corpus-public/)")
    ap.add_argument("--public-src", default=os.path.join(PUBLIC_DIR, "src"),
                    help="where corpus-public/fetch.py put the public files")
    ap.add_argument("--tag", default="e%d" % os.getpid())
    args = ap.parse_args()
    args.out = args.out or os.path.join(args.build, "bench")
    os.makedirs(args.out, exist_ok=True)
    t_start = time.time()

    callee_source = load_eligible_callees(args.build)
    log("eligible callees (from %s): helpers %s, kfuncs %s" % (
        callee_source, ", ".join(map(str, ELIGIBLE_HELPERS)), ", ".join(ELIGIBLE_KFUNCS)))
    plugins = {}
    variants, skipped = discover_variants(args, plugins)
    tools = find_tools(args)
    can_load, why = can_load_bpf()
    log("variants: %s; tools: %s; loading: %s" % (
        ", ".join(v.key for v in variants), ", ".join(sorted(tools)),
        "yes" if can_load else "no (%s)" % why))

    names, groups, results, notes = measure_corpus(args, variants, tools, can_load)
    costs = {}
    work = os.path.join(args.out, "gen")
    os.makedirs(work, exist_ok=True)
    if args.skip_compile_time:
        costs["compile"] = {"error": "not measured (--skip-compile-time)"}
    else:
        log("compile time")
        try:
            costs["compile"] = compile_costs(args, variants, work, log)
        except RuntimeError as e:
            costs["compile"] = {"error": str(e)}
    if can_load:
        log("run time (BPF_PROG_TEST_RUN)")
        costs["runtime"] = runtime.measure_runtime(args, results, groups,
                                                   tools["objdump"], log)
    else:
        costs["runtime"] = {"error": "not measured: loading not permitted (%s)" % why}
    if not args.skip_costs:
        log("checker throughput")
        try:
            costs["checker"] = checker_throughput(args, tools, work)
        except RuntimeError as e:
            costs["checker"] = {"error": str(e)}
        log("patcher benchmark")
        costs["patcher"] = patcher_bench(args, tools)

    meta = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"),
            "kernel": platform.release(), "quick": args.quick,
            "can_load": can_load, "why_not_load": why,
            "variants": [(v.key, v.label, v.compiler) for v in variants],
            "modes": {v.key: v.mode for v in variants if v.mode},
            "plugins": plugins,
            "skipped": skipped, "tools": tools, "notes": notes,
            "callees": {"source": callee_source, "helpers": ELIGIBLE_HELPERS,
                        "kfuncs": ELIGIBLE_KFUNCS},
            "git": run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]).stdout.strip(),
            "elapsed_s": None}
    meta["elapsed_s"] = time.time() - t_start
    raw = {"meta": meta, "programs": names, "groups": groups,
           "results": {"%s|%s" % k: {kk: vv for kk, vv in v.items() if kk != "obj"}
                       for k, v in results.items()},
           "costs": costs}
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(raw, f, indent=1)
    path = report.write_report(raw, args.out)
    log("report: %s (%.0f s)" % (path, time.time() - t_start))


if __name__ == "__main__":
    main()
