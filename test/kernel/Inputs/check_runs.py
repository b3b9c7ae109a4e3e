#!/usr/bin/env python3
"""Compare two nocsr-run --json reports of one program built two ways.

Usage: check_runs.py BASE.json NOCSR.json [--removed CALLEE=N]...
                     [--kept CALLEE=N]... [--no-run]

Fails (exit 1, one line per problem) unless every program loaded in both
builds, returned the same value in both (unless --no-run), and in the NOCSR
build exactly N calls to each --removed callee have a bracket and all of those
were removed by the kernel, and exactly N calls to each --kept callee have a
bracket and all of those were kept. Brackets around any other callee must not
be partly removed.
"""
import argparse
import json
import sys


def count_spec(items):
    spec = {}
    for item in items:
        callee, n = item.rsplit("=", 1)
        spec[callee] = int(n)
    return spec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("nocsr")
    ap.add_argument("--removed", action="append", default=[])
    ap.add_argument("--kept", action="append", default=[])
    ap.add_argument("--no-run", action="store_true")
    args = ap.parse_args()
    with open(args.base) as f:
        base = {p["name"]: p for p in json.load(f)["programs"]}
    with open(args.nocsr) as f:
        nocsr = {p["name"]: p for p in json.load(f)["programs"]}
    problems = []
    if set(base) != set(nocsr):
        problems.append("programs differ: %s vs %s" % (sorted(base), sorted(nocsr)))
    for name in sorted(set(base) & set(nocsr)):
        b, n = base[name], nocsr[name]
        for which, p in (("base", b), ("nocsr", n)):
            if not p["loaded"]:
                problems.append("%s %s: not loaded: %s" % (which, name, p["error"]))
        if not (b["loaded"] and n["loaded"]):
            continue
        if not args.no_run:
            if not (b["ran"] and n["ran"]):
                problems.append("%s: not run in both builds" % name)
            elif b["retval"] != n["retval"]:
                problems.append("%s: result %#x with nocsr, %#x without" %
                                (name, n["retval"], b["retval"]))
    want = {}
    for callee, count in count_spec(args.removed).items():
        want[callee] = ("removed", count)
    for callee, count in count_spec(args.kept).items():
        want[callee] = ("kept", count)
    seen = {callee: 0 for callee in want}
    for name, p in sorted(nocsr.items()):
        if not p["loaded"]:
            continue
        for call in p["calls"]:
            state, callee = call["bracket"], call["callee"]
            if state == "none":
                continue
            where = "%s insn %d (%s)" % (name, call["insn"], callee)
            if state == "partial":
                problems.append("%s: bracket partly removed" % where)
            if callee in want:
                seen[callee] += 1
                if state != want[callee][0]:
                    problems.append("%s: %d-pair bracket %s, expected %s" %
                                    (where, call["pairs"], state,
                                     want[callee][0]))
    for callee, (state, count) in sorted(want.items()):
        if seen[callee] != count:
            problems.append("%d bracketed calls to %s, expected %d" %
                            (seen[callee], callee, count))
    for p in problems:
        print("error: " + p)
    if problems:
        return 1
    print("ok: %d program(s)" % len(nocsr))
    return 0


if __name__ == "__main__":
    sys.exit(main())
