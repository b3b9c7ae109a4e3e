#!/usr/bin/env python3
"""Unit tests of utils/scripts/kernel_agreement.py on hand-written reports:
no kernel, no tools. Each case's expectation is derived by hand from the
reports in it (what a kernel of build A or B would do is in CONTRACT.md).

Run: python3 -m unittest discover -s test/scripts -v
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "utils", "scripts"))
import kernel_agreement as ka  # noqa: E402

# main() at slots 0..9 of section xdp calls sub() at slots 4..9 of .text
# (after a 4-slot function `other` libbpf does not append): loaded program
# = main (10 slots) then sub, so .text slot 4 + k is loaded insn 10 + k.
SIZES = {"main": [(0, 10)], "other": [(0, 4)], "sub": [(4, 6)],
         "xdp": [(0, 10)], ".text": [(0, 10)]}


def checker_call(insn, callee, pairs, removed):
    return {"insn": insn, "callee": callee, "kernel_fastcall": True,
            "pairs": pairs, "removed": removed}


def kernel_call(insn, callee, pairs, removed, bracket=None):
    if bracket is None:
        bracket = ("none" if not pairs else "removed" if removed == pairs
                   else "kept" if removed == 0 else "partial")
    return {"insn": insn, "callee": callee, "pairs": pairs,
            "removed_pairs": removed, "bracket": bracket}


def predicted(depths=(16, 8), sub_removed=False, main_removed=True):
    removed = (1 if main_removed else 0) + (2 if sub_removed else 0)
    return {
        "name": "main", "section": "xdp",
        "insns_before": 16, "insns_after": 16 - 2 * removed,
        "subprograms": [
            {"name": "main", "start": 0, "stack_depth_before": 24,
             "stack_depth_after": depths[0], "calls": [
                 checker_call(3, "helper:8", 1, main_removed)]},
            {"name": "sub", "start": 4, "stack_depth_before": 8,
             "stack_depth_after": depths[1], "calls": [
                 checker_call(7, "kfunc:bpf_cast_to_kern_ctx", 2,
                              sub_removed)]}],
        "findings": []}


def kernel(depths=(16, 8), sub_removed=0, main_removed=1, dead=False,
           dead_stack=0, extra_calls=()):
    calls = [kernel_call(3, "helper:8", 1, main_removed),
             kernel_call(5, "subprog", 0, 0),
             kernel_call(13, "kfunc:bpf_cast_to_kern_ctx", 2, sub_removed,
                         "dead" if dead else None)]
    calls += list(extra_calls)
    return {"name": "main", "section": "xdp", "type": "xdp", "loaded": True,
            "insns": 16, "xlated_insns": 16, "dead_insns": 0,
            "dead_stack_accesses": dead_stack, "stack_depth": list(depths),
            "calls": sorted(calls, key=lambda c: c["insn"])}


def kinds(cmp):
    return [(m.kind, m.where, m.kernel, m.checker) for m in cmp.mismatches]


class CallMapping(unittest.TestCase):
    def test_loaded_starts_follow_function_sizes(self):
        self.assertEqual(ka.loaded_starts(predicted(), SIZES), [0, 10])

    def test_section_without_function_symbols(self):
        pred = {"subprograms": [{"name": "xdp", "start": 0}]}
        self.assertEqual(ka.loaded_starts(pred, SIZES), [0])

    def test_unknown_function(self):
        pred = {"subprograms": [{"name": "sub", "start": 0}]}
        with self.assertRaises(ka.ToolError):
            ka.loaded_starts(pred, SIZES)

    def test_section_slot_becomes_loaded_index(self):
        cmp = ka.compare_program(predicted(), kernel(), SIZES)
        pairs = [(p.index, p.kernel and p.kernel["callee"],
                  p.checker and p.checker["callee"]) for p in cmp.calls]
        # .text slot 7 of sub (starting at .text slot 4, loaded at 10) is
        # loaded insn 13; the subprogram call is the kernel's only.
        self.assertEqual(pairs, [
            (3, "helper:8", "helper:8"),
            (13, "kfunc:bpf_cast_to_kern_ctx", "kfunc:bpf_cast_to_kern_ctx")])


class Comparison(unittest.TestCase):
    def test_agreement(self):
        cmp = ka.compare_program(predicted(), kernel(), SIZES)
        self.assertEqual(kinds(cmp), [])
        self.assertEqual(cmp.skipped, [])

    def test_removal_the_checker_did_not_predict(self):
        cmp = ka.compare_program(predicted(), kernel(sub_removed=2), SIZES)
        # Kernel removed 1 + 2 pairs = 6 insns, the checker predicts 1 pair.
        self.assertEqual(kinds(cmp), [
            ("removed-pairs", "insn 13 kfunc:bpf_cast_to_kern_ctx", 2, 0),
            ("insns-removed", "", 6, 2)])
        self.assertEqual(
            str(cmp.mismatches[0]), "main insn 13 kfunc:bpf_cast_to_kern_ctx:"
            " removed pairs: kernel 2, nocsr-check 0")

    def test_stack_depth_per_subprogram(self):
        # Build B sets the depth by the largest bracket's top: 16 where
        # the checker, modelling build A, says 24.
        cmp = ka.compare_program(predicted(depths=(24, 8)), kernel(), SIZES)
        self.assertEqual(kinds(cmp),
                         [("stack-depth", "subprogram main", 16, 24)])
        cmp = ka.compare_program(predicted(), kernel(depths=(16, 0)), SIZES)
        self.assertEqual(kinds(cmp), [("stack-depth", "subprogram sub", 0, 8)])

    def test_subprogram_count(self):
        cmp = ka.compare_program(predicted(), kernel(depths=(16,)), SIZES)
        self.assertEqual(kinds(cmp),
                         [("stack-depth", "subprograms", [16], [16, 8])])

    def test_call_only_one_side_lists(self):
        extra = [kernel_call(8, "helper:26", 0, 0)]
        cmp = ka.compare_program(predicted(), kernel(extra_calls=extra),
                                 SIZES)
        self.assertEqual(kinds(cmp), [("call", "insn 8", "helper:26", None)])

    def test_loaded_count_differs(self):
        k = kernel()
        k["insns"] = 17
        cmp = ka.compare_program(predicted(), k, SIZES)
        self.assertEqual(kinds(cmp), [("insns-loaded", "", 17, 16)])
        self.assertEqual(cmp.calls, [])


class DeadCode(unittest.TestCase):
    def test_dead_call_matches_none_or_all(self):
        for removed in (False, True):
            cmp = ka.compare_program(predicted(sub_removed=removed),
                                     kernel(dead=True), SIZES)
            self.assertEqual(kinds(cmp), [])
            # No removed-instruction count and no depths: the verifier saw
            # neither the dead call nor its stack accesses.
            self.assertEqual(len(cmp.skipped), 2)

    def test_dead_call_partly_removed_prediction(self):
        pred = predicted(sub_removed=True)
        pred["subprograms"][1]["calls"][0]["pairs"] = 1
        cmp = ka.compare_program(pred, kernel(dead=True), SIZES)
        self.assertEqual(kinds(cmp), [("removed-pairs",
                                       "insn 13 kfunc:bpf_cast_to_kern_ctx",
                                       "dead (0 or 2)", 1)])

    def test_unrecognised_call_is_a_mismatch(self):
        kern = kernel()
        kern["calls"][0]["bracket"] = "unknown"
        kern["calls"][0]["removed_pairs"] = 0
        cmp = ka.compare_program(predicted(), kern, SIZES)
        self.assertEqual(kinds(cmp)[0], ("unrecognised-call",
                                         "insn 3 helper:8", "unknown", 1))

    def test_dead_stack_access_skips_depth_only(self):
        cmp = ka.compare_program(predicted(depths=(24, 8)),
                                 kernel(dead_stack=1), SIZES)
        self.assertEqual(kinds(cmp), [])
        self.assertEqual(cmp.skipped,
                         ["stack depth: the verifier skipped dead code"])


class KernelBuilds(unittest.TestCase):
    def test_kernel_did_what_another_build_predicts(self):
        pred = predicted(depths=(24, 8))
        pred["build_dependent"] = [
            {"kernel_build": "lowest-top", "stack_depth_after": [24, 8],
             "removed": [1, 0]},
            {"kernel_build": "highest-top", "stack_depth_after": [16, 8],
             "removed": [1, 0]}]
        cmp = ka.compare_program(pred, kernel(), SIZES)
        self.assertEqual(kinds(cmp), [])
        self.assertEqual(cmp.kernel_build, "highest-top")
        self.assertEqual([m.kind for m in cmp.build_dependent],
                         ["stack-depth"])

    def test_no_build_predicts_it(self):
        pred = predicted(depths=(24, 8))
        pred["build_dependent"] = [
            {"kernel_build": "lowest-top", "stack_depth_after": [24, 8],
             "removed": [1, 0]},
            {"kernel_build": "highest-top", "stack_depth_after": [16, 8],
             "removed": [1, 1]}]
        cmp = ka.compare_program(pred, kernel(), SIZES)
        self.assertEqual(kinds(cmp),
                         [("stack-depth", "subprogram main", 16, 24)])
        self.assertIsNone(cmp.kernel_build)


class CalleeTable(unittest.TestCase):
    # nocsr-annotate --list-eligible --format=json --section=xdp
    # --section=socket, as FastcallCallees.def gives it for 6.18 x86_64.
    DOC = {"profile": "6.18", "arch": "x86_64", "callees": [
        {"callee": "helper:8", "kind": "helper", "helper_number": 8,
         "name": "bpf_get_smp_processor_id", "num_params": 0,
         "returns_void": False, "fastcall": True,
         "families": ["tracing", "tc", "xdp", "lwt"]},
        {"callee": "kfunc:bpf_cast_to_kern_ctx", "kind": "kfunc",
         "helper_number": None, "name": "bpf_cast_to_kern_ctx",
         "num_params": 1, "returns_void": False, "fastcall": True,
         "families": ["tracing", "tc", "xdp", "lwt", "socket_filter",
                      "cgroup_skb", "other"]}],
        "sections": {"xdp": "xdp", "socket": "socket_filter"}}

    def test_fastcall_per_section(self):
        c = ka.Callees(self.DOC)
        self.assertEqual(c.fastcall_ids("xdp"),
                         {"helper:8", "kfunc:bpf_cast_to_kern_ctx"})
        # Socket filters get helper 8's raw prototype, without the flag.
        self.assertEqual(c.fastcall_ids("socket"),
                         {"kfunc:bpf_cast_to_kern_ctx"})
        self.assertFalse(c.fastcall("helper:42", "xdp"))
        self.assertEqual(c.name("helper:8"), "bpf_get_smp_processor_id")
        with self.assertRaises(KeyError):
            c.fastcall("helper:8", "tc")

    def test_removed_pairs_of_either_report(self):
        self.assertEqual(ka.removed_pairs(checker_call(1, "helper:8", 3,
                                                       True)), 3)
        self.assertEqual(ka.removed_pairs(checker_call(1, "helper:8", 3,
                                                       False)), 0)
        self.assertEqual(ka.removed_pairs(kernel_call(1, "helper:8", 3, 2)),
                         2)
        self.assertEqual(ka.removed_pairs({"pairs": 2, "bracket": "removed"}),
                         2)


# Instructions as (code, dst, src, off, imm), spelled from the BPF encoding.
MOV_R1_1 = (0xB7, 1, 0, 0, 1)          # r1 = 1
SPILL_R1 = (0x7B, 10, 1, -8, 0)        # *(u64 *)(r10 - 8) = r1
FILL_R1 = (0x79, 1, 10, -8, 0)         # r1 = *(u64 *)(r10 - 8)
CALL_8 = (0x85, 0, 0, 0, 8)            # call bpf_get_smp_processor_id
ADD_R0_R1 = (0x0F, 0, 1, 0, 0)         # r0 += r1
EXIT = (0x95, 0, 0, 0, 0)
# Helper 8 as the x86-64 verifier inlines it: r0 = <per-CPU offset of
# cpu_number>; r0 = &cpu_number (BPF_MOV64_PERCPU_REG); r0 = *(u32 *)r0.
HELPER8_INLINED = [(0xB7, 0, 0, 0, 0x1234), (0xBF, 0, 0, 1, 0),
                   (0x61, 0, 0, 0, 0)]


class TranslatedProgram(unittest.TestCase):
    def test_removed_pair_and_inlined_helper(self):
        # The checker predicts the spill/fill pair gone; the kernel removed
        # it and inlined the call.
        pred = [MOV_R1_1, CALL_8, ADD_R0_R1, EXIT]
        kern = [MOV_R1_1] + HELPER8_INLINED + [ADD_R0_R1, EXIT]
        self.assertIsNone(ka.compare_xlated(pred, kern))

    def test_pair_the_kernel_kept(self):
        # Predicted removed, kept: the spill stands where the call should.
        pred = [MOV_R1_1, CALL_8, ADD_R0_R1, EXIT]
        kern = [MOV_R1_1, SPILL_R1, CALL_8, FILL_R1, ADD_R0_R1, EXIT]
        self.assertEqual(ka.compare_xlated(pred, kern),
                         "insn 1: helper 8 neither called nor inlined")

    def test_pair_the_kernel_removed(self):
        pred = [MOV_R1_1, SPILL_R1, CALL_8, FILL_R1, ADD_R0_R1, EXIT]
        kern = [MOV_R1_1, CALL_8, ADD_R0_R1, EXIT]
        self.assertEqual(ka.compare_xlated(pred, kern),
                         "predicted insn 1 %s, kernel insn 1 %s"
                         % (SPILL_R1, CALL_8))

    def test_extra_kernel_insn_at_the_end(self):
        why = ka.compare_xlated([MOV_R1_1, EXIT], [MOV_R1_1, EXIT, EXIT])
        self.assertEqual(why, "length: predicted 2 insns, kernel 3")

    def test_helper8_neither_called_nor_inlined(self):
        why = ka.compare_xlated([CALL_8, EXIT], [MOV_R1_1, EXIT])
        self.assertEqual(why, "insn 0: helper 8 neither called nor inlined")

    def test_ldimm64_immediate_rewritten(self):
        # A map reference: the kernel replaces both halves' immediates.
        pred = [(0x18, 1, 1, 0, 3), (0, 0, 0, 0, 0), EXIT]
        kern = [(0x18, 1, 1, 0, 0x5A5A), (0, 0, 0, 0, 0x7F), EXIT]
        self.assertIsNone(ka.compare_xlated(pred, kern))

    def test_stack_accesses(self):
        insns = [MOV_R1_1, SPILL_R1, CALL_8, FILL_R1, (0x7A, 10, 0, -16, 7),
                 EXIT]
        # The store of an immediate keeps it; loads and register stores
        # carry no immediate.
        self.assertEqual(ka.stack_accesses(insns),
                         [SPILL_R1, FILL_R1, (0x7A, 10, 0, -16, 7)])

    def test_kernel_insns_of_bpftool_json(self):
        dump = [{"opcodes": {"code": "0x7b", "dst_reg": "0xa",
                             "src_reg": "0x1", "off": ["0xf8", "0xff"],
                             "imm": ["0x00", "0x00", "0x00", "0x00"]}}]
        self.assertEqual(ka.kernel_insns(dump), [SPILL_R1])


if __name__ == "__main__":
    unittest.main()
