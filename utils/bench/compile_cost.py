"""Compile time of the plugin: each compiler without the plugin, with the
plugin's default and with the plugin in each opt-in mode, on three inputs.

Inputs: the written corpus (`corpus/*.bpf.c`, one pass = every file compiled
once, the pass's time is their sum), the generated many-function source
(gen.py) and the public programs of corpus-public/ when fetched (one pass =
every source file; profile mode for the plugin configurations, as the corpus
measurement builds them).

Runs are interleaved: every round runs one pass of every configuration of
both compilers, file by file (each file compiled with every configuration
back to back, the order rotating per file and per round), so that load on
the machine hits all alike. Time is the compiler's CPU time (user + system
of the child, from wait4), with wall time beside it. The ratio reported is
the median of a configuration's per-round pass times over the median of the
same compiler's without the plugin; the range of the per-round ratios (a
configuration's pass over the reference pass of the same round) shows the
noise. --jobs compiles run at a time (default 2): each compiler's CPU and
wall time are its own (wait4), a pass's times are their sums.
"""
import concurrent.futures
import os
import re
import statistics
import subprocess
import time


def run_timed(cmd):
    """(wall seconds, child CPU seconds) of one run of cmd, the CPU time of
    that child alone (wait4), so nothing else this process runs counts."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd[:1] + cmd[-3:]),
                                              err.decode()[-300:]))
    return dt, ru.ru_utime + ru.ru_stime


class Config:
    """One compiler invocation style: key (the corpus variant it matches),
    compiler ("19"/"22"), mode ("none", "default" or an opt-in mode name),
    extra flags."""

    def __init__(self, key, cc, compiler, mode, flags):
        self.key, self.cc, self.compiler, self.mode, self.flags = \
            key, cc, compiler, mode, flags


def reference_key(compiler):
    """The variant a compiler's plugin configurations are measured against:
    the same clang without the plugin (c22: clang-22 with its native
    bpf_fastcall, i.e. plain clang-22)."""
    return "c" + compiler


def configs_of(variants):
    """Per compiler: without the plugin (c19 / c22: clang-22 with native
    bpf_fastcall, i.e. plain clang-22), plugin default (c19p / c22p) and the
    opt-in modes (variants with a mode)."""
    out = []
    for v in variants:
        if v.key == reference_key(v.compiler):
            out.append(Config(v.key, v.cc, v.compiler, "none", []))
        elif v.plugin:
            out.append(Config(v.key, v.cc, v.compiler, v.mode or "default", v.flags))
    return out


def pass_commands(cfg, sources, cflags, workdir):
    """Compile commands of one pass over an input: [(src, incs, profile)]."""
    cmds = []
    odir = os.path.join(workdir, cfg.key)
    os.makedirs(odir, exist_ok=True)
    for i, (src, incs, profile) in enumerate(sources):
        flags = list(cfg.flags)
        if profile and cfg.mode != "none":
            flags.append("-fplugin-arg-BPFNoCSR-eligible=profile:latest")
        cmds.append([cfg.cc] + cflags(incs) + flags +
                    ["-c", src, "-o", os.path.join(odir, "%d.o" % i)])
    return cmds


def measure_input(name, sources, configs, rounds, cflags, workdir, warmup, log, pool):
    """Interleaved passes of every configuration over one input. A round
    compiles each file with every configuration back to back (order rotating
    per file and per round), so that the load on the machine, which changes
    within seconds, hits every configuration's pass alike; the pass's time is
    the sum over its files."""
    cmds = {c.key: pass_commands(c, sources, cflags, os.path.join(workdir, name))
            for c in configs}
    if warmup:
        for c in configs:
            for cmd in cmds[c.key]:
                run_timed(cmd)
    cpu = {c.key: [] for c in configs}
    wall = {c.key: [] for c in configs}
    t0 = time.time()
    n = len(configs)
    for r in range(rounds):
        tasks = []
        for f in range(len(sources)):
            k = (r + f) % n
            tasks += [(c.key, cmds[c.key][f]) for c in configs[k:] + configs[:k]]
        times = pool.map(lambda t: (t[0], run_timed(t[1])), tasks)
        for key in cpu:
            cpu[key].append(0.0)
            wall[key].append(0.0)
        for key, (dw, ds) in times:
            cpu[key][-1] += ds
            wall[key][-1] += dw
    log("compile cost, %s: %d rounds in %.0f s" % (name, rounds, time.time() - t0))
    rows = []
    for c in configs:
        ref = reference_key(c.compiler)
        row = {"key": c.key, "compiler": c.compiler, "mode": c.mode, "ref": ref,
               "cpu_s": cpu[c.key], "wall_s": wall[c.key],
               "median_cpu_s": statistics.median(cpu[c.key]),
               "median_wall_s": statistics.median(wall[c.key]),
               "min_cpu_s": min(cpu[c.key])}
        if ref in cpu and c.key != ref:
            row["ratio_cpu"] = row["median_cpu_s"] / statistics.median(cpu[ref])
            row["ratio_wall"] = row["median_wall_s"] / statistics.median(wall[ref])
            row["ratio_cpu_min"] = row["min_cpu_s"] / min(cpu[ref])
            paired = [a / b for a, b in zip(cpu[c.key], cpu[ref])]
            row["paired_min"], row["paired_max"] = min(paired), max(paired)
        rows.append(row)
    return {"files": len(sources), "rounds": rounds, "rows": rows}


# The plugin's passes as -ftime-report names them: the back end's legacy
# passes and the IR passes of the new pass manager.
PLUGIN_PASS = re.compile(r"BPF nocsr |bpf_nocsr::")


def time_report_cpu(text):
    """Seconds of user + system time of the plugin's passes in one
    -ftime-report output: in each report, the column under the
    "User+System" header."""
    total, col = 0.0, None
    for line in text.splitlines():
        if "--- Name ---" in line:
            heads = re.findall(r"-+([A-Za-z+ ]+?)-+", line)
            col = heads.index("User+System") if "User+System" in heads else None
            continue
        if col is None or not PLUGIN_PASS.search(line):
            continue
        times = re.findall(r"(\d+\.\d+) \(\s*[\d.]+%\)", line)
        if col < len(times):
            total += float(times[col])
    return total


def pass_share(name, sources, configs, cflags, workdir, log):
    """The plugin's own passes as a share of the compiler's CPU time, in the
    same process (-ftime-report), for each plugin default: immune to the
    load that moves whole-process times between runs. The timers themselves
    add to the denominator, so the share is a slight underestimate."""
    rows = []
    for c in configs:
        if c.mode != "default":
            continue
        plugin_s = total_s = 0.0
        for cmd in pass_commands(c, sources, cflags, os.path.join(workdir, name)):
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd + ["-ftime-report"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
            err = p.stderr.read()
            _, status, ru = os.wait4(p.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError("%s failed: %s" % (cmd[0], err[-300:]))
            plugin_s += time_report_cpu(err)
            total_s += ru.ru_utime + ru.ru_stime
        rows.append({"key": c.key, "compiler": c.compiler, "plugin_cpu_s": plugin_s,
                     "cpu_s": total_s, "share": plugin_s / total_s if total_s else 0.0})
    log("plugin passes' share, %s: %s" % (
        name, ", ".join("%s %.2f%%" % (r["key"], 100 * r["share"]) for r in rows)))
    return rows


def compile_costs(args, variants, written, public, public_note, gen_source,
                  cflags, workdir, log):
    """written, public: [(src, incs, profile)]; gen_source: (path, functions,
    lines)."""
    configs = configs_of(variants)
    if not any(c.mode != "none" for c in configs):
        return {"error": "no plugin build: compile cost not measured"}
    quick = args.quick
    out = {"inputs": {}, "jobs": args.jobs,
           "statistic": "median of the rounds (min beside)"}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    path, nfuncs, lines = gen_source
    out["inputs"]["written"] = measure_input(
        "written", written, configs, 3 if quick else 7, cflags, workdir, False, log, pool)
    out["inputs"]["generated"] = measure_input(
        "generated", [(path, [], False)], configs, 11 if quick else 21, cflags, workdir,
        True, log, pool)
    out["inputs"]["generated"].update({"functions": nfuncs, "lines": lines})
    for name, sources in (("written", written), ("generated", [(path, [], False)])):
        out["inputs"][name]["pass_share"] = pass_share(
            name, sources, configs, cflags, workdir, log)
    if public:
        out["inputs"]["public"] = measure_input(
            "public", public, configs, 3 if quick else 7, cflags, workdir, False, log, pool)
    else:
        out["public_note"] = public_note or "no public programs"
    pool.shutdown()
    return out
