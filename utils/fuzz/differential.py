#!/usr/bin/env python3
"""Differential testing of the nocsr plugin in the running kernel.

For each seed, gen_program.py writes a BPF C program that is built three
ways: "base", by the plugin's host clang (the clang whose LLVM the plugin
links, e.g. clang-19 or clang-22) with every nocsr/bpf_fastcall attribute
defined away; "plugin", by the host clang + the plugin; and "native", by
clang-22 (when installed) with its own bpf_fastcall. nocsr-run loads and runs
every build; the run fails when
  - a build does not compile or load, or results differ between builds;
  - a program did not run (its result could not be compared);
  - in the plugin build a bracket around a callee the kernel profile treats
    as fastcall in that program type survived, or one around any other
    callee (helper 42; helper 8 in socket filters) was removed, or any
    bracket was only partly removed (callees and where they are fastcall
    come from nocsr-annotate --list-eligible --format=json);
  - nocsr-check's prediction (removed pairs per call, instructions removed,
    stack depth per subprogram) differs from what the kernel did, for any
    build (utils/scripts/kernel_agreement.py compares them).
Failing seeds keep their directory as reproducer; the run ends with
"N passed, M failed". See utils/fuzz/README.md.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_program  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "utils", "scripts"))
import kernel_agreement  # noqa: E402

EXIT_NOT_PERMITTED = kernel_agreement.EXIT_NOT_PERMITTED
# The attribute macros of bpf_nocsr.h: defined empty, the build has none.
NO_ATTRIBUTES = ["-D__bpf_fastcall=", "-D__nocsr=", "-D__csr_eligible="]


NotPermitted = kernel_agreement.NotPermitted


def cflags():
    arch_include = "/usr/include/%s-linux-gnu" % os.uname().machine
    return ["-target", "bpf", "-O2", "-g", "-I" + arch_include,
            "-I" + os.path.join(ROOT, "include")]


def run(cmd, timeout=120):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def build_variants(args):
    """(name, compiler command prefix) for each build of a program."""
    variants = [("base", [args.clang] + NO_ATTRIBUTES)]
    if args.plugin:
        variants.append(("plugin", [args.clang, "-fplugin=" + args.plugin]))
    if args.clang22:
        variants.append(("native", [args.clang22]))
    return variants


def plugin_host(plugin):
    """The clang that can load `plugin`: the one of the LLVM it links."""
    for tool in ("llvm-readobj", "llvm-readobj-22", "llvm-readobj-19",
                 "/usr/lib/llvm-22/bin/llvm-readobj",
                 "/usr/lib/llvm-19/bin/llvm-readobj"):
        exe = shutil.which(tool)
        if not exe:
            continue
        p = run([exe, "--needed-libs", plugin])
        m = re.search(r"libLLVM(?:\.so\.|-)(\d+)", p.stdout)
        if m:
            return "/usr/lib/llvm-%s/bin/clang" % m.group(1)
    return None


def kernel_run(args, obj):
    p = run([args.nocsr_run, "--json", "--cpu=%d" % args.cpu, obj])
    if p.returncode == EXIT_NOT_PERMITTED:
        raise NotPermitted(p.stderr.strip())
    try:
        return json.loads(p.stdout), p
    except ValueError:
        return None, p


removed_pairs = kernel_agreement.removed_pairs
# nocsr-run's names of the generated types it can load but not run.
LOAD_ONLY_KERNEL_TYPES = ("syscall", "kprobe", "cgroup_sock")
CALLEES_LOCK = threading.Lock()
CALLEES = {}


def callee_table(args, sections):
    """nocsr-annotate's callee table naming the family of `sections`."""
    key = frozenset(sections)
    with CALLEES_LOCK:
        if key not in CALLEES:
            CALLEES[key] = kernel_agreement.callee_table(
                args.tools, args.kernel, "host", sections)
        return CALLEES[key]


def check_brackets(variant, prog, callees, failures, raw_stack=False):
    """The kernel's verdict on each bracket of one build. With raw_stack the
    program accesses r10 behind the compiler's back, maybe inside the
    region: its plugin brackets may stay (nocsr-check's prediction still
    has to match)."""
    has_dead = prog.get("dead_insns", 0) > 0 or any(
        c["bracket"] == "dead" for c in prog["calls"])
    # E.g. helper 8 in a socket filter: its raw prototype has no fastcall
    # flag, so its brackets must stay.
    fastcall = callees.fastcall_ids(prog["section"])
    for call in prog["calls"]:
        where = "%s %s insn %d %s" % (variant, prog["name"], call["insn"],
                                      call["callee"])
        state = call["bracket"]
        if state == "dead":
            continue
        if state == "unknown":
            failures.append("%s: nocsr-run does not recognise what the "
                            "verifier made of the call" % where)
            continue
        if state == "broken" and has_dead:
            # Next to code the verifier deleted, the alignment of identical
            # spills and fills is ambiguous: inconclusive, not a failure.
            continue
        if state == "broken":
            failures.append("%s: bracket broken (not an inner prefix of "
                            "pairs removed)" % where)
        if (call["callee"] not in fastcall and call["callee"] != "subprog"
                and removed_pairs(call) > 0):
            failures.append("%s: bracket around a non-fastcall callee removed"
                            % where)
        # The plugin's brackets sit where the kernel looks: all removed.
        if (variant == "plugin" and call["callee"] in fastcall
                and state in ("kept", "partial") and not raw_stack):
            failures.append("%s: %d of %d pairs around a fastcall callee kept"
                            % (where, call["pairs"] - removed_pairs(call),
                               call["pairs"]))


def check_prediction(args, variant, obj, report, failures, stats):
    """nocsr-check's prediction against the kernel's translated program."""
    try:
        programs = kernel_agreement.compare_object(
            args.tools, obj, kernel=args.kernel, kern=report)
    except kernel_agreement.ToolError as e:
        failures.append("%s: %s" % (variant, e))
        return
    for cmp in programs:
        if cmp.has_dead_code():
            stats[(variant, "programs with dead brackets/stack", "")] += 1
        if cmp.kernel_build:
            key = (variant, "kernel build " + cmp.kernel_build, "matched")
            stats[key] += 1
        failures.extend("%s %s" % (variant, m) for m in cmp.mismatches)


def test_seed(args, seed, stats):
    """Return the failures (empty: passed), the work dir and whether the
    program is no valid test (its build without attributes is rejected).
    A seed is an int (generate the program) or the path of a kept one."""
    if isinstance(seed, int):
        name = "seed-%d" % seed
    else:  # Sources may share a base name: number them.
        name = "src%d-%s" % (args.source.index(seed),
                             os.path.splitext(os.path.basename(seed))[0])
    wdir = os.path.join(args.workdir, name)
    os.makedirs(wdir, exist_ok=True)
    src = os.path.join(wdir, "prog.c")
    if isinstance(seed, int):
        with open(src, "w") as f:
            f.write(gen_program.generate(seed, args.types))
    else:
        shutil.copyfile(seed, src)
    failures = []
    results = {}
    with open(src) as f:
        raw_stack = "GEN_RAW_STACK:" in f.read()
    for variant, cc in build_variants(args):
        obj = os.path.join(wdir, variant + ".o")
        p = run(cc + cflags() + ["-c", src, "-o", obj])
        if p.returncode != 0:
            with open(obj + ".log", "w") as f:
                f.write(p.stderr)
            if variant == "plugin" and "512" in p.stderr:
                # The plugin's diagnostic for frame + region > 512 bytes.
                stats[("plugin", "stack limit", "refused")] += 1
                continue
            errors = [l for l in p.stderr.splitlines() if "error:" in l]
            failures.append("%s: compile failed: %s" %
                            (variant, (errors or ["?"])[0][:300]))
            continue
        report, proc = kernel_run(args, obj)
        with open(os.path.join(wdir, variant + ".json"), "w") as f:
            f.write(proc.stdout)
        if report is None:
            failures.append("%s: nocsr-run exit %d: %s" %
                            (variant, proc.returncode, proc.stderr.strip()[:200]))
            continue
        for prog in report["programs"]:
            if not prog["loaded"] and variant == "base":
                # Rejected even without the plugin (too much stack, or code
                # the verifier refuses): not a valid test of the plugin.
                log = prog["verifier_log"].strip().splitlines()
                reason = "stack size" if "stack size" in prog["verifier_log"] \
                    else (log[-2] if len(log) > 1 else "?")[:40]
                stats[("base", "rejected (skipped)", reason)] += 1
                return [], wdir, True
            if (not prog["loaded"] and variant == "native" and
                    "combined stack size" in prog["verifier_log"]):
                # Upstream never checks that its brackets fit in 512 bytes.
                stats[("native", "stack limit", "rejected")] += 1
                continue
            if not prog["loaded"] and raw_stack:
                # The generator's raw r10 accesses hit a slot this build
                # spilled a pointer to: no valid test of this build.
                stats[(variant, "raw stack access rejected", "")] += 1
                continue
            if not prog["loaded"]:
                failures.append("%s %s: not loaded: %s: %s" % (
                    variant, prog["name"], prog["error"],
                    prog["verifier_log"].strip().splitlines()[-2:]))
                continue
            if prog["ran"]:
                results.setdefault(prog["name"], []).append(
                    (variant, prog["retval"]))
            elif prog["type"] in LOAD_ONLY_KERNEL_TYPES:
                # No BPF_PROG_TEST_RUN for the type: only the kernel's
                # rewrite is compared.
                stats[(variant, "loaded, not runnable", prog["type"])] += 1
            else:
                # Every generated program type runs: a result that is not
                # there would silently go uncompared.
                failures.append("%s %s: not run: %s" % (
                    variant, prog["name"],
                    prog.get("run_error", prog.get("not_run_reason", "?"))))
            check_brackets(variant, prog, callee_table(
                args, [p["section"] for p in report["programs"]]), failures,
                raw_stack)
            for call in prog["calls"]:
                if call["bracket"] != "none":
                    stats[(variant, call["callee"], call["bracket"])] += 1
        if args.nocsr_check and all(p["loaded"] for p in report["programs"]):
            check_prediction(args, variant, obj, report, failures, stats)
    for name, values in results.items():
        if len({v for _, v in values}) > 1:
            failures.append("%s: results differ: %s" % (
                name, ", ".join("%s=%#x" % vv for vv in values)))
        elif len(values) > 1:
            stats[("results", "compared across builds", "")] += 1
    return failures, wdir, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cpu", type=int, default=os.cpu_count() - 1,
                    help="CPU the programs run on (default: the last)")
    ap.add_argument("--build", default=os.environ.get(
        "BUILD_DIR", os.path.join(ROOT, "build")))
    ap.add_argument("--workdir", help="where reproducers are kept")
    ap.add_argument("--types", default=",".join(gen_program.PROG_TYPES),
                    help="program types to generate (add socket for the "
                         "old-kernel path of helper 8)")
    ap.add_argument("--source", action="append", default=[], metavar="FILE",
                    help="test these programs (e.g. kept reproducers) "
                         "instead of generated ones")
    ap.add_argument("--keep-all", action="store_true")
    ap.add_argument("--progress", type=int, default=0, metavar="K",
                    help="print a progress line every K programs")
    ap.add_argument("--clang", help="host clang of the base and plugin "
                    "builds (default: the clang of the plugin's LLVM, else "
                    "clang-19)")
    ap.add_argument("--clang22", default="/usr/lib/llvm-22/bin/clang",
                    help="clang with native bpf_fastcall (native build)")
    ap.add_argument("--plugin", help="BPFNoCSR.so (default: BUILD/lib)")
    ap.add_argument("--nocsr-run", help="default: BUILD/bin/nocsr-run")
    ap.add_argument("--nocsr-check", help="default: BUILD/bin/nocsr-check")
    ap.add_argument("--nocsr-annotate",
                    help="where the callee table comes from (default: "
                         "beside nocsr-run)")
    ap.add_argument("--kernel", default="host",
                    help="nocsr-check's --kernel (default: host, probed)")
    ap.add_argument("--no-plugin", action="store_true",
                    help="skip the plugin build (pipeline bring-up only)")
    ap.add_argument("--no-checker", action="store_true")
    args = ap.parse_args()
    args.types = tuple(args.types.split(","))

    for attr, rel, skip in (("nocsr_run", "bin/nocsr-run", False),
                            ("plugin", "lib/BPFNoCSR.so", args.no_plugin),
                            ("nocsr_check", "bin/nocsr-check",
                             args.no_checker)):
        if skip:
            setattr(args, attr, None)
            continue
        path = getattr(args, attr) or os.path.join(args.build, rel)
        if not os.path.exists(path):
            print("differential: %s not built" % path)
            return 2
        setattr(args, attr, path)
    args.nocsr_annotate = args.nocsr_annotate or os.path.join(
        os.path.dirname(args.nocsr_run), "nocsr-annotate")
    if not os.path.exists(args.nocsr_annotate):
        print("differential: %s not built" % args.nocsr_annotate)
        return 2
    args.tools = kernel_agreement.Tools(args.nocsr_check, args.nocsr_run,
                                        args.nocsr_annotate)
    if not os.path.exists(args.clang22):
        args.clang22 = None
    if not args.clang:
        args.clang = ((args.plugin and plugin_host(args.plugin)) or
                      "/usr/lib/llvm-19/bin/clang")
    if not os.path.exists(args.clang):
        print("differential: %s not installed" % args.clang)
        return 2
    args.workdir = args.workdir or tempfile.mkdtemp(prefix="nocsr-diff-")
    os.makedirs(args.workdir, exist_ok=True)

    seeds = args.source or list(range(args.seed, args.seed + args.count))
    what = ("%d file(s)" % len(seeds) if args.source else
            "seeds %d..%d" % (args.seed, args.seed + args.count - 1))
    print("differential: %s, builds: %s%s, host %s, work dir %s" % (
        what,
        ", ".join(v for v, _ in build_variants(args)),
        ", checker" if args.nocsr_check else "", args.clang, args.workdir),
        flush=True)
    stats = collections.Counter()
    passed = failed = skipped = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(test_seed, args, s, stats): s for s in seeds}
        try:
            for fut in concurrent.futures.as_completed(futures):
                seed = futures[fut]
                try:
                    failures, wdir, skip = fut.result()
                except subprocess.TimeoutExpired as e:
                    failures, wdir, skip = (["timeout: %s" % e.cmd[0]],
                                            args.workdir, False)
                if skip:
                    skipped += 1
                    shutil.rmtree(wdir, ignore_errors=True)
                    continue
                if failures:
                    failed += 1
                    for f in failures:
                        print("FAIL seed %s: %s (reproducer: %s)" %
                              (seed, f, wdir), flush=True)
                else:
                    passed += 1
                    if not args.keep_all:
                        shutil.rmtree(wdir, ignore_errors=True)
                done = passed + failed + skipped
                if args.progress and done % args.progress == 0:
                    print("progress: %d done, %d failed" % (done, failed),
                          flush=True)
        except NotPermitted as e:
            for f in futures:
                f.cancel()
            print("differential: %s" % e)
            return EXIT_NOT_PERMITTED
    for (variant, callee, state), n in sorted(stats.items()):
        print("  %-8s %-28s %-8s %d" % (variant, callee, state, n))
    if skipped:
        print("%d skipped: rejected even without the plugin" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    if not failed and not args.keep_all:
        shutil.rmtree(args.workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
