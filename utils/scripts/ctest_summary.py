#!/usr/bin/env python3
"""Sum the JUnit reports of several ctest runs into one closing line.

Prints one line per report, then 'ctest: N passed, N failed, N skipped'.
Exits 1 when any test failed or a report is missing.
"""
import os
import sys
import xml.etree.ElementTree as ET


def count(path):
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif (case.find("skipped") is not None or
              case.get("status") in ("notrun", "disabled")):
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(paths):
    if not paths:
        print("ctest_summary: no reports")
        return 1
    total = [0, 0, 0]
    missing = False
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        if not os.path.exists(path):
            print("%-8s no report (ctest did not run)" % name)
            missing = True
            continue
        p, f, s = count(path)
        print("%-8s %d passed, %d failed, %d skipped" % (name, p, f, s))
        total = [total[0] + p, total[1] + f, total[2] + s]
    print("ctest: %d passed, %d failed, %d skipped" % tuple(total))
    return 1 if total[1] or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
