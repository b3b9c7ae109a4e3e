//===- BracketLayoutPlannerTest.cpp - Where one subprogram's brackets go --===//
//
// Hand-built subprograms: the bottom of the frame and, per call, the
// registers live across it. The expected slots follow from the contract
// (include/bpf_nocsr/CONTRACT.md): the kernel's anchor is the lowest 64-bit
// r10 store of the subprogram, and pair i, counted outward from the call
// (1 = next to it), must sit at anchor + 8 * (i - 1). The pair next to the
// call holds the highest-numbered register (spills go r0..r5 in program
// order). Private slots lie between the frame and the region.
//
//===----------------------------------------------------------------------===//

#include "BracketLayoutPlanner.h"

#include "gtest/gtest.h"

using namespace bpf_nocsr;

namespace {

constexpr RegMask r(unsigned N) { return regBit(N); }

BracketRegs saves(RegMask Saved, RegMask Private = 0) {
  BracketRegs Regs;
  Regs.Saved = Saved;
  Regs.Private = Private;
  return Regs;
}

/// The pairs of \p B as (register, offset), pair next to the call first.
std::vector<std::pair<unsigned, int>> pairsOf(const PlannedBracket &B) {
  std::vector<std::pair<unsigned, int>> Pairs;
  for (const PlannedPair &P : B.Pairs)
    Pairs.push_back({P.Reg, P.Off});
  return Pairs;
}

using Pairs = std::vector<std::pair<unsigned, int>>;

TEST(BracketLayoutPlannerTest, OneCallBelowTheFrame) {
  // A 16-byte frame; r1 and r2 live across the call. The region is two
  // slots, r10-32..r10-17; r10-32 is the lowest store, so the pair next to
  // the call (r2) goes there and r1 8 bytes above.
  BracketLayout L = planBracketLayout(-16, {saves(r(1) | r(2))});
  EXPECT_EQ(L.FrameBottom, -16);
  EXPECT_EQ(L.RegionTop, -16);
  EXPECT_EQ(L.Anchor, -32);
  EXPECT_EQ(L.RegionPairs, 2u);
  ASSERT_EQ(L.Brackets.size(), 1u);
  EXPECT_EQ(pairsOf(L.Brackets[0]), (Pairs{{2, -32}, {1, -24}}));
  EXPECT_EQ(L.Brackets[0].RegionPairs, 2u);
  EXPECT_EQ(L.frameBytes(), 16);
  EXPECT_EQ(L.regionBytes(), 16);
}

TEST(BracketLayoutPlannerTest, EveryBracketStartsAtTheLowestSlot) {
  // Three registers across the first call, one across the second, empty
  // frame. The subprogram's lowest store is r10-24; the one-register bracket
  // must sit there too, not at r10-8 where upstream puts it.
  BracketLayout L =
      planBracketLayout(0, {saves(r(1) | r(2) | r(3)), saves(r(5))});
  EXPECT_EQ(L.Anchor, -24);
  EXPECT_EQ(L.RegionPairs, 3u);
  ASSERT_EQ(L.Brackets.size(), 2u);
  EXPECT_EQ(pairsOf(L.Brackets[0]), (Pairs{{3, -24}, {2, -16}, {1, -8}}));
  EXPECT_EQ(pairsOf(L.Brackets[1]), (Pairs{{5, -24}}));
  EXPECT_EQ(L.regionBytes(), 24);
}

TEST(BracketLayoutPlannerTest, UpstreamPlacementStartsAtTheTop) {
  // The same calls placed as upstream LLVM does: each bracket ends at the
  // region's top, so the one-register bracket sits at r10-8, above the
  // anchor the kernel sees (r10-24).
  BracketLayout L = planBracketLayout(
      0, {saves(r(1) | r(2) | r(3)), saves(r(5))}, BracketPlacement::Upstream);
  EXPECT_EQ(L.Anchor, -24);
  EXPECT_EQ(pairsOf(L.Brackets[0]), (Pairs{{3, -24}, {2, -16}, {1, -8}}));
  EXPECT_EQ(pairsOf(L.Brackets[1]), (Pairs{{5, -8}}));
}

TEST(BracketLayoutPlannerTest, PrivateSlotsBetweenFrameAndRegion) {
  // An 8-byte frame. The first call saves r1-r3 but the kernel's prototype
  // clobbers r1: r1 goes to a private slot right below the frame (r10-16),
  // the region (r2, r3) below it, anchored at r10-32. The second call,
  // which no kernel takes for fastcall, has only private slots, from the
  // same private anchor up.
  BracketLayout L = planBracketLayout(
      -8, {saves(r(1) | r(2) | r(3), r(1)), saves(r(4) | r(5), r(4) | r(5))});
  EXPECT_EQ(L.FrameBottom, -8);
  EXPECT_EQ(L.RegionTop, -24);
  EXPECT_EQ(L.Anchor, -40);
  EXPECT_EQ(L.RegionPairs, 2u);
  // Region pairs first (next to the call), then the private ones.
  EXPECT_EQ(pairsOf(L.Brackets[0]), (Pairs{{3, -40}, {2, -32}, {1, -24}}));
  EXPECT_EQ(L.Brackets[0].RegionPairs, 2u);
  EXPECT_EQ(pairsOf(L.Brackets[1]), (Pairs{{5, -24}, {4, -16}}));
  EXPECT_EQ(L.Brackets[1].RegionPairs, 0u);
  // Two private slots and two region slots.
  EXPECT_EQ(L.regionBytes(), 32);
}

TEST(BracketLayoutPlannerTest, NoCallsNoRegion) {
  BracketLayout L = planBracketLayout(-40, {});
  EXPECT_TRUE(L.Brackets.empty());
  EXPECT_EQ(L.RegionTop, -40);
  EXPECT_EQ(L.Anchor, -40);
  EXPECT_EQ(L.regionBytes(), 0);
  EXPECT_TRUE(L.fitsStackLimit());
}

TEST(BracketLayoutPlannerTest, FrameAndRegionMustFitTheStackLimit) {
  // 496 bytes of frame and a two-slot region: exactly 512.
  EXPECT_TRUE(planBracketLayout(-496, {saves(r(1) | r(2))}).fitsStackLimit());
  // 504 and the same region: 520, over the limit.
  BracketLayout Over = planBracketLayout(-504, {saves(r(1) | r(2))});
  EXPECT_EQ(Over.frameBytes() + Over.regionBytes(), 520);
  EXPECT_FALSE(Over.fitsStackLimit());
}

} // namespace
