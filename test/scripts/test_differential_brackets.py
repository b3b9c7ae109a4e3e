#!/usr/bin/env python3
"""Unit tests of utils/fuzz/differential.py's bracket verdicts: which
brackets must go and which must stay, per program type, from the callee
table (no kernel). Expectations from CONTRACT.md: helper 8 is fastcall in
xdp but not in socket filters (raw prototype), helper 42 nowhere.
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "utils", "fuzz"))
import differential  # noqa: E402
from test_kernel_agreement import CalleeTable, kernel_call  # noqa: E402

CALLEES = differential.kernel_agreement.Callees(CalleeTable.DOC)


def program(section, calls):
    return {"name": "gen_main", "section": section, "dead_insns": 0,
            "calls": calls}


def verdicts(variant, prog):
    failures = []
    differential.check_brackets(variant, prog, CALLEES, failures)
    return failures


class Brackets(unittest.TestCase):
    def test_plugin_brackets_around_fastcall_callees_go(self):
        prog = program("xdp", [kernel_call(4, "helper:8", 2, 2),
                               kernel_call(9, "kfunc:bpf_cast_to_kern_ctx",
                                           1, 1)])
        self.assertEqual(verdicts("plugin", prog), [])
        prog = program("xdp", [kernel_call(4, "helper:8", 2, 0)])
        self.assertEqual(verdicts("plugin", prog), [
            "plugin gen_main insn 4 helper:8: 2 of 2 pairs around a "
            "fastcall callee kept"])
        # Other builds' brackets may stay (upstream's top-anchored ones).
        self.assertEqual(verdicts("native", prog), [])

    def test_old_kernel_path_helper8_in_socket_filter(self):
        kept = program("socket", [kernel_call(4, "helper:8", 2, 0)])
        self.assertEqual(verdicts("plugin", kept), [])
        removed = program("socket", [kernel_call(4, "helper:8", 2, 2)])
        self.assertEqual(verdicts("base", removed), [
            "base gen_main insn 4 helper:8: bracket around a non-fastcall "
            "callee removed"])

    def test_helper42_never_fastcall(self):
        prog = program("xdp", [kernel_call(4, "helper:42", 1, 1)])
        self.assertEqual(verdicts("plugin", prog), [
            "plugin gen_main insn 4 helper:42: bracket around a non-fastcall "
            "callee removed"])

    def test_partly_removed(self):
        prog = program("xdp", [kernel_call(4, "helper:8", 2, 1, "broken")])
        self.assertEqual(len(verdicts("plugin", prog)), 1)


if __name__ == "__main__":
    unittest.main()
