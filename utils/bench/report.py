"""Turns results.json of a benchmark run into report.md and PNG plots."""
import json
import math
import os
import sys

BASE = "c19"   # clang-19 without the plugin
NATIVE = "c22"  # clang-22 with native bpf_fastcall
# (variant, reference): the same compiler with and without the plugin.
# Older clang (plugin-only builds, LLVM < 18) against itself without the plugin.
OLD_CLANGS = ["14", "15", "16"]
OLD_CLANG_PAIRS = [("c%sp" % v, "c%s" % v) for v in OLD_CLANGS]
LIKE_WITH_LIKE = [("c19p", "c19"), ("c22p", "c22"), ("c22p", "c22n")] + OLD_CLANG_PAIRS
# Old- vs new-kernel view: (variant, reference without the attribute).
OLD_NEW = [("c19p", "c19"), ("c22p", "c22n"), ("c22", "c22n")] + OLD_CLANG_PAIRS
# The benchmark corpus proper: what the goals are measured on.
MAIN_GROUPS = ("written", "proj")


def fmt_ratio(a, b):
    if a is None or not b:
        return "–"
    return "%.3f" % (a / b)


def pct(a, b):
    if not b:
        return "–"
    return "%.1f%%" % (100.0 * a / b)


class Table:
    def __init__(self, raw):
        self.raw = raw
        self.variants = [v[0] for v in raw["meta"]["variants"]]
        self.labels = {v[0]: v[1] for v in raw["meta"]["variants"]}
        groups = raw.get("groups", {})
        self.group = {p: groups.get(p, "proj" if p.startswith("proj:") else "written")
                      for p in raw["programs"]}
        self.programs = [p for p in raw["programs"] if self.group[p] in MAIN_GROUPS]
        self.res = raw["results"]
        # Opt-in plugin modes (c19p-all, ...) against the same compiler
        # without the attribute, as OLD_NEW does for the default.
        comp = {v[0]: v[2] for v in raw["meta"]["variants"]}
        self.modes = raw["meta"].get("modes", {})
        self.mode_pairs = [(k, "c22n" if comp[k] == "22" else "c" + comp[k])
                           for k in self.variants if k in self.modes]

    def in_group(self, group):
        return [p for p in self.raw["programs"] if self.group[p] == group]

    def ok(self, progs):
        return [p for p in progs if all(self.kernel(p, v) for v in self.variants)]

    def get(self, prog, var):
        return self.res.get("%s|%s" % (prog, var))

    def kernel(self, prog, var):
        r = self.get(prog, var)
        return r.get("kernel") if r else None

    def ok_programs(self):
        """Programs measured in every variant (totals compare like with like)."""
        return [p for p in self.programs
                if all(self.kernel(p, v) for v in self.variants)]

    def totals(self, var, progs):
        t = {"obj": 0, "insns": 0, "stack": 0, "brackets": 0, "removed_brackets": 0,
             "pairs": 0, "removed_pairs": 0, "eligible": 0, "brackets_known": True}
        for p in progs:
            r = self.get(p, var)
            k = r["kernel"]
            t["obj"] += r["object"]["insns"]
            t["eligible"] += r["object"]["eligible_calls"]
            t["insns"] += k["insns"]
            t["stack"] += k["stack"]
            t["brackets"] += k["brackets"]
            t["pairs"] += k["pairs"]
            t["removed_pairs"] += k["removed_pairs"]
            if k["removed_brackets"] is None:
                t["brackets_known"] = False
            else:
                t["removed_brackets"] += k["removed_brackets"]
        t["surviving_insns"] = 2 * (t["pairs"] - t["removed_pairs"])
        t["limit"] = t["insns"] - t["surviving_insns"]
        return t

    def source(self):
        srcs = set()
        for r in self.res.values():
            if r.get("kernel"):
                srcs.add(r["kernel"]["source"])
        return ", ".join(sorted(srcs)) or "none"


def patcher_series(rows):
    """(label, xs, ys) of the range patcher with N doubled at K = 25k and with
    K doubled at N = 1M."""
    rng = [r for r in rows if r["kind"] == "BM_RangePatch"]
    by_n = sorted([r for r in rng if r["k"] == 25000], key=lambda r: r["n"])
    by_k = sorted([r for r in rng if r["n"] == 1 << 20], key=lambda r: r["k"])
    out = []
    if by_n:
        out.append(("N doubled, K=25k", [r["n"] for r in by_n], [r["s"] for r in by_n]))
    if by_k:
        out.append(("K doubled, N=1M", [r["k"] for r in by_k], [r["s"] for r in by_k]))
    return out


def plot_all(tab, costs, outdir):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        return [], "matplotlib missing (apt-get install python3-matplotlib)"
    files = []
    progs = tab.ok_programs()
    vs = tab.variants
    if progs:
        fig, ax = plt.subplots(figsize=(10, 0.32 * len(progs) * max(1, len(vs) / 2.5) + 2))
        h = 0.8 / len(vs)
        for j, v in enumerate(vs):
            ys = [i + j * h for i in range(len(progs))]
            ax.barh(ys, [tab.kernel(p, v)["insns"] for p in progs], height=h,
                    label=tab.labels[v])
        ax.set_yticks([i + 0.4 - h / 2 for i in range(len(progs))])
        ax.set_yticklabels(progs, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("instructions in the kernel's view (xlated)")
        ax.set_title("Kernel-view instructions per program and variant")
        ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()
        fig.savefig(os.path.join(outdir, "kernel_insns.png"), dpi=110)
        plt.close(fig)
        files.append("kernel_insns.png")

        if BASE in vs:
            others = [v for v in vs if v != BASE]
            fig, ax = plt.subplots(figsize=(10, 0.3 * len(progs) + 2))
            h = 0.8 / max(1, len(others))
            for j, v in enumerate(others):
                ys = [i + j * h for i in range(len(progs))]
                ax.barh(ys, [tab.kernel(p, v)["insns"] / tab.kernel(p, BASE)["insns"] - 1
                             for p in progs], height=h, label=tab.labels[v])
            ax.axvline(0, color="black", linewidth=0.8)
            ax.set_yticks([i + 0.4 - h / 2 for i in range(len(progs))])
            ax.set_yticklabels(progs, fontsize=7)
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            ax.set_xlabel("kernel-view instructions relative to clang-19 (left is better)")
            ax.set_title("Kernel-view size per program vs clang-19")
            ax.legend(fontsize=8, loc="lower right")
            fig.tight_layout()
            fig.savefig(os.path.join(outdir, "kernel_insns_vs_clang19.png"), dpi=110)
            plt.close(fig)
            files.append("kernel_insns_vs_clang19.png")

        fig, ax = plt.subplots(figsize=(7, 3.5))
        rates = []
        for v in vs:
            t = tab.totals(v, progs)
            rates.append(100.0 * t["removed_pairs"] / t["pairs"] if t["pairs"] else 0)
        bars = ax.bar([tab.labels[v] for v in vs], rates,
                      color=["#888" if not tab.totals(v, progs)["pairs"] else "#3a7"
                             for v in vs])
        for b, v in zip(bars, vs):
            t = tab.totals(v, progs)
            ax.text(b.get_x() + b.get_width() / 2, b.get_height() + 1,
                    "%d/%d" % (t["removed_pairs"], t["pairs"]), ha="center", fontsize=8)
        ax.set_ylim(0, 110)
        ax.set_ylabel("bracket pairs removed by the kernel (%)")
        ax.set_title("Removal rate per variant")
        plt.setp(ax.get_xticklabels(), rotation=15, fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(outdir, "removal_rate.png"), dpi=110)
        plt.close(fig)
        files.append("removal_rate.png")

    chk = (costs or {}).get("checker")
    pat = (costs or {}).get("patcher")
    have_chk = chk and chk.get("rows")
    have_pat = pat and pat.get("rows")
    if have_chk or have_pat:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        if have_chk:
            ax = axes[0]
            ns = [r["insns"] for r in chk["rows"]]
            ax.plot(ns, [r["checker_s"] for r in chk["rows"]], "o-", label="nocsr-check")
            ax.plot(ns, [r["objdump_s"] for r in chk["rows"]], "s-", label="llvm-objdump -d")
            ax.set_xlabel("instructions in the object")
            ax.set_ylabel("seconds (median)")
            ax.set_title("Checker vs objdump")
            ax.legend()
        if have_pat:
            ax = axes[1]
            for label, xs, ys in patcher_series(pat["rows"]):
                ax.loglog(xs, ys, "o-", label=label)
            ax.set_xlabel("N (instructions) or K (edits)")
            ax.set_ylabel("seconds per patch (median)")
            ax.set_title("Range patcher scaling")
            ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(os.path.join(outdir, "scaling.png"), dpi=110)
        plt.close(fig)
        files.append("scaling.png")
    return files, None


def old_new_rows(tab, progs):
    """Per (variant, reference): old-kernel view (object insns, brackets run)
    and new-kernel view (kernel insns, brackets removed) totals, the
    instructions added on old kernels, saved on new ones, and their ratio."""
    rows = []
    for v, ref in OLD_NEW + tab.mode_pairs:
        if v not in tab.variants or ref not in tab.variants:
            continue
        tv, tr = tab.totals(v, progs), tab.totals(ref, progs)
        added = tv["obj"] - tr["obj"]
        saved = tr["insns"] - tv["insns"]
        bigger_old = [p for p in progs if tab.get(p, v)["object"]["insns"] >
                      tab.get(p, ref)["object"]["insns"]]
        bigger_new = [p for p in progs if tab.kernel(p, v)["insns"] >
                      tab.kernel(p, ref)["insns"]]
        rows.append({"v": v, "ref": ref, "obj": tv["obj"], "obj_ref": tr["obj"],
                     "kern": tv["insns"], "kern_ref": tr["insns"], "added": added,
                     "saved": saved, "pairs": tv["pairs"],
                     "ratio": (saved / added) if added > 0 else None,
                     "bigger_old": bigger_old, "bigger_new": bigger_new})
    return rows


def write_old_new(w, tab, progs, title):
    rows = old_new_rows(tab, progs)
    if not rows:
        return
    w("\n### %s: old-kernel view beside new-kernel view\n" % title)
    w("Old kernels (and socket filters, cgroup_skb on every kernel) keep the "
      "brackets: they run the object's instructions. New kernels remove them: "
      "the kernel view. *Added* = object insns over the reference without the "
      "attribute; *saved* = kernel-view insns under it; ratio = saved per added.\n")
    w("| variant | reference | old view: object insns | ratio | new view: kernel insns | "
      "ratio | pairs | added (old) | saved (new) | saved per added | larger than "
      "reference (old view) | larger (new view) |")
    w("|" + "---|" * 12)
    for r in rows:
        w("| %s | %s | %d vs %d | %s | %d vs %d | %s | %d | %+d | %+d | %s | %d%s | %d%s |" % (
            tab.labels[r["v"]], tab.labels[r["ref"]], r["obj"], r["obj_ref"],
            fmt_ratio(r["obj"], r["obj_ref"]), r["kern"], r["kern_ref"],
            fmt_ratio(r["kern"], r["kern_ref"]), r["pairs"], r["added"], r["saved"],
            "%.2f" % r["ratio"] if r["ratio"] is not None else
            ("∞ (nothing added)" if r["saved"] > 0 else "–"),
            len(r["bigger_old"]), (": " + ", ".join(r["bigger_old"])) if r["bigger_old"] else "",
            len(r["bigger_new"]), (": " + ", ".join(r["bigger_new"])) if r["bigger_new"] else ""))
    pairs = [(v, ref) for v, ref in OLD_NEW[:2] if v in tab.variants and ref in tab.variants]
    if not pairs:
        return
    w("\nPer program, object / kernel-view instructions, and added (old view) / "
      "saved (new view):\n")
    hdr = ["program"]
    for v, ref in pairs:
        hdr += [tab.labels[ref], tab.labels[v], "added/saved"]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    for p in progs:
        cells = [p]
        for v, ref in pairs:
            a, b = tab.get(p, ref), tab.get(p, v)
            cells += ["%d / %d" % (a["object"]["insns"], a["kernel"]["insns"]),
                      "%d / %d" % (b["object"]["insns"], b["kernel"]["insns"]),
                      "%+d / %+d" % (b["object"]["insns"] - a["object"]["insns"],
                                     a["kernel"]["insns"] - b["kernel"]["insns"])]
        w("| " + " | ".join(cells) + " |")


def write_sockfilters(w, tab, progs):
    if not progs:
        return
    w("\n## Socket filters: the old-kernel path run in the kernel\n")
    w("Helper 8 is not fastcall for socket filters on any kernel, so the kernel "
      "keeps every bracket; each program is loaded and run once with "
      "BPF_PROG_TEST_RUN (fixed 64-byte packet). Kernel-view insns here include "
      "the kept brackets.\n")
    vs = tab.variants
    w("| program | " + " | ".join("%s insns (pairs kept)" % tab.labels[v] for v in vs) +
      " | same result in every variant |")
    w("|" + "---|" * (len(vs) + 2))
    for p in progs:
        cells, rets = [p], set()
        for v in vs:
            k = tab.kernel(p, v)
            if not k:
                cells.append("fail")
                continue
            cells.append("%d (%d)" % (k["insns"], k["pairs"] - k["removed_pairs"]))
            rets.add(tuple(k.get("retvals") or ()))
        cells.append("yes (%s)" % ", ".join(map(str, next(iter(rets)))) if len(rets) == 1
                     else "**no**: %s" % sorted(rets))
        w("| " + " | ".join(cells) + " |")


def plot_old_new(tab, progs, outdir, name, title):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    pairs = [(v, ref) for v, ref in OLD_NEW[:2] if v in tab.variants and ref in tab.variants]
    if not pairs or not progs:
        return None
    fig, axes = plt.subplots(1, len(pairs), figsize=(6 * len(pairs), 0.28 * len(progs) + 2),
                             squeeze=False)
    for ax, (v, ref) in zip(axes[0], pairs):
        ys = range(len(progs))
        added = [tab.get(p, v)["object"]["insns"] - tab.get(p, ref)["object"]["insns"]
                 for p in progs]
        saved = [tab.kernel(p, ref)["insns"] - tab.kernel(p, v)["insns"] for p in progs]
        ax.barh([y - 0.2 for y in ys], added, height=0.4, color="#c55",
                label="added on old kernels (object insns)")
        ax.barh([y + 0.2 for y in ys], saved, height=0.4, color="#3a7",
                label="saved on new kernels (kernel-view insns)")
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(list(ys))
        ax.set_yticklabels(progs, fontsize=7)
        ax.invert_yaxis()
        ax.set_title("%s vs %s" % (tab.labels[v], tab.labels[ref]), fontsize=9)
        ax.legend(fontsize=7, loc="lower right")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, name), dpi=110)
    plt.close(fig)
    return name


# ---------------------------------------------------------------- costs

# Goals of the compile-time measurement: (input, which configurations,
# bound on the CPU-time ratio against the same clang without the plugin).
COMPILE_GOALS = [("written", "default", 1.03), ("generated", "default", 1.05),
                 ("generated", "opt-in", 1.5)]
INPUT_TEXT = {"written": "written corpus", "generated": "generated source",
              "public": "public programs"}


def mode_label(row):
    return "no plugin" if row["mode"] == "none" else \
        "plugin default" if row["mode"] == "default" else "plugin `%s`" % row["mode"]


def ratio_cell(row):
    if "ratio_cpu" not in row:
        return "1 (ref.)"
    return "**%.3f×** (rounds %.2f–%.2f; min %.3f)" % (
        row["ratio_cpu"], row["paired_min"], row["paired_max"], row["ratio_cpu_min"])


def pass_share_of(inp, key):
    """The in-process share of the plugin's passes (-ftime-report) for a
    plugin default configuration, or None."""
    for r in inp.get("pass_share", []):
        if r["key"] == key:
            return r["share"]
    return None


def write_compile_goals(w, comp, tab):
    if not comp or comp.get("error"):
        w("- Compile time: %s." % ((comp or {}).get("error") or "not measured"))
        return
    inputs = comp["inputs"]
    for inp, which, bound in COMPILE_GOALS:
        if inp not in inputs:
            continue
        for r in inputs[inp]["rows"]:
            if "ratio_cpu" not in r or (r["mode"] == "default") != (which == "default"):
                continue
            share = pass_share_of(inputs[inp], r["key"])
            w("- Compile time, %s vs clang-%s without the plugin, %s: **%.3f×** CPU "
              "(%.3f× wall; goal ≤ %.2f×: %s)%s." % (
                  tab.labels.get(r["key"], r["key"]), r["compiler"], INPUT_TEXT[inp],
                  r["ratio_cpu"], r["ratio_wall"], bound,
                  "met" if r["ratio_cpu"] <= bound else "**not met**",
                  "; the plugin's passes take %.2f%% of its CPU time in-process" % (
                      100 * share) if share is not None else ""))


def write_compile_costs(w, comp, tab, progs):
    w("\n## Compile time: cost and gain of each plugin mode\n")
    if not comp or comp.get("error"):
        w("Not measured: %s.\n" % ((comp or {}).get("error") or "no data"))
        return
    inputs = comp["inputs"]
    gen = inputs.get("generated", {})
    w("CPU time of the compiler (user + system of the child process), %s, "
      "ratio of those; configurations interleaved file by file, the order rotating. "
      "Cost = that "
      "ratio against the same clang without the plugin (clang-22: plain clang-22, "
      "native `bpf_fastcall`); in brackets the range of the per-round ratios (noise) "
      "and the ratio of the minimums. Inputs: the written corpus (`corpus/*.bpf.c`, "
      "%d files, one pass compiles all of them, %d rounds), the generated source "
      "(`gen.py`, %s functions with two fastcall calls each, %s lines, %d rounds)%s. "
      "Gain = old-kernel view (object insns) and new-kernel view (kernel insns) "
      "totals of the benchmark corpus for that variant (the corpus section).\n" % (
          comp.get("statistic", "median of rounds"),
          inputs["written"]["files"], inputs["written"]["rounds"],
          gen.get("functions", "?"), gen.get("lines", "?"), gen.get("rounds", 0),
          ", the public programs (%d files, profile mode, %d rounds)" % (
              inputs["public"]["files"], inputs["public"]["rounds"])
          if "public" in inputs else "; public programs: %s" % comp.get("public_note")))
    names = [n for n in ("written", "generated", "public") if n in inputs]
    hdr = ["clang", "configuration"] + ["%s: cost" % INPUT_TEXT[n] for n in names] + \
        ["old view", "new view"]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    first = inputs[names[0]]["rows"]
    tot = {v: tab.totals(v, progs) for v in tab.variants if progs}
    for i, r in enumerate(first):
        cells = [r["compiler"], mode_label(r)]
        for n in names:
            cells.append(ratio_cell(inputs[n]["rows"][i]))
        t = tot.get(r["key"])
        cells += ["%d" % t["obj"], "%d" % t["insns"]] if t else ["–", "–"]
        w("| " + " | ".join(cells) + " |")
    shared = [n for n in names if inputs[n].get("pass_share")]
    if shared:
        w("\nThe plugin's own passes (`BPF nocsr ...`, `bpf_nocsr::...`) as a share of "
          "the compiler's CPU time, measured inside each compile with `-ftime-report` "
          "(one pass over the input), so that the load that moves whole-process times "
          "between runs cancels out; the timers add to the total, so this slightly "
          "underestimates. Not counted: loading the plugin and its attribute "
          "handling in the front end.\n")
        hdr = ["clang", "configuration"] + ["%s: plugin passes" % INPUT_TEXT[n]
                                            for n in shared]
        w("| " + " | ".join(hdr) + " |")
        w("|" + "---|" * len(hdr))
        for r in inputs[shared[0]]["pass_share"]:
            cells = [r["compiler"], "plugin default"]
            for n in shared:
                x = pass_share_of(inputs[n], r["key"])
                cells.append("%.2f%%" % (100 * x) if x is not None else "–")
            w("| " + " | ".join(cells) + " |")
    w("\nSeconds per pass (median CPU / median wall):\n")
    hdr = ["clang", "configuration"] + [INPUT_TEXT[n] for n in names]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    for i, r in enumerate(first):
        cells = [r["compiler"], mode_label(r)]
        for n in names:
            x = inputs[n]["rows"][i]
            cells.append("%.3f / %.3f" % (x["median_cpu_s"], x["median_wall_s"]))
        w("| " + " | ".join(cells) + " |")


def iqr_text(row):
    return "%.2f [%.2f–%.2f]" % (row["median"], row["q1"], row["q3"])


def compare_cell(a, b):
    """a against b: difference of the medians, and whether it is within
    noise (the interquartile ranges overlap)."""
    if not a or not b or "median" not in a or "median" not in b:
        return "–", None
    d = a["median"] - b["median"]
    noise = a["q1"] <= b["q3"] and b["q1"] <= a["q3"]
    return "%+.2f (%+.1f%%)%s" % (d, 100 * d / b["median"], " noise" if noise else ""), \
        (0 if noise else (1 if d > 0 else -1))


RUNTIME_PAIRS = [("c19p", "c19"), ("c22p", "c22"), ("c22", "c19")] + OLD_CLANG_PAIRS


def write_runtime(w, rt, tab):
    w("\n## Run time (BPF_PROG_TEST_RUN)\n")
    if not rt or rt.get("error"):
        w("Not measured: %s.\n" % ((rt or {}).get("error") or "no data"))
        return
    vs = rt["variants"]
    progs = rt["programs"]
    loop = sorted(p for p in progs if any(progs[p][v].get("kind") != "raw_tp"
                                          for v in progs[p]))
    raw_tp = sorted(p for p in progs if p not in loop)
    w("Every program of the benchmark corpus and the socket filters that "
      "`BPF_PROG_TEST_RUN` can run, loaded with `bpftool prog loadall` in a private "
      "bpffs (`utils/scripts/with_private_bpffs.sh`), never attached. XDP, tc and "
      "socket filters: %d samples per program and variant, each one call running the "
      "program %d times in the kernel; ns per run = CPU time of the calling thread "
      "over the call / repeat (sub-ns resolution; includes the kernel's test loop, "
      "alike for every variant). Samples interleaved (each round runs every program "
      "once per variant, order rotating), all on CPU %s. Cells: median [interquartile range]; "
      "*k* = median of the kernel's own integer average. Differences are marked "
      "*noise* when the two interquartile ranges overlap. Inputs: %s.\n" % (
          rt["samples"], rt["repeat"], rt.get("cpu", "?"),
          "; ".join("`%s` = %s" % kv for kv in sorted(rt["inputs"].items()))))
    pairs = [(a, b) for a, b in RUNTIME_PAIRS if a in vs and b in vs]
    hdr = ["program", "type"] + [tab.labels.get(v, v) for v in vs] + \
        ["%s − %s" % (a, b) for a, b in pairs]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    verdicts = {p: [] for p in pairs}
    ratios = {p: [] for p in pairs}
    for p in loop:
        row = progs[p]
        kind = next(iter(row.values()))["kind"]
        cells = [p, "xdp" if kind == "xdp" else "skb (tc/socket)"]
        for v in vs:
            r = row.get(v)
            if not r or "median" not in r:
                cells.append("fail: %s" % ((r or {}).get("error") or "–")[:60])
            else:
                cells.append("%s k=%g" % (iqr_text(r), r.get("kernel_median", -1)))
        for a, b in pairs:
            text, verdict = compare_cell(row.get(a), row.get(b))
            cells.append(text)
            if verdict is not None:
                verdicts[(a, b)].append(verdict)
                ratios[(a, b)].append(row[a]["median"] / row[b]["median"])
        w("| " + " | ".join(cells) + " |")
    w("")
    for (a, b), vd in verdicts.items():
        if not vd:
            continue
        gm = math.exp(sum(math.log(x) for x in ratios[(a, b)]) / len(ratios[(a, b)]))
        w("- %s vs %s: geometric mean of the median ratios %.3f over %d programs; "
          "within noise in %d, faster in %d, slower in %d." % (
              tab.labels.get(a, a), tab.labels.get(b, b), gm, len(vd),
              vd.count(0), vd.count(-1), vd.count(1)))
    rets = [p for p in loop if len({progs[p][v].get("retval") for v in progs[p]}) > 1]
    w("- Return values: %s." % ("the same in every variant" if not rets else
                               "differ between variants in " + ", ".join(rets)))
    if raw_tp:
        w("\nRaw tracepoints: the kernel refuses `repeat` for them (and bpftool always "
          "passes it), so each sample times %d separate calls from user space: "
          "µs per call, dominated by the syscall and Python's ctypes call, not by the "
          "program; shown only to say the variants do not differ beyond that noise.\n"
          % rt["raw_tp_calls"])
        hdr = ["program"] + [tab.labels.get(v, v) for v in vs]
        w("| " + " | ".join(hdr) + " |")
        w("|" + "---|" * len(hdr))
        for p in raw_tp:
            cells = [p]
            for v in vs:
                r = progs[p].get(v)
                cells.append("%.2f [%.2f–%.2f]" % (r["median"] / 1e3, r["q1"] / 1e3,
                                                   r["q3"] / 1e3)
                             if r and "median" in r else "fail")
            w("| " + " | ".join(cells) + " |")


def write_report(raw, outdir):
    tab = Table(raw)
    meta = raw["meta"]
    costs = raw.get("costs", {})
    progs = tab.ok_programs()
    vs = tab.variants
    L = []
    w = L.append
    w("# bpf-nocsr benchmark report\n")
    w("Run %s on kernel %s, commit %s%s, %.0f s. Kernel view from: **%s**." % (
        meta["date"], meta["kernel"], meta["git"], " (--quick)" if meta["quick"] else "",
        meta["elapsed_s"] or 0, tab.source()))
    if not meta["can_load"]:
        w(" Loading not permitted (%s): kernel-view numbers are nocsr-check predictions."
          % meta["why_not_load"])
    if meta.get("plugins"):
        w(" Plugins (copied at the start of the run): " + "; ".join(
            "clang-%s: `%s` (sha256 %s)" % (k, p["from"], p["sha256"])
            for k, p in sorted(meta["plugins"].items())) + ".")
    w("\n\nVariants: " + "; ".join("`%s` = %s" % (k, l) for k, l, _ in meta["variants"]) + ".")
    if meta["skipped"]:
        w(" Not available in this run: " + "; ".join(meta["skipped"]) + ".")
    nproj = sum(1 for p in tab.programs if p.startswith("proj:"))
    w("\n\nBenchmark corpus: %d programs written for the benchmark "
      "(`utils/bench/corpus/`) and %d of the project's tests (`proj:`); %d measured "
      "in every variant. Reported apart: %d socket filters written for the "
      "benchmark, %d programs of public projects.\n"
      % (len(tab.programs) - nproj, nproj, len(progs),
         len(tab.in_group("sockfilter")), len(tab.in_group("public"))))

    tot = {v: tab.totals(v, progs) for v in vs}
    w("\n## Headline: goals, like with like\n")
    for a, b in LIKE_WITH_LIKE:
        if a not in vs or b not in vs:
            w("- %s vs %s: not measured (variant missing)." % (a, b))
            continue
        worse = [p for p in progs if tab.kernel(p, a)["insns"] > tab.kernel(p, b)["insns"]]
        better = [p for p in progs if tab.kernel(p, a)["insns"] < tab.kernel(p, b)["insns"]]
        w("- **%s vs %s**: kernel-view insns %d vs %d (ratio %s), stack %d vs %d bytes; "
          "fewer insns in %d programs, equal in %d, **more in %d**%s." % (
              tab.labels[a], tab.labels[b], tot[a]["insns"], tot[b]["insns"],
              fmt_ratio(tot[a]["insns"], tot[b]["insns"]), tot[a]["stack"],
              tot[b]["stack"], len(better),
              len(progs) - len(better) - len(worse), len(worse),
              (": " + ", ".join("%s (%d > %d)" % (p, tab.kernel(p, a)["insns"],
                                                 tab.kernel(p, b)["insns"]) for p in worse))
              if worse else ""))
    for v in vs:
        t = tot[v]
        if t["pairs"]:
            w("- Removal for %s: %d of %d pairs (%s); %d bracket instructions survive, "
              "%s." % (tab.labels[v], t["removed_pairs"], t["pairs"],
                       pct(t["removed_pairs"], t["pairs"]), t["surviving_insns"],
                       "at the limit" if not t["surviving_insns"] else
                       "%d insns above the limit of %d" % (t["insns"] - t["limit"],
                                                           t["limit"])))
    if "c19" in vs and "c22" in vs:
        w("- clang-19 vs clang-22 (reported, not attributed to the plugin): clang-22 native "
          "/ clang-19 = %s; clang-22 without the attribute / clang-19 = %s." % (
              fmt_ratio(tot["c22"]["insns"], tot["c19"]["insns"]),
              fmt_ratio(tot["c22n"]["insns"], tot["c19"]["insns"]) if "c22n" in tot else "–"))
    comp = costs.get("compile")
    write_compile_goals(w, comp, tab)
    chk = costs.get("checker")
    if chk and chk.get("rows"):
        r = chk["rows"][0]
        w("- nocsr-check vs llvm-objdump -d on %d insns: %.2fx faster (goal ≥ 2x)." % (
            r["insns"], r["objdump_s"] / r["checker_s"]))
    pat = costs.get("patcher")
    if pat and pat.get("speedup"):
        w("- Patcher, K=100k edits on N=1M: %.0fx faster than one-at-a-time "
          "(goal ≥ 100x)." % pat["speedup"])

    w("\n## Totals\n")
    w("Kernel-view instructions are what the verifier leaves after its own rewrites "
      "(helper inlining, ctx conversion) and bracket removal; stack is the sum of the "
      "verifier's per-subprogram stack depths. *Limit* is the kernel view with zero "
      "surviving bracket instructions.\n")
    hdr = ["variant", "object insns", "kernel insns", "vs clang-19", "vs clang-22 native",
           "limit", "stack (B)", "eligible calls", "brackets", "removed", "pairs",
           "pairs removed", "removal"]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    for v in vs:
        t = tot[v]
        w("| %s | %d | %d | %s | %s | %d | %d | %d | %d | %s | %d | %d | %s |" % (
            tab.labels[v], t["obj"], t["insns"],
            fmt_ratio(t["insns"], tot[BASE]["insns"] if BASE in tot else None),
            fmt_ratio(t["insns"], tot[NATIVE]["insns"] if NATIVE in tot else None),
            t["limit"], t["stack"], t["eligible"], t["brackets"],
            t["removed_brackets"] if t["brackets_known"] else "≥%d" % t["removed_brackets"],
            t["pairs"], t["removed_pairs"], pct(t["removed_pairs"], t["pairs"])))
    if progs and vs:
        # Per program, the best kernel view any variant reaches once none of
        # its bracket instructions survive.
        lim = 0
        for p in progs:
            lim += min(tab.kernel(p, v)["insns"] - 2 * (tab.kernel(p, v)["pairs"] -
                                                        tab.kernel(p, v)["removed_pairs"])
                       for v in vs)
        w("| **limit** (per program, best variant, zero surviving bracket insns) | – | %d "
          "| %s | %s | %d | – | – | – | – | – | – | – |" % (
              lim, fmt_ratio(lim, tot[BASE]["insns"] if BASE in tot else None),
              fmt_ratio(lim, tot[NATIVE]["insns"] if NATIVE in tot else None), lim))

    w("\n## Old-kernel and new-kernel views\n")
    write_old_new(w, tab, progs, "Benchmark corpus (%d programs)" % len(progs))
    extra_plots = []
    f = plot_old_new(tab, progs, outdir, "old_vs_new.png",
                     "Per program: instructions added on old kernels, saved on new ones")
    if f:
        extra_plots.append(f)
    pub = tab.ok(tab.in_group("public"))
    if pub:
        w("\n## Public programs (built unmodified, profile mode)\n")
        w("Programs from public projects that call eligible callees "
          "(`utils/bench/corpus-public/manifest.json`: origin, commit, licence), "
          "each built unmodified with `-fplugin-arg-BPFNoCSR-eligible=profile:latest` "
          "for the plugin variants. Reported apart from the written corpus.\n")
        t = {v: tab.totals(v, pub) for v in vs}
        w("| variant | object insns | kernel insns | stack (B) | eligible calls | pairs "
          "| pairs removed |")
        w("|---|---|---|---|---|---|---|")
        for v in vs:
            w("| %s | %d | %d | %d | %d | %d | %d |" % (
                tab.labels[v], t[v]["obj"], t[v]["insns"], t[v]["stack"],
                t[v]["eligible"], t[v]["pairs"], t[v]["removed_pairs"]))
        fallback = sorted({p for p in pub for v in vs if tab.get(p, v).get("load_error")})
        if fallback:
            w("\nNot loadable unmodified, kernel view predicted by nocsr-check (its "
              "instruction count leaves out the kernel's other rewrites, so compare "
              "these only across variants): %s. Reasons: %s.\n" % (
                  ", ".join(fallback),
                  "; ".join(sorted({"%s: %s" % (p, tab.get(p, v)["load_error"][0][:120])
                                    for p in fallback for v in vs[:1]
                                    if tab.get(p, v).get("load_error")}))))
        write_old_new(w, tab, pub, "Public programs (%d)" % len(pub))
        f = plot_old_new(tab, pub, outdir, "old_vs_new_public.png",
                         "Public programs: added on old kernels, saved on new ones")
        if f:
            extra_plots.append(f)
    for note in meta.get("notes", []):
        w("\n%s\n" % note)
    write_sockfilters(w, tab, tab.in_group("sockfilter"))
    if meta.get("callees"):
        c = meta["callees"]
        w("\nEligible callees (from %s): helpers %s; kfuncs %s.\n" % (
            c["source"], ", ".join(map(str, c["helpers"])), ", ".join(c["kfuncs"])))

    w("\n## Per program (kernel-view instructions)\n")
    hdr = ["program"] + [tab.labels[v] for v in vs]
    if BASE in vs:
        hdr += ["%s / clang-19" % v for v in vs if v != BASE]
    if NATIVE in vs:
        hdr += ["%s / clang-22" % v for v in vs if v != NATIVE]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    for p in tab.programs:
        cells = [p]
        for v in vs:
            k = tab.kernel(p, v)
            cells.append(str(k["insns"]) if k else "fail")
        for ref in (BASE, NATIVE):
            if ref not in vs:
                continue
            rk = tab.kernel(p, ref)
            for v in vs:
                if v == ref:
                    continue
                k = tab.kernel(p, v)
                cells.append(fmt_ratio(k["insns"] if k else None, rk["insns"] if rk else None))
        w("| " + " | ".join(cells) + " |")

    w("\n## Per program: stack depth (bytes) and brackets (removed/emitted pairs)\n")
    hdr = ["program"] + ["%s stack" % v for v in vs] + ["%s pairs" % v for v in vs]
    w("| " + " | ".join(hdr) + " |")
    w("|" + "---|" * len(hdr))
    for p in tab.programs:
        cells = [p]
        for v in vs:
            k = tab.kernel(p, v)
            cells.append(str(k["stack"]) if k else "–")
        for v in vs:
            k = tab.kernel(p, v)
            cells.append("%d/%d" % (k["removed_pairs"], k["pairs"]) if k else "–")
        w("| " + " | ".join(cells) + " |")

    agree = []
    differ = []
    for p in progs:
        for v in vs:
            r = tab.get(p, v)
            a = r.get("agreement")
            if a is None:
                continue
            agree.append(not a["mismatches"])
            differ += ["%s/%s: %s" % (p, v, m) for m in a["mismatches"]]
    if agree:
        w("\nnocsr-check agreed with the kernel (removed pairs per call, "
          "instruction counts, stack depth per subprogram; "
          "utils/scripts/kernel_agreement.py) in %d of %d (program, variant) "
          "cases%s.\n" % (sum(agree), len(agree),
                          "; it differs on " + "; ".join(differ) if differ else ""))

    write_compile_costs(w, comp, tab, progs)
    write_runtime(w, costs.get("runtime"), tab)

    w("\n## Tool costs\n")
    if chk and chk.get("rows"):
        w("\n| object insns | llvm-objdump -d (s) | nocsr-check (s) | speed-up |")
        w("|---|---|---|---|")
        for r in chk["rows"]:
            w("| %d | %.3f | %.3f | %.2fx |" % (r["insns"], r["objdump_s"], r["checker_s"],
                                               r["objdump_s"] / r["checker_s"]))
        if len(chk["rows"]) > 1:
            a, b = chk["rows"][0], chk["rows"][1]
            w("\nDoubling the input multiplies checker time by %.2f (goal ≤ 2).\n" % (
                b["checker_s"] / a["checker_s"]))
    elif chk and chk.get("error"):
        w("\nChecker throughput: failed: `%s`\n" % chk["error"])
    else:
        w("\nChecker throughput: not measured (no nocsr-check build).\n")
    if pat and pat.get("rows"):
        w("\n| benchmark | N | K | seconds |")
        w("|---|---|---|---|")
        for r in sorted(pat["rows"], key=lambda r: (r["kind"], r["n"], r["k"])):
            w("| %s | %d | %d | %.4f |" % (r["kind"], r["n"], r["k"], r["s"]))
        if pat.get("speedup"):
            w("\nK=100k edits on N=1M: range patcher %.2f ms, one edit at a time %.1f s%s: "
              "**%.0fx**.\n" % (pat["range_100k_s"] * 1e3, pat["naive_100k_s"],
                                 " (extrapolated from its per-edit cost at K=1000)"
                                 if pat["naive_extrapolated"] else "", pat["speedup"]))
        for label, xs, ys in patcher_series(pat["rows"]):
            steps = ", ".join("%.2f" % (ys[i + 1] / ys[i]) for i in range(len(ys) - 1))
            w("- %s: time ratio per doubling %s (linear = 2.00)." % (label, steps))
    elif pat and pat.get("error"):
        w("\nPatcher benchmark failed: `%s`\n" % pat["error"])
    else:
        w("\nPatcher: not measured (no patcher benchmark build).\n")

    errs = [(k, r["error"]) for k, r in sorted(tab.res.items()) if r.get("error")]
    if errs:
        w("\n## Failures\n")
        for k, e in errs:
            w("- `%s`: %s" % (k, " / ".join(e)[:300]))

    files, why = plot_all(tab, costs, outdir)
    files += extra_plots
    w("\n## Plots\n")
    for f in files:
        w("![%s](%s)\n" % (f, f))
    if why:
        w(why)
    path = os.path.join(outdir, "report.md")
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")
    return path


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "build/bench"
    with open(os.path.join(d, "results.json")) as f:
        print(write_report(json.load(f), d))
