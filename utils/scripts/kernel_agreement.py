#!/usr/bin/env python3
"""One comparison of nocsr-check's prediction with what the kernel did.

Used by the agreement tests (test/kernel/checker/, through the command line
below), utils/fuzz/differential.py (differential driver) and
utils/bench/bench.py (benchmark); they only format what this returns.

Command line (the agreement tests; root, bpftool):

    kernel_agreement.py --checker NOCSR_CHECK --clang CLANG --workdir DIR
        [--cflags FLAGS] [--nocsr-run NOCSR_RUN] [--kernel K] INPUT...

builds each INPUT (.s, or .c with FLAGS; a .o is taken as is; a .s or .c
without a "KERNEL: load" or "KERNEL: reject" line is left out), loads it
with `bpftool prog loadall` and, for every program, runs compare_object and
compare_xlated. An input whose checker findings say the kernel rejects it
must fail to load. bpftool's pins live under /sys/fs/bpf/nocsr_chk_<pid>_<n>
of a private bpf filesystem (with_private_bpffs.sh) and are always removed.
Prints one OK/FAIL line per program and a count; exit 1 on any failure.

API (every function raises ToolError when a tool fails, NotPermitted when
bpf() is refused):

    tools = Tools(nocsr_check, nocsr_run, nocsr_annotate, readobj=None)

    checker_report(tools, obj, kernel="host", arch="host") -> dict
        `nocsr-check --format=json --kernel=K --arch=A obj`, the first object.
    kernel_report(tools, obj, execute=False, cpu=None) -> dict
        `nocsr-run --json [--no-run] [--cpu=N] obj`.
    compare_object(tools, obj, kernel="host", arch="host", kern=None,
                   pred=None) -> [ProgramComparison]
        Runs what is not passed in and compares every program the kernel
        loaded. A ProgramComparison has name, section, mismatches (list of
        Mismatch), skipped (what was not comparable, and why), predicted and
        kernel (the two program reports) and calls (CallPair list).
    Mismatch: program, kind, where, kernel, checker; str() is one line.
        kind is one of: "program" (the checker has no such program),
        "call" (a call the other side does not list), "removed-pairs",
        "insns-loaded", "insns-removed", "stack-depth".
    callee_table(tools, kernel="host", arch="host", sections=()) -> Callees
        `nocsr-annotate --list-eligible --format=json`: callee names,
        signatures and where each is fastcall, on the running kernel as
        `nocsr-check --probe-kernel` finds it (when tools has nocsr-check and
        bpf() is permitted), else from the version table. Callees.fastcall(callee,
        section) says whether `callee` ("helper:8", "kfunc:NAME") is fastcall
        in a program of that ELF section (one of `sections`), fastcall_ids(
        section) lists those, ids() every callee of the table, name(callee)
        gives its C name.
    removed_pairs(call) -> int, for a call of either report.
    predicts_rejection(pred_program) -> bool.
    checker_xlated(tools, obj, kernel="host", kernel_build=None) -> dict
        program name -> the translated program nocsr-check predicts
        (--print-xlated) as a list of (code, dst, src, off, imm);
        kernel_insns(bpftool_json) the same of `bpftool --json prog dump
        xlated ... opcodes`.
    compare_xlated(predicted, kernel) -> None or the first difference:
        slot by slot, so exactly the predicted spill/fill pairs are gone.
        Differences that are not the checker's to predict are allowed where
        they are known: helper 8 inlined into three instructions (x86-64
        JIT), fastcall kfuncs inlined into `r0 = r1`, bpf_loop inlined into
        its loop (optimize_bpf_loop), may_goto expanded into its counter
        (and the counter's initialisation at the subprogram's entry),
        helper/kfunc numbers and ldimm64 immediates rewritten, jump offsets
        shifted by those expansions. The checker predicts the stack these
        expansions add (the depths compare_object compares), not their
        instructions. stack_accesses(insns) keeps the r10-based loads and
        stores, for kernels that also rewrite context accesses.

Example (a benchmark's checker-agreement column):
    tools = Tools.from_bin_dir("build/bin")
    kern = kernel_report(tools, obj)   # or the nocsr-run report at hand
    for cmp in compare_object(tools, obj, kern=kern):
        agrees = not cmp.mismatches    # removals and stack depths
    callees = callee_table(tools, sections=[p["section"]
                                            for p in kern["programs"]])
    eligible = callees.ids()           # instead of literal callee names

What is compared, per program (nocsr-run's view against nocsr-check's):
  * the loaded instruction count (both link the object as libbpf does);
  * removed pairs per call, matched by the call's instruction index. The
    checker numbers instructions by 8-byte slot within the ELF section, as
    llvm-objdump does; nocsr-run by slot in the loaded program (main
    function, then the subprograms appended depth first). A subprogram's
    loaded start is the sum of the sizes of the subprograms before it, in
    the checker's order (the same as libbpf's); sizes are the ELF function
    symbols' (llvm-readobj), or the whole section for a section without
    function symbols, as the checker's object reader does;
  * the removed instruction count (insns_before - insns_after, less the
    no-ops the checker predicts dropped, against twice the kernel's removed
    pairs);
  * the stack depth of each subprogram against the verifier's.
Code the verifier deleted as unreachable is no evidence either way: a call
whose bracket is "dead" matches a prediction of none or all of its pairs
removed, and a program with dead calls skips the removed-instruction count;
with dead calls or dead stack accesses (dead_stack_accesses) it skips the
stack depths (the verifier's depth covers explored code only).

Kernel builds: where nocsr-check could not probe the kernel and known builds
disagree, its program carries "build_dependent" (each build's stack depths
and removed brackets per subprogram). When the kernel did exactly what one
of those builds predicts, the removal and depth differences are not
mismatches: they move to ProgramComparison.build_dependent with the build's
name (kernel_build). accepted_values() is the hook for finer-grained
alternatives the checker may add per call or subprogram.
"""
import argparse
import atexit
import bisect
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading

EXIT_NOT_PERMITTED = 77


class ToolError(Exception):
    pass


class NotPermitted(Exception):
    pass


class Tools:
    def __init__(self, nocsr_check=None, nocsr_run=None, nocsr_annotate=None,
                 readobj=None):
        self.nocsr_check = nocsr_check
        self.nocsr_run = nocsr_run
        self.nocsr_annotate = nocsr_annotate
        self.readobj = readobj or _find_readobj()

    @classmethod
    def from_bin_dir(cls, bin_dir, readobj=None):
        """The tools of a build tree's bin/ directory."""
        def tool(name):
            return os.path.join(bin_dir, name)
        return cls(tool("nocsr-check"), tool("nocsr-run"),
                   tool("nocsr-annotate"), readobj)


def _find_readobj():
    # The JSON schema used here is LLVM 19's and 22's (14's differs).
    for name in ("/usr/lib/llvm-19/bin/llvm-readobj",
                 "/usr/lib/llvm-22/bin/llvm-readobj", "llvm-readobj-19",
                 "llvm-readobj-22", "llvm-readobj"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(cmd, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout)


def _json_of(proc, what):
    try:
        return json.loads(proc.stdout)
    except ValueError:
        raise ToolError("%s exit %d: %s" % (
            what, proc.returncode, proc.stderr.strip()[:300]))


# ------------------------------------------------------------ the reports

def checker_report(tools, obj, kernel="host", arch="host"):
    """nocsr-check's JSON for `obj` (its one object). Exit 0 and 1 (findings)
    are reports; anything else is an error."""
    p = _run([tools.nocsr_check, "--format=json", "--kernel=" + kernel,
              "--arch=" + arch, obj])
    if p.returncode not in (0, 1):
        raise ToolError("nocsr-check exit %d: %s" % (
            p.returncode, p.stderr.strip()[:300]))
    doc = _json_of(p, "nocsr-check")
    objects = doc.get("objects", [])
    if len(objects) != 1:
        raise ToolError("nocsr-check reported %d objects" % len(objects))
    return objects[0]


def kernel_report(tools, obj, execute=False, cpu=None):
    """nocsr-run's JSON for `obj`. Programs the kernel rejected are in it with
    "loaded": false, so the exit status only tells a refused bpf() apart."""
    cmd = [tools.nocsr_run, "--json"]
    if not execute:
        cmd.append("--no-run")
    if cpu is not None:
        cmd.append("--cpu=%d" % cpu)
    p = _run(cmd + [obj])
    if p.returncode == EXIT_NOT_PERMITTED:
        raise NotPermitted(p.stderr.strip())
    return _json_of(p, "nocsr-run")


# ------------------------------------------------------------ callee facts

class Callees:
    """nocsr-annotate's callee table under one kernel profile."""

    def __init__(self, doc):
        self.doc = doc
        self.by_id = {c["callee"]: c for c in doc["callees"]}
        self.sections = doc.get("sections", {})
        self.section_types = doc.get("section_types", {})

    def family(self, section):
        return self.sections.get(section)

    def fastcall(self, callee, section):
        """Is `callee` fastcall in a program of ELF section `section`?"""
        c = self.by_id.get(callee)
        if c is None:
            return False
        if section not in self.sections:
            raise KeyError("section %r was not asked of nocsr-annotate"
                           % section)
        if "types" in c and section in self.section_types:
            # The verifier decides per program type; families only group.
            return self.section_types[section] in c["types"]
        return self.sections[section] in c["families"]

    def ids(self):
        """Every callee of the table, fastcall here or not."""
        return set(self.by_id)

    def fastcall_ids(self, section):
        return {c for c in self.by_id if self.fastcall(c, section)}

    def name(self, callee):
        c = self.by_id.get(callee)
        return c["name"] if c else callee


def _annotate_profile(kernel, arch):
    """nocsr-check's --kernel/--arch spelled for nocsr-annotate."""
    if kernel == "host":
        kernel = platform.release()
    if arch == "host":
        arch = platform.machine()
    return kernel, arch


_PROBED = {}
_PROBED_LOCK = threading.Lock()


def probed_profile(tools):
    """The running kernel's profile as nocsr-check probes it, saved to a
    file for nocsr-annotate; None where it cannot probe (bpf() refused)."""
    with _PROBED_LOCK:
        if tools.nocsr_check not in _PROBED:
            path = None
            p = _run([tools.nocsr_check, "--probe-kernel", "--format=json"])
            if p.returncode == 0 and p.stdout.lstrip().startswith("{"):
                fd, path = tempfile.mkstemp(prefix="nocsr-profile-",
                                            suffix=".json")
                with os.fdopen(fd, "w") as f:
                    f.write(p.stdout)
                atexit.register(os.unlink, path)
            _PROBED[tools.nocsr_check] = path
        return _PROBED[tools.nocsr_check]


def callee_table(tools, kernel="host", arch="host", sections=()):
    """On the running kernel (host, host) with nocsr-check at hand, what the
    probe found; else the version table's profile."""
    cmd = [tools.nocsr_annotate, "--list-eligible", "--format=json"]
    saved = None
    if kernel == "host" and arch == "host" and tools.nocsr_check:
        saved = probed_profile(tools)
    if saved:
        cmd.append("--kernel-profile=" + saved)
    else:
        profile, arch = _annotate_profile(kernel, arch)
        cmd += ["--profile=" + profile, "--arch=" + arch]
    cmd += ["--section=" + s for s in sorted(set(sections))]
    p = _run(cmd)
    if p.returncode != 0:
        raise ToolError("nocsr-annotate exit %d: %s" % (
            p.returncode, p.stderr.strip()[:300]))
    return Callees(_json_of(p, "nocsr-annotate"))


# ------------------------------------------------------------ object layout

def function_sizes(tools, obj):
    """{function name: [(first slot in its section, slots)]} as nocsr-check's
    object reader sees functions: FUNC symbols of non-zero size, and each
    section without one as a function named after the section (listed for
    every section; only executable ones are ever asked for)."""
    if not tools.readobj:
        raise ToolError("llvm-readobj not found")
    p = _run([tools.readobj, "--elf-output-style=JSON", "--sections",
              "--symbols", obj])
    if p.returncode != 0:
        raise ToolError("llvm-readobj: " + p.stderr.strip()[:300])
    doc = _json_of(p, "llvm-readobj")[0]
    sizes = {}
    for entry in doc.get("Symbols", []):
        s = entry["Symbol"]
        if s["Type"]["Name"] == "Function" and s["Size"] > 0:
            sizes.setdefault(s["Name"]["Name"], []).append(
                (s["Value"] // 8, s["Size"] // 8))
    for entry in doc.get("Sections", []):
        s = entry["Section"]
        sizes.setdefault(s["Name"]["Name"], []).append((0, s["Size"] // 8))
    return sizes


def loaded_starts(pred_program, sizes):
    """Loaded-program start of each of the checker's subprograms."""
    starts, at = [], 0
    for sub in pred_program["subprograms"]:
        starts.append(at)
        found = [n for start, n in sizes.get(sub["name"], [])
                 if start == sub["start"]]
        if not found:
            raise ToolError("no function %s at slot %d in the object" %
                            (sub["name"], sub["start"]))
        at += found[0]
    return starts


# ------------------------------------------------------------ comparison

def removed_pairs(call):
    """Pairs removed around a call of either report: nocsr-run gives
    removed_pairs (older ones only the bracket verdict), nocsr-check a
    removed flag for its recognised pairs."""
    if "removed_pairs" in call:
        return call["removed_pairs"]
    if "bracket" in call:
        return call["pairs"] if call["bracket"] == "removed" else 0
    return call.get("pairs", 0) if call.get("removed") else 0


def accepted_values(entry, field, predicted):
    """The values of `field` the checker's `entry` (a call or subprogram of
    its JSON) accepts. The hook for kernel builds: a checker that cannot tell
    which known build it predicts may list every build's outcome; until its
    JSON says so (expected shape: entry["ambiguous"][field] = [values]),
    only the prediction itself is accepted."""
    values = {predicted}
    values.update(entry.get("ambiguous", {}).get(field, []))
    return values


def predicts_rejection(pred_program):
    return any(f["severity"] == "error" and "rejects" in f["message"]
               for f in pred_program["findings"])


class Mismatch:
    def __init__(self, program, kind, where, kernel, checker):
        self.program = program
        self.kind = kind
        self.where = where
        self.kernel = kernel
        self.checker = checker

    def key(self):
        return (self.program, self.kind, self.where, str(self.kernel),
                str(self.checker))

    def __str__(self):
        what = {"program": "program",
                "call": "call",
                "removed-pairs": "removed pairs",
                "unrecognised-call": "call the verifier rewrote past recognition",
                "insns-loaded": "instructions loaded",
                "insns-removed": "instructions removed",
                "stack-depth": "stack depth"}[self.kind]
        where = " " + self.where if self.where else ""
        return "%s%s: %s: kernel %s, nocsr-check %s" % (
            self.program, where, what, self.kernel, self.checker)


class CallPair:
    """One call as both sides see it; either side may be None."""

    def __init__(self, index, kernel, checker):
        self.index = index  # in the loaded program
        self.kernel = kernel
        self.checker = checker


class ProgramComparison:
    def __init__(self, name, section, predicted, kernel):
        self.name = name
        self.section = section
        self.predicted = predicted
        self.kernel = kernel
        self.calls = []
        self.mismatches = []
        self.skipped = []
        # Set when the kernel did what one known build predicts and the
        # checker, not having probed, said builds differ here.
        self.kernel_build = None
        self.build_dependent = []

    def has_dead_code(self):
        return bool(self.kernel.get("dead_stack_accesses", 0) or any(
            c["bracket"] == "dead" for c in self.kernel["calls"]))


def pair_calls(pred, kern, starts):
    """CallPairs by loaded instruction index, in index order."""
    by_index = {}
    for sub, start in zip(pred["subprograms"], starts):
        for c in sub["calls"]:
            index = start + c["insn"] - sub["start"]
            by_index[index] = CallPair(index, None, c)
    for c in kern["calls"]:
        if c["callee"] == "subprog":
            continue
        by_index.setdefault(c["insn"], CallPair(c["insn"], None, None))
        by_index[c["insn"]].kernel = c
    return [by_index[i] for i in sorted(by_index)]


def subprogram_of(index, starts):
    return bisect.bisect_right(starts, index) - 1


def matching_build(cmp, starts):
    """The known build whose predicted outcome is the kernel's, if the
    checker listed per-build outcomes for this program."""
    kern = cmp.kernel
    removed = [0] * len(starts)
    for pair in cmp.calls:
        if pair.kernel and pair.kernel["bracket"] != "dead" and \
                removed_pairs(pair.kernel) > 0:
            removed[subprogram_of(pair.index, starts)] += 1
    for outcome in cmp.predicted.get("build_dependent", []):
        if outcome["removed"] != removed:
            continue
        if not cmp.has_dead_code() and \
                outcome["stack_depth_after"] != kern["stack_depth"]:
            continue
        return outcome["kernel_build"]
    return None


def _where(pair):
    c = pair.kernel or pair.checker
    return "insn %d %s" % (pair.index, c["callee"])


def compare_program(pred, kern, sizes):
    """Compare one program the kernel loaded with its prediction."""
    name = kern["name"]
    cmp = ProgramComparison(name, kern["section"], pred, kern)
    mism = cmp.mismatches

    if pred["insns_before"] != kern["insns"]:
        mism.append(Mismatch(name, "insns-loaded", "", kern["insns"],
                             pred["insns_before"]))
        return cmp  # Indices would not line up.
    starts = loaded_starts(pred, sizes)
    cmp.calls = pair_calls(pred, kern, starts)

    dead_calls = 0
    for pair in cmp.calls:
        k, c = pair.kernel, pair.checker
        if k is None or c is None or k["callee"] != c["callee"]:
            mism.append(Mismatch(name, "call", "insn %d" % pair.index,
                                 k and k["callee"], c and c["callee"]))
            continue
        predicted = removed_pairs(c)
        if k["bracket"] == "unknown":
            # nocsr-run does not know what the verifier made of the call:
            # say so, never count it as agreement.
            mism.append(Mismatch(name, "unrecognised-call", _where(pair),
                                 "unknown", predicted))
            continue
        if k["bracket"] == "dead":
            # Its call went with unreachable code: none or all removed.
            dead_calls += 1
            if predicted not in (0, k["pairs"]):
                mism.append(Mismatch(name, "removed-pairs", _where(pair),
                                     "dead (0 or %d)" % k["pairs"],
                                     predicted))
            continue
        if removed_pairs(k) not in accepted_values(c, "removed", predicted):
            mism.append(Mismatch(name, "removed-pairs", _where(pair),
                                 removed_pairs(k), predicted))

    kernel_removed = 2 * sum(removed_pairs(k) for k in kern["calls"])
    # The goto +0 / may_goto +0 the kernel drops are no bracket pairs.
    model_removed = pred["insns_before"] - pred["insns_after"] - \
        pred.get("nops_removed", 0)
    if dead_calls:
        cmp.skipped.append("instructions removed: %d call(s) in dead code"
                           % dead_calls)
    elif kernel_removed != model_removed:
        mism.append(Mismatch(name, "insns-removed", "", kernel_removed,
                             model_removed))

    depths = [s["stack_depth_after"] for s in pred["subprograms"]]
    kdepths = kern["stack_depth"]
    if cmp.has_dead_code():
        cmp.skipped.append("stack depth: the verifier skipped dead code")
    elif len(depths) != len(kdepths) and kern.get("dead_insns", 0):
        # The verifier deleted a whole subprogram (e.g. a bpf_loop callback
        # it never entered) as dead code: depths no longer line up.
        cmp.skipped.append("stack depth: a subprogram was dead code")
    elif len(depths) != len(kdepths):
        mism.append(Mismatch(name, "stack-depth", "subprograms", kdepths,
                             depths))
    else:
        for sub, d, kd in zip(pred["subprograms"], depths, kdepths):
            if kd not in accepted_values(sub, "stack_depth_after", d):
                mism.append(Mismatch(name, "stack-depth",
                                     "subprogram " + sub["name"], kd, d))

    outcome_kinds = ("removed-pairs", "insns-removed", "stack-depth")
    if any(m.kind in outcome_kinds for m in mism):
        cmp.kernel_build = matching_build(cmp, starts)
        if cmp.kernel_build:
            cmp.build_dependent = [m for m in mism if m.kind in outcome_kinds]
            cmp.mismatches = [m for m in mism if m.kind not in outcome_kinds]
    return cmp


def compare_object(tools, obj, kernel="host", arch="host", kern=None,
                   pred=None):
    """Compare every program of `obj` the kernel loaded. `kern` (nocsr-run's
    report) and `pred` (nocsr-check's object report) are run when not given.
    Programs the kernel rejected are left to the caller."""
    if kern is None:
        kern = kernel_report(tools, obj)
    if pred is None:
        pred = checker_report(tools, obj, kernel, arch)
    predicted = {p["name"]: p for p in pred["programs"]}
    sizes = None
    out = []
    for kp in kern["programs"]:
        if not kp["loaded"]:
            continue
        pp = predicted.get(kp["name"])
        if pp is None:
            cmp = ProgramComparison(kp["name"], kp["section"], None, kp)
            cmp.mismatches.append(Mismatch(kp["name"], "program", "",
                                           "loaded", "no such program"))
            out.append(cmp)
            continue
        if sizes is None:
            sizes = function_sizes(tools, obj)
        out.append(compare_program(pp, kp, sizes))
    return out


# ------------------------------------------------------------ translated programs

HELPER8_INLINE = [0xB7, 0xBF, 0x61]
BPF_FUNC_LOOP = 181
BPF_LOOP_INLINE_LEN = 19  # inline_bpf_loop()'s instructions
REG_AX = 11               # the verifier's scratch register
MAY_GOTO = 0xE5           # BPF_JMP | BPF_JCOND


def _may_goto_expansion(kern, j):
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


def _may_goto_prologue(kern, j):
    """Length of the counter initialisation at a subprogram's entry: the
    counter (and the timed variant's timestamp) stored as immediates."""
    n = 0
    while j + n < len(kern) and kern[j + n][0] == 0x7A and \
            kern[j + n][1] == 10 and n < 2:
        n += 1
    return n


def parse_listing(text):
    """Program name -> list of (code, dst, src, off, imm) from nocsr-check's
    --print-xlated."""
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
    """(code, dst, src, off, imm) of `bpftool --json prog dump xlated ...
    opcodes`."""
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


def _same_insn(p, k):
    """Is kernel insn k the predicted insn p, up to what the kernel rewrites?"""
    code = p[0]
    cls = code & 7
    if code == 0x18 or (code == 0 and p[1:4] == (0, 0, 0)):
        return k[0] == code  # ldimm64: the kernel rewrites map references
    if cls in (5, 6):  # jumps: offsets move with inlined helpers
        if code & 0xF0 == 0x80:
            return k[0] == code
        return k[0] == code and k[1] == p[1] and k[2] == p[2] and \
            (code & 8 or k[4] == p[4])
    return k == p


def compare_xlated(pred, kern):
    """Walk the predicted and the kernel's translated program (lists of
    (code, dst, src, off, imm)); return None or a description of the first
    mismatch."""
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
            n = _may_goto_expansion(kern, j)
            if n is None:
                return "insn %d: may_goto not expanded as known" % i
            i, j = i + 1, j + n
            continue
        if kern[j][0] == 0x7A and p[0] != 0x7A and kern[j][1] == 10:
            j += _may_goto_prologue(kern, j)
            continue
        if not _same_insn(p, kern[j]):
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


def checker_xlated(tools, obj, kernel="host", kernel_build=None):
    """nocsr-check's predicted translated programs (parse_listing), under
    the rules of known kernel build `kernel_build` if given."""
    cmd = [tools.nocsr_check, "--no-table", "--print-xlated",
           "--kernel=" + kernel]
    if kernel_build:
        cmd.append("--kernel-build=" + kernel_build)
    return parse_listing(_run(cmd + [obj]).stdout)


# ------------------------------------------------------------ command line

def _build(src, clang, cflags, outdir):
    obj = os.path.join(outdir, os.path.basename(src) + ".o")
    if src.endswith(".s"):
        cmd = [clang, "--target=bpf", "-c", src, "-o", obj]
    elif src.endswith(".c"):
        cmd = [clang] + cflags + ["-c", src, "-o", obj]
    else:
        return src
    r = _run(cmd)
    if r.returncode:
        raise RuntimeError("cannot build %s: %s" % (src, r.stderr.strip()))
    return obj


def _expectation(src):
    if not (src.endswith(".s") or src.endswith(".c")):
        return "any"  # A prebuilt object: only checker and kernel must agree.
    with open(src) as f:
        text = f.read()
    m = re.search(r"KERNEL: (load|reject)", text)
    return m.group(1) if m else None


def main():
    """The agreement tests' command line (module docstring)."""
    # Pin into a bpf filesystem of our own, not the host's /sys/fs/bpf (which
    # need not be mounted); the wrapper re-runs us in a mount namespace.
    if os.environ.get("NOCSR_PRIVATE_BPFFS") != "1":
        wrapper = os.path.join(os.path.dirname(os.path.abspath(__file__)),
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
    tools = Tools(a.checker, a.nocsr_run or
                  os.path.join(os.path.dirname(a.checker), "nocsr-run"))
    failures = checked = 0
    for n, src in enumerate(a.inputs):
        want = _expectation(src)
        if want is None:
            continue
        obj = _build(src, a.clang, a.cflags.split(), a.workdir)
        try:
            report = checker_report(tools, obj, a.kernel)
            kreport = kernel_report(tools, obj)
        except ToolError as e:
            print("FAIL %s: %s" % (src, e))
            failures += 1
            continue
        listings = {}

        def listing(build):
            if build not in listings:
                listings[build] = checker_xlated(tools, obj, a.kernel, build)
            return listings[build]
        predicts_reject = any(predicts_rejection(p)
                              for p in report["programs"])
        pin = "/sys/fs/bpf/nocsr_chk_%d_%d" % (os.getpid(), n)
        try:
            ld = _run(["bpftool", "prog", "loadall", obj, pin])
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
                agreement = {c.name: c for c in compare_object(
                    tools, obj, a.kernel, kern=kreport, pred=report)}
            except ToolError as e:
                print("FAIL %s: %s" % (src, e))
                failures += 1
                continue
            for prog in report["programs"]:
                name = prog["name"]
                d = _run(["bpftool", "--json", "prog", "dump", "xlated",
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
                why = compare_xlated(pred, kern)
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
