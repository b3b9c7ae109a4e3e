#!/usr/bin/env python3
"""probe_matches_load.py PROFILE.json RUN.json: for every program nocsr-run
loaded, its helper-8 brackets were removed exactly when the probed profile
lists the program's type among helper 8's fastcall types. Prints one line per
program; exit 1 on any disagreement."""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        profile = json.load(f)
    with open(sys.argv[2]) as f:
        run = json.load(f)
    types = set()
    for c in profile.get("fastcall_callees", []):
        if c["callee"] == "helper:8":
            types = set(c.get("types", []))
    bad = 0
    for prog in run["programs"]:
        calls = [c for c in prog.get("calls", []) if c["callee"] == "helper:8"]
        if not calls:
            continue
        removed = all(c["bracket"] == "removed" for c in calls)
        kept = all(c["bracket"] == "kept" for c in calls)
        probed = prog["type"] in types
        ok = (probed and removed) or (not probed and kept)
        bad += not ok
        print("%s %s (%s): probe says %s, loading %s" % (
            "OK" if ok else "FAIL", prog["name"], prog["type"],
            "fastcall" if probed else "not fastcall",
            "removed" if removed else "kept" if kept else "mixed"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
