//===- BracketSurvivalTest.cpp - The survival matcher on recorded loads ---===//
//
// matchSurvival and alignPrograms on programs recorded from real loads: each
// pair of arrays is the program as libbpf loaded it and as the kernel
// translated it (bpf_prog_info.xlated_prog_insns), printed by
// `nocsr-run --dump-insns OBJECT` on kernel 6.18.44 (x86-64, JIT on, root;
// build B in CONTRACT.md terms) on 2026-12-01. Sources: the .s files named
// per case, assembled with `clang-19 --target=bpf -c`. Expected verdicts
// follow from the kernel's rules (CONTRACT.md) and from reading the
// translated instructions, not from nocsr-run's output.
//
//===----------------------------------------------------------------------===//

#include "BracketSurvival.h"

#include "gtest/gtest.h"

#include <vector>

using namespace bpf_nocsr::harness;

namespace {

struct Result {
  std::vector<CallSite> Calls;
  DeadCode Dead;
};

Result match(llvm::ArrayRef<bpf_insn> Loaded, llvm::ArrayRef<bpf_insn> Xlated,
             llvm::ArrayRef<std::int32_t> MovKfuncIds = {}) {
  Result R;
  R.Calls = findCallSites(Loaded);
  R.Dead = matchSurvival(Loaded, Xlated, MovKfuncIds, R.Calls);
  return R;
}

// alignPrograms with no instruction marked as in a bracket.
std::vector<AlignedInsn> align(llvm::ArrayRef<bpf_insn> Loaded,
                               llvm::ArrayRef<bpf_insn> Xlated) {
  return alignPrograms(Loaded, Xlated, {},
                       std::vector<bool>(Loaded.size(), false));
}

// raw_tp: r1..r5 = 1..5, spilled at r10-8 .. r10-40 (r5 at -40 next to the
// call), `call 118` (bpf_jiffies64), filled back, summed. The kernel marks
// the 5-pair pattern but helper 118 is not fastcall: every pair stays, and
// x86-64 inlines the call as `r0 = &jiffies ll; r0 = *(u64 *)(r0 + 0)`
// (xlated 10..12).
const bpf_insn JiffiesLoaded[] = {
    {0xb7, 1, 0, 0, 1},    {0xb7, 2, 0, 0, 2},    {0xb7, 3, 0, 0, 3},
    {0xb7, 4, 0, 0, 4},    {0xb7, 5, 0, 0, 5},    {0x7b, 10, 1, -8, 0},
    {0x7b, 10, 2, -16, 0}, {0x7b, 10, 3, -24, 0}, {0x7b, 10, 4, -32, 0},
    {0x7b, 10, 5, -40, 0}, {0x85, 0, 0, 0, 118},  {0x79, 5, 10, -40, 0},
    {0x79, 4, 10, -32, 0}, {0x79, 3, 10, -24, 0}, {0x79, 2, 10, -16, 0},
    {0x79, 1, 10, -8, 0},  {0xbf, 0, 1, 0, 0},    {0x0f, 0, 2, 0, 0},
    {0x0f, 0, 3, 0, 0},    {0x0f, 0, 4, 0, 0},    {0x0f, 0, 5, 0, 0},
    {0x95, 0, 0, 0, 0},
};
const bpf_insn JiffiesXlated[] = {
    {0xb7, 1, 0, 0, 1},    {0xb7, 2, 0, 0, 2},           {0xb7, 3, 0, 0, 3},
    {0xb7, 4, 0, 0, 4},    {0xb7, 5, 0, 0, 5},           {0x7b, 10, 1, -8, 0},
    {0x7b, 10, 2, -16, 0}, {0x7b, 10, 3, -24, 0},        {0x7b, 10, 4, -32, 0},
    {0x7b, 10, 5, -40, 0}, {0x18, 0, 0, 0, -2097112704}, {0x00, 0, 0, 0, -1},
    {0x79, 0, 0, 0, 0},    {0x79, 5, 10, -40, 0},        {0x79, 4, 10, -32, 0},
    {0x79, 3, 10, -24, 0}, {0x79, 2, 10, -16, 0},        {0x79, 1, 10, -8, 0},
    {0xbf, 0, 1, 0, 0},    {0x0f, 0, 2, 0, 0},           {0x0f, 0, 3, 0, 0},
    {0x0f, 0, 4, 0, 0},    {0x0f, 0, 5, 0, 0},           {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, InlinedJiffiesBracketIsKept) {
  Result R = match(JiffiesLoaded, JiffiesXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  const CallSite &C = R.Calls[0];
  EXPECT_EQ(C.Index, 10u);
  ASSERT_EQ(C.Pairs.size(), 5u);
  EXPECT_EQ(C.Pairs[0].Reg, 5u);
  EXPECT_EQ(C.Pairs[0].Off, -40);
  EXPECT_EQ(C.State, Survival::Kept);
  EXPECT_EQ(C.RemovedPairs, 0u);
  EXPECT_EQ(R.Dead.Insns, 0u);
}

TEST(BracketSurvival, JiffiesAlignsWithItsInlinedForm) {
  std::vector<AlignedInsn> A = align(JiffiesLoaded, JiffiesXlated);
  ASSERT_EQ(A.size(), std::size(JiffiesLoaded));
  EXPECT_EQ(A[10].First, 10u);
  EXPECT_EQ(A[10].Count, 3u);
  for (unsigned I = 11; I < A.size(); ++I) {
    EXPECT_EQ(A[I].First, I + 2) << "insn " << I;
    EXPECT_EQ(A[I].Count, 1u) << "insn " << I;
  }
}

// The same load, but the call in the loaded program is helper 5
// (bpf_ktime_get_ns), which the harness knows no inlined form of: something
// stands where the call was, so the verdict is "unknown", not "dead".
TEST(BracketSurvival, UnrecognisedInlinedFormIsUnknown) {
  std::vector<bpf_insn> Loaded(std::begin(JiffiesLoaded),
                               std::end(JiffiesLoaded));
  Loaded[10].imm = 5;
  Result R = match(Loaded, JiffiesXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].State, Survival::Unknown);
  EXPECT_EQ(R.Calls[0].UnknownFirst, 10u);
  EXPECT_EQ(R.Calls[0].UnknownCount, 3u);
  EXPECT_STREQ(survivalName(R.Calls[0].State), "unknown");
}

// test/kernel/nocsr-run-brackets.s, program `matched` (xdp): r1, r2 at -8,
// -16 around helper 8, the inner pair at lowest_off. Fastcall in xdp: both
// pairs removed, the call inlined as three instructions.
const bpf_insn CpuIdXdpLoaded[] = {
    {0xb7, 1, 0, 0, 5},    {0xb7, 2, 0, 0, 7}, {0x7b, 10, 1, -8, 0},
    {0x7b, 10, 2, -16, 0}, {0x85, 0, 0, 0, 8}, {0x79, 2, 10, -16, 0},
    {0x79, 1, 10, -8, 0},  {0x0f, 0, 1, 0, 0}, {0x0f, 0, 2, 0, 0},
    {0x95, 0, 0, 0, 0},
};
const bpf_insn CpuIdXdpXlated[] = {
    {0xb7, 1, 0, 0, 5},  {0xb7, 2, 0, 0, 7}, {0xb7, 0, 0, 0, -2085568460},
    {0xbf, 0, 0, -1, 0}, {0x61, 0, 0, 0, 0}, {0x0f, 0, 1, 0, 0},
    {0x0f, 0, 2, 0, 0},  {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, CpuIdBracketRemovedInXdp) {
  Result R = match(CpuIdXdpLoaded, CpuIdXdpXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].State, Survival::Removed);
  EXPECT_EQ(R.Calls[0].RemovedPairs, 2u);
  EXPECT_EQ(R.Dead.Insns, 0u);
}

// The same bracket in a socket filter (section "socket"): helper 8 has its
// raw prototype there, so the bracket stays; the call is still inlined.
const bpf_insn CpuIdSocketLoaded[] = {
    {0xb7, 1, 0, 0, 5},    {0xb7, 2, 0, 0, 7}, {0x7b, 10, 1, -8, 0},
    {0x7b, 10, 2, -16, 0}, {0x85, 0, 0, 0, 8}, {0x79, 2, 10, -16, 0},
    {0x79, 1, 10, -8, 0},  {0xbf, 0, 1, 0, 0}, {0x0f, 0, 2, 0, 0},
    {0x95, 0, 0, 0, 0},
};
const bpf_insn CpuIdSocketXlated[] = {
    {0xb7, 1, 0, 0, 5},    {0xb7, 2, 0, 0, 7},           {0x7b, 10, 1, -8, 0},
    {0x7b, 10, 2, -16, 0}, {0xb7, 0, 0, 0, -2085568460}, {0xbf, 0, 0, -1, 0},
    {0x61, 0, 0, 0, 0},    {0x79, 2, 10, -16, 0},        {0x79, 1, 10, -8, 0},
    {0xbf, 0, 1, 0, 0},    {0x0f, 0, 2, 0, 0},           {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, CpuIdBracketKeptInSocketFilter) {
  Result R = match(CpuIdSocketLoaded, CpuIdSocketXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].State, Survival::Kept);
  EXPECT_EQ(R.Calls[0].RemovedPairs, 0u);
}

// test/kernel/checker/Inputs/kfunc-brackets.c built with clang-22
// (`-target bpf -O2 -g`), programs kfunc_r2 and kfunc_r1: a call of
// bpf_cast_to_kern_ctx (BTF id 63462 on that kernel) becomes `r0 = r1`. r2
// around it is allowed and removed; r1 is the argument: refused, kept.
constexpr std::int32_t CastToKernCtxId = 63462;
const bpf_insn KfuncR2Loaded[] = {
    {0xb7, 2, 0, 0, 1},   {0x7b, 10, 2, -8, 0}, {0x85, 0, 2, 0, 63462},
    {0x79, 2, 10, -8, 0}, {0xbf, 0, 2, 0, 0},   {0x95, 0, 0, 0, 0},
};
const bpf_insn KfuncR2Xlated[] = {
    {0xb7, 2, 0, 0, 1},
    {0xbf, 0, 1, 0, 0},
    {0xbf, 0, 2, 0, 0},
    {0x95, 0, 0, 0, 0},
};
const bpf_insn KfuncR1Loaded[] = {
    {0x7b, 10, 1, -8, 0}, {0x85, 0, 2, 0, 63462}, {0x79, 1, 10, -8, 0},
    {0xb7, 0, 0, 0, 0},   {0x95, 0, 0, 0, 0},
};
const bpf_insn KfuncR1Xlated[] = {
    {0x7b, 10, 1, -8, 0}, {0xbf, 0, 1, 0, 0}, {0x79, 1, 10, -8, 0},
    {0xb7, 0, 0, 0, 0},   {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, CastToKernCtxBecomesMovR0R1) {
  Result Removed = match(KfuncR2Loaded, KfuncR2Xlated, {CastToKernCtxId});
  ASSERT_EQ(Removed.Calls.size(), 1u);
  EXPECT_EQ(Removed.Calls[0].Kind, CallKind::Kfunc);
  EXPECT_EQ(Removed.Calls[0].State, Survival::Removed);
  Result Kept = match(KfuncR1Loaded, KfuncR1Xlated, {CastToKernCtxId});
  ASSERT_EQ(Kept.Calls.size(), 1u);
  EXPECT_EQ(Kept.Calls[0].State, Survival::Kept);
}

// Without the kfunc's id the harness cannot know that `r0 = r1` is the call:
// it says so instead of calling the bracket dead.
TEST(BracketSurvival, UnknownKfuncRewriteIsUnknown) {
  Result R = match(KfuncR1Loaded, KfuncR1Xlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].State, Survival::Unknown);
  EXPECT_EQ(R.Calls[0].UnknownFirst, 1u);
  EXPECT_EQ(R.Calls[0].UnknownCount, 1u);
}

// test/kernel/nocsr-run-dead-code.s (xdp): r3 = 0, so `if r3 == 0 goto`
// is always taken; the verifier deletes the six instructions it skips
// (bracket, call of helper 42, `r1 += r0`) and then the jump: the call is
// dead, and `r1 += r0` is the one never-rewritten instruction outside the
// bracket among them.
const bpf_insn DeadLoaded[] = {
    {0xb7, 1, 0, 0, 5},  {0xb7, 2, 0, 0, 7},    {0xb7, 3, 0, 0, 0},
    {0x15, 3, 0, 6, 0},  {0x7b, 10, 1, -8, 0},  {0x7b, 10, 2, -16, 0},
    {0x85, 0, 0, 0, 42}, {0x79, 2, 10, -16, 0}, {0x79, 1, 10, -8, 0},
    {0x0f, 1, 0, 0, 0},  {0xbf, 0, 1, 0, 0},    {0x0f, 0, 2, 0, 0},
    {0x95, 0, 0, 0, 0},
};
const bpf_insn DeadXlated[] = {
    {0xb7, 1, 0, 0, 5}, {0xb7, 2, 0, 0, 7}, {0xb7, 3, 0, 0, 0},
    {0xbf, 0, 1, 0, 0}, {0x0f, 0, 2, 0, 0}, {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, BracketInDeadCodeIsDead) {
  Result R = match(DeadLoaded, DeadXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].State, Survival::Dead);
  EXPECT_EQ(R.Calls[0].RemovedPairs, 0u);
  EXPECT_EQ(R.Dead.Insns, 1u);
  EXPECT_EQ(R.Dead.StackAccesses, 0u);
}

// syscall, dead-call-may-goto.s: `r1 = 1; if r1 != 0 goto L` skips a
// bracketed `call 181` (r5 at -16); at L a may_goto. The verifier drops the
// dead code and expands the may_goto with its scratch register r11 and a
// call of its own, arch_bpf_timed_may_goto (xlated 3..9), after setting the
// counter and timestamp at r10-16 and r10-8 (xlated 0, 1). Recorded on the
// same kernel from test/kernel/nocsr-run-dead-call-may-goto.s (as
// syscall).
const bpf_insn TimedMayGotoLoaded[] = {
    {0xb7, 1, 0, 0, 1},   {0x55, 1, 0, 3, 0},    {0x7b, 10, 5, -16, 0},
    {0x85, 0, 0, 0, 181}, {0x79, 5, 10, -16, 0}, {0xe5, 0, 0, 1, 0},
    {0xb7, 0, 0, 0, 1},   {0xb7, 0, 0, 0, 0},    {0x95, 0, 0, 0, 0},
};
const bpf_insn TimedMayGotoXlated[] = {
    {0x7a, 10, 0, -16, 65535}, {0x7a, 10, 0, -8, 0},  {0xb7, 1, 0, 0, 1},
    {0x79, 11, 10, -16, 0},    {0x15, 11, 0, 6, 0},   {0x17, 11, 0, 0, 1},
    {0x55, 11, 0, 2, 0},       {0xb7, 11, 0, 0, -16}, {0x85, 0, 0, 0, -1588928},
    {0x7b, 10, 11, -16, 0},    {0xb7, 0, 0, 0, 1},    {0xb7, 0, 0, 0, 0},
    {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, DeadCallBeforeTimedMayGotoIsDead) {
  // The inserted call must not stand in for the dead one, nor its r11
  // instructions for a rewrite of it.
  Result R = match(TimedMayGotoLoaded, TimedMayGotoXlated);
  ASSERT_EQ(R.Calls.size(), 1u);
  EXPECT_EQ(R.Calls[0].Index, 3u);
  EXPECT_EQ(R.Calls[0].State, Survival::Dead);
  EXPECT_EQ(R.Calls[0].RemovedPairs, 0u);
  std::vector<AlignedInsn> A = align(TimedMayGotoLoaded, TimedMayGotoXlated);
  EXPECT_EQ(A[3].Count, 0u);
}

// raw_tp, C: `__u32 k = 0; v = bpf_map_lookup_elem(&arr, &k); return v ? *v
// : 0;` on a BPF_MAP_TYPE_ARRAY of 4 u64 values: the call becomes the
// verifier's 7-instruction array lookup (xlated 6..12).
const bpf_insn ArrayLookupLoaded[] = {
    {0xb7, 6, 0, 0, 0},  {0x63, 10, 6, -4, 0}, {0xbf, 2, 10, 0, 0},
    {0x07, 2, 0, 0, -4}, {0x18, 1, 1, 0, 4},   {0x00, 0, 0, 0, 0},
    {0x85, 0, 0, 0, 1},  {0x15, 0, 0, 1, 0},   {0x79, 6, 0, 0, 0},
    {0xbf, 0, 6, 0, 0},  {0x95, 0, 0, 0, 0},
};
const bpf_insn ArrayLookupXlated[] = {
    {0xb7, 6, 0, 0, 0},   {0x63, 10, 6, -4, 0},  {0xbf, 2, 10, 0, 0},
    {0x07, 2, 0, 0, -4},  {0x18, 1, 1, 0, 1373}, {0x00, 0, 0, 0, 0},
    {0x07, 1, 0, 0, 312}, {0x61, 0, 2, 0, 0},    {0x35, 0, 0, 3, 4},
    {0x67, 0, 0, 0, 3},   {0x0f, 0, 1, 0, 0},    {0x05, 0, 0, 1, 0},
    {0xb7, 0, 0, 0, 0},   {0x15, 0, 0, 1, 0},    {0x79, 6, 0, 0, 0},
    {0xbf, 0, 6, 0, 0},   {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, ArrayLookupAlignsWithItsInlinedForm) {
  std::vector<AlignedInsn> A = align(ArrayLookupLoaded, ArrayLookupXlated);
  EXPECT_EQ(A[6].First, 6u);
  EXPECT_EQ(A[6].Count, 7u);
  EXPECT_EQ(A[7].First, 13u);
  EXPECT_EQ(A[10].First, 16u);
}

// The same on a BPF_MAP_TYPE_PERCPU_ARRAY: 9 instructions, with a per-CPU
// address step before `goto +1; r0 = 0`.
const bpf_insn PercpuLookupXlated[] = {
    {0xb7, 6, 0, 0, 0},   {0x63, 10, 6, -4, 0},  {0xbf, 2, 10, 0, 0},
    {0x07, 2, 0, 0, -4},  {0x18, 1, 1, 0, 1376}, {0x00, 0, 0, 0, 0},
    {0x07, 1, 0, 0, 312}, {0x61, 0, 2, 0, 0},    {0x35, 0, 0, 5, 4},
    {0x67, 0, 0, 0, 3},   {0x0f, 0, 1, 0, 0},    {0x79, 0, 0, 0, 0},
    {0xbf, 0, 0, -1, 0},  {0x05, 0, 0, 1, 0},    {0xb7, 0, 0, 0, 0},
    {0x15, 0, 0, 1, 0},   {0x79, 6, 0, 0, 0},    {0xbf, 0, 6, 0, 0},
    {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, PercpuArrayLookupAlignsWithItsInlinedForm) {
  // The loaded program differs from the array one only in the map's fd.
  std::vector<AlignedInsn> A = align(ArrayLookupLoaded, PercpuLookupXlated);
  EXPECT_EQ(A[6].First, 6u);
  EXPECT_EQ(A[6].Count, 9u);
  EXPECT_EQ(A[7].First, 15u);
}

// The same on a BPF_MAP_TYPE_ARRAY_OF_MAPS with one inner array: 9
// instructions, the inner map loaded and checked for null (xlated 6..14).
const bpf_insn ArrayOfMapsLoaded[] = {
    {0xb7, 1, 0, 0, 0},  {0x63, 10, 1, -4, 0}, {0xbf, 2, 10, 0, 0},
    {0x07, 2, 0, 0, -4}, {0x18, 1, 1, 0, 6},   {0x00, 0, 0, 0, 0},
    {0x85, 0, 0, 0, 1},  {0xbf, 1, 0, 0, 0},   {0xb7, 0, 0, 0, 1},
    {0x55, 1, 0, 1, 0},  {0xb7, 0, 0, 0, 0},   {0x95, 0, 0, 0, 0},
};
const bpf_insn ArrayOfMapsXlated[] = {
    {0xb7, 1, 0, 0, 0},   {0x63, 10, 1, -4, 0},  {0xbf, 2, 10, 0, 0},
    {0x07, 2, 0, 0, -4},  {0x18, 1, 1, 0, 1931}, {0x00, 0, 0, 0, 0},
    {0x07, 1, 0, 0, 312}, {0x61, 0, 2, 0, 0},    {0x35, 0, 0, 5, 1},
    {0x67, 0, 0, 0, 3},   {0x0f, 0, 1, 0, 0},    {0x79, 0, 0, 0, 0},
    {0x15, 0, 0, 1, 0},   {0x05, 0, 0, 1, 0},    {0xb7, 0, 0, 0, 0},
    {0xbf, 1, 0, 0, 0},   {0xb7, 0, 0, 0, 1},    {0x55, 1, 0, 1, 0},
    {0xb7, 0, 0, 0, 0},   {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, ArrayOfMapsLookupAlignsWithItsInlinedForm) {
  std::vector<AlignedInsn> A = align(ArrayOfMapsLoaded, ArrayOfMapsXlated);
  EXPECT_EQ(A[6].First, 6u);
  EXPECT_EQ(A[6].Count, 9u);
  EXPECT_EQ(A[7].First, 15u);
}

// raw_tp, C: `return bpf_loop(4, cb, 0, 0);` with a static callback: the
// verifier inlines the loop (inline_bpf_loop), 19 instructions that save
// r6-r8 on the stack and call the callback as a subprogram.
const bpf_insn LoopLoaded[] = {
    {0xb7, 1, 0, 0, 4}, {0x18, 2, 4, 0, 5}, {0x00, 0, 0, 0, 0},
    {0xb7, 3, 0, 0, 0}, {0xb7, 4, 0, 0, 0}, {0x85, 0, 0, 0, 181},
    {0x95, 0, 0, 0, 0}, {0xb7, 0, 0, 0, 0}, {0x95, 0, 0, 0, 0},
};
const bpf_insn LoopXlated[] = {
    {0xb7, 1, 0, 0, 4},    {0x18, 2, 4, 0, 23},   {0x00, 0, 0, 0, 1},
    {0xb7, 3, 0, 0, 0},    {0xb7, 4, 0, 0, 0},    {0xb5, 1, 0, 2, 8388608},
    {0xb4, 0, 0, 0, -7},   {0x05, 0, 0, 16, 0},   {0x7b, 10, 6, -24, 0},
    {0x7b, 10, 7, -16, 0}, {0x7b, 10, 8, -8, 0},  {0xbf, 6, 1, 0, 0},
    {0xb4, 7, 0, 0, 0},    {0xbf, 8, 3, 0, 0},    {0x3d, 7, 6, 5, 0},
    {0xbf, 1, 7, 0, 0},    {0xbf, 2, 8, 0, 0},    {0x85, 0, 1, 7, 1},
    {0x07, 7, 0, 0, 1},    {0x15, 0, 0, -6, 0},   {0xbf, 0, 7, 0, 0},
    {0x79, 6, 10, -24, 0}, {0x79, 7, 10, -16, 0}, {0x79, 8, 10, -8, 0},
    {0x95, 0, 0, 0, 0},    {0xb7, 0, 0, 0, 0},    {0x95, 0, 0, 0, 0},
};

TEST(BracketSurvival, BpfLoopAlignsWithItsInlinedLoop) {
  std::vector<AlignedInsn> A = align(LoopLoaded, LoopXlated);
  EXPECT_EQ(A[5].First, 5u);
  EXPECT_EQ(A[5].Count, 19u);
  EXPECT_EQ(A[6].First, 24u);
}

} // namespace
