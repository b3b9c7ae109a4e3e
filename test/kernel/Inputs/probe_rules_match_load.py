#!/usr/bin/env python3
"""probe_rules_match_load.py PROFILE.json RUN.json: the fastcall rules the
probe names are the ones loading shows. RUN.json is nocsr-run's report of
checker/mixed-sizes-bottom-anchored.s, whose stack after removal tells the
known kernel builds apart: 'lowest-top' leaves 8 bytes, 'highest-top' 0 (the
region's top is the lowest or the highest bracket's). A build the probe has
not seen before must show neither. Exit 1 on disagreement."""
import json
import sys

STACK_BY_BUILD = {"lowest-top": 8, "highest-top": 0}


def main():
    with open(sys.argv[1]) as f:
        build = json.load(f).get("fastcall_rules", {}).get("build")
    with open(sys.argv[2]) as f:
        stack = json.load(f)["programs"][0]["stack_depth"][0]
    if build in STACK_BY_BUILD:
        ok = stack == STACK_BY_BUILD[build]
    else:
        ok = stack not in STACK_BY_BUILD.values()
    print("%s probe says %s, loading shows stack %d" %
          ("OK" if ok else "FAIL", build, stack))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
