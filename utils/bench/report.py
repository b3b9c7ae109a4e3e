"""Turns results.json of a benchmark run into report.md and PNG plots."""
import json
import os
import sys

BASE = "c19"   # clang-19 without the plugin
NATIVE = "c22"  # clang-22 with native bpf_fastcall
# (variant, reference): the same compiler with and without the plugin.
LIKE_WITH_LIKE = [("c19p", "c19"), ("c22p", "c22"), ("c22p", "c22n")]


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
        self.programs = raw["programs"]
        self.res = raw["results"]

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
    w("\n\nVariants: " + "; ".join("`%s` = %s" % (k, l) for k, l, _ in meta["variants"]) + ".")
    if meta["skipped"]:
        w(" Not available in this run: " + "; ".join(meta["skipped"]) + ".")
    nproj = sum(1 for p in tab.programs if p.startswith("proj:"))
    w("\n\nPrograms: %d from `utils/bench/corpus/` and %d of the project's tests "
      "(`proj:`); %d measured in every variant.\n"
      % (len(tab.programs) - nproj, nproj, len(progs)))

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
    if comp:
        w("- Compile-time overhead of the plugin: %+.2f%% CPU time, %+.2f%% wall time "
          "(goal ≤ 2%%)." % (comp["overhead_cpu_pct"], comp["overhead_wall_pct"]))
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
            if r.get("checker") and r.get("kernel"):
                same = r["checker"]["removed_pairs"] == r["kernel"]["removed_pairs"]
                agree.append(same)
                if not same:
                    differ.append("%s/%s (kernel removed %d pairs, nocsr-check predicted %d)"
                                  % (p, v, r["kernel"]["removed_pairs"],
                                     r["checker"]["removed_pairs"]))
    if agree:
        w("\nnocsr-check predicted exactly the pairs the kernel removed in %d of %d "
          "(program, variant) cases%s.\n" % (
              sum(agree), len(agree), "; it differs on " + "; ".join(differ) if differ else ""))

    w("\n## Tool costs\n")
    if comp:
        w("Compile time, clang-19 with vs without the plugin, on a generated source of %d "
          "lines (%d functions with two fastcall calls each), %d interleaved runs each, "
          "medians: CPU %.3f s vs %.3f s (**%+.2f%%**), wall %.3f s vs %.3f s (%+.2f%%).\n" % (
              comp["lines"], comp["functions"], comp["reps"], comp["median_with_cpu_s"],
              comp["median_without_cpu_s"], comp["overhead_cpu_pct"],
              comp["median_with_s"], comp["median_without_s"], comp["overhead_wall_pct"]))
    else:
        w("Compile time: not measured (no clang-19 plugin build).\n")
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
