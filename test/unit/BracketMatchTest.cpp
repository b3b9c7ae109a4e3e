//===- BracketMatchTest.cpp - The one bracket matcher ---------------------===//
//
// bpf_nocsr::matchBracket on hand-built instruction arrays, through the
// decoded-instruction reader (nocsr::InsnsAroundCall). Expectations follow
// the kernel's rule (include/bpf_nocsr/CONTRACT.md): pair i is the spill at
// call - i and the fill at call + i of one register from one slot, each
// register once, and with an anchor at anchor + 8 * (i - 1); matching stops
// at the first pair that fails.
//
//===----------------------------------------------------------------------===//

#include "nocsr/BracketPairs.h"
#include "nocsr/InsnBuilders.h"

#include "gtest/gtest.h"

#include <vector>

using namespace bpf_nocsr;
using namespace nocsr;
using namespace nocsr::build;

namespace {

/// r1 and r2 around helper 8 (no parameters), anchored at r10-16.
std::vector<Insn> anchoredPair() {
  return {spill(1, -8), spill(2, -16), helper(8),
          fill(2, -16), fill(1, -8),   exitInsn()};
}

unsigned match(const std::vector<Insn> &Insns, uint32_t Call, RegMask Allowed,
               std::optional<int> Anchor = std::nullopt) {
  return matchBracket(InsnsAroundCall(Insns, Call), Allowed, Anchor);
}

TEST(BracketMatchTest, PairsCountedOutwardFromTheCall) {
  EXPECT_EQ(match(anchoredPair(), 2, CallerSavedMask), 2u);
  EXPECT_EQ(match(anchoredPair(), 2, CallerSavedMask, -16), 2u);
}

TEST(BracketMatchTest, AnchorWantsPairOneAtTheAnchor) {
  // With the anchor at r10-24, pair 1 (r2 at r10-16) is misplaced, so
  // nothing matches; without an anchor both pairs do.
  EXPECT_EQ(match(anchoredPair(), 2, CallerSavedMask, -24), 0u);
  // Anchor r10-8: pair 1 would have to be at r10-8.
  EXPECT_EQ(match(anchoredPair(), 2, CallerSavedMask, -8), 0u);
}

TEST(BracketMatchTest, StopsAtTheFirstPairThatFails) {
  // Pair 2 spills r1 but fills r3: only pair 1 matches, and pair 3 (a good
  // r4 pair) is never looked at.
  std::vector<Insn> I = {spill(4, 0),  spill(1, -8), spill(2, -16), helper(8),
                         fill(2, -16), fill(3, -8),  fill(4, 0),    exitInsn()};
  EXPECT_EQ(match(I, 3, CallerSavedMask), 1u);
}

TEST(BracketMatchTest, EachRegisterOnceAndOnlyAllowedOnes) {
  // r2 twice: the second pair fails.
  std::vector<Insn> Twice = {spill(2, -8), spill(2, -16), helper(8),
                             fill(2, -16), fill(2, -8),   exitInsn()};
  EXPECT_EQ(match(Twice, 2, CallerSavedMask), 1u);
  // r2, the register of pair 1, not allowed: nothing matches.
  EXPECT_EQ(match(anchoredPair(), 2, RegMask(CallerSavedMask & ~regBit(2))),
            0u);
  // Callee-saved r6 is never a bracket register.
  std::vector<Insn> R6 = {spill(6, -8), helper(8), fill(6, -8), exitInsn()};
  EXPECT_EQ(match(R6, 1, RegMask(0xffff)), 0u);
}

TEST(BracketMatchTest, BoundedByTheProgram) {
  // The call is the first instruction: nothing before it.
  std::vector<Insn> First = {helper(8), fill(1, -8), exitInsn()};
  EXPECT_EQ(match(First, 0, CallerSavedMask), 0u);
  // The fill of pair 2 would lie past the end.
  std::vector<Insn> Last = {spill(1, -16), spill(2, -8), helper(8),
                            fill(2, -8)};
  EXPECT_EQ(match(Last, 2, CallerSavedMask), 1u);
}

TEST(BracketMatchTest, FindBracketPairsReportsSlotsAndIndices) {
  llvm::SmallVector<BracketPair, 6> P =
      findBracketPairs(anchoredPair(), 2, CallerSavedMask);
  ASSERT_EQ(P.size(), 2u);
  EXPECT_EQ(P[0].Reg, 2u);
  EXPECT_EQ(P[0].Off, -16);
  EXPECT_EQ(P[0].SpillIdx, 1u);
  EXPECT_EQ(P[0].FillIdx, 3u);
  EXPECT_EQ(P[1].Reg, 1u);
  EXPECT_EQ(P[1].Off, -8);
  EXPECT_EQ(P[1].SpillIdx, 0u);
  EXPECT_EQ(P[1].FillIdx, 4u);
}

} // namespace
