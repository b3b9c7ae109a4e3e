//===- RangePatcherTest.cpp - The range patcher on its own ----------------===//
//
// Expected offsets are worked out by hand: a branch at new index j with new
// target t has offset t - j - 1.
//
//===----------------------------------------------------------------------===//

#include "nocsr/RangePatcher.h"
#include "nocsr/InsnBuilders.h"

#include "gtest/gtest.h"

using namespace nocsr;
using namespace nocsr::build;

namespace {

PatchResult patchOk(const std::vector<Insn> &P, const std::vector<PatchEdit> &E,
                    const std::vector<uint64_t> &Side = {}) {
  llvm::Expected<PatchResult> R = patchInsns(P, E, Side);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return PatchResult();
  }
  return std::move(*R);
}

std::string patchErr(const std::vector<Insn> &P,
                     const std::vector<PatchEdit> &E) {
  llvm::Expected<PatchResult> R = patchInsns(P, E);
  if (R)
    return "";
  return llvm::toString(R.takeError());
}

TEST(RangePatcher, DeleteFixesForwardJump) {
  // 1: ja +2 -> 4. Deleting 2 moves exit to 3: offset 1.
  std::vector<Insn> P = {movImm(0, 0), ja(2), movImm(1, 1), movImm(2, 2),
                         exitInsn()};
  PatchResult R = patchOk(P, {{2, 3, {}}});
  ASSERT_EQ(R.Insns.size(), 4u);
  EXPECT_EQ(R.Insns[1].Off, 1);
  EXPECT_EQ(R.Insns[2], movImm(2, 2));
  EXPECT_EQ(R.OldToNew, (std::vector<uint32_t>{0, 1, 2, 2, 3, 4}));
}

TEST(RangePatcher, InsertBeforeBackwardJumpTarget) {
  // 2: if r1 == 5 goto -2 -> 1. Two insns inserted at 1: the jump lands on
  // the inserted code at new 1 from new 4: offset -4.
  std::vector<Insn> P = {movImm(0, 0), addImm(1, 1), jeqImm(1, 5, -2),
                         exitInsn()};
  PatchResult R = patchOk(P, {{1, 1, {movImm(3, 3), movImm(4, 4)}}});
  ASSERT_EQ(R.Insns.size(), 6u);
  EXPECT_EQ(R.Insns[1], movImm(3, 3));
  EXPECT_EQ(R.Insns[3], addImm(1, 1));
  EXPECT_EQ(R.Insns[4].Off, -4);
  EXPECT_EQ(R.OldToNew, (std::vector<uint32_t>{0, 1, 4, 5, 6}));
}

TEST(RangePatcher, ReplaceGrowsAndShrinks) {
  // Replace 1 by three insns and 3..4 by nothing; 0: ja +4 -> 5 (exit).
  std::vector<Insn> P = {ja(4),        movImm(1, 1), movImm(2, 2),
                         movImm(3, 3), movImm(4, 4), exitInsn()};
  PatchResult R = patchOk(
      P, {{1, 2, {movImm(7, 1), movImm(7, 2), movImm(7, 3)}}, {3, 5, {}}});
  // New: ja, 7,7,7, mov2, exit -> exit at 5, offset 4.
  ASSERT_EQ(R.Insns.size(), 6u);
  EXPECT_EQ(R.Insns[0].Off, 4);
  EXPECT_EQ(R.Insns[4], movImm(2, 2));
  EXPECT_EQ(R.OldToNew, (std::vector<uint32_t>{0, 1, 4, 5, 5, 5, 6}));
}

TEST(RangePatcher, JumpIntoMiddleOfReplacedRangeIsError) {
  std::vector<Insn> P = {ja(2), movImm(1, 1), movImm(2, 2), movImm(3, 3),
                         exitInsn()};
  std::string E = patchErr(P, {{2, 4, {movImm(9, 9)}}});
  EXPECT_NE(E.find("middle of replaced range"), std::string::npos) << E;
  // Landing on the first slot of a replaced range is fine: offset 1 -> the
  // replacement at new 2.
  std::vector<Insn> Q = {ja(1), movImm(1, 1), movImm(2, 2), movImm(3, 3),
                         exitInsn()};
  PatchResult R = patchOk(Q, {{2, 4, {movImm(9, 9)}}});
  EXPECT_EQ(R.Insns[0].Off, 1);
}

TEST(RangePatcher, AdjacentDeletionsAreNotInsideEachOther) {
  // Deleting 1 and 2 separately; 0: ja +1 -> 2 lands on the next survivor.
  std::vector<Insn> P = {ja(1), movImm(1, 1), movImm(2, 2), exitInsn()};
  PatchResult R = patchOk(P, {{1, 2, {}}, {2, 3, {}}});
  ASSERT_EQ(R.Insns.size(), 2u);
  EXPECT_EQ(R.Insns[0].Off, 0);
}

TEST(RangePatcher, LdImm64IsTwoSlots) {
  // 0: ja +2 -> 3 over an ldimm64 at 1..2; delete the ldimm64: offset 0.
  std::vector<Insn> P = {ja(2), ldImm64Lo(1, 7), ldImm64Hi(0), exitInsn()};
  PatchResult R = patchOk(P, {{1, 3, {}}});
  ASSERT_EQ(R.Insns.size(), 2u);
  EXPECT_EQ(R.Insns[0].Off, 0);
  // Deleting before an ldimm64 keeps both halves and moves jumps over it.
  std::vector<Insn> Q = {movImm(0, 0), ja(2), ldImm64Lo(1, 7), ldImm64Hi(0),
                         exitInsn()};
  PatchResult S = patchOk(Q, {{0, 1, {}}});
  ASSERT_EQ(S.Insns.size(), 4u);
  EXPECT_EQ(S.Insns[0].Off, 2);
  EXPECT_TRUE(S.Insns[1].isLdImm64());
  // A range may not split it, and a jump may not land in its second half.
  EXPECT_NE(patchErr(P, {{2, 3, {}}}).find("splits an ldimm64"),
            std::string::npos);
  std::vector<Insn> Bad = {ja(1), ldImm64Lo(1, 7), ldImm64Hi(0), exitInsn()};
  EXPECT_NE(patchErr(Bad, {{0, 0, {movImm(0, 0)}}}).find("ldimm64"),
            std::string::npos);
  std::vector<Insn> Cut = {movImm(0, 0), ldImm64Lo(1, 7)};
  EXPECT_NE(patchErr(Cut, {}).find("cut in half"), std::string::npos);
}

TEST(RangePatcher, CallsAndGotolAndMayGoto) {
  // 0: call +2 -> 3; 1: gotol +2 -> 4; 2: may_goto +1 -> 4.
  std::vector<Insn> P = {subCall(2), gotol(2), mayGoto(1), movImm(0, 1),
                         exitInsn()};
  // Insert two insns at 1: call target 3 -> 5 (imm 4); gotol from new 3 to 6
  // (imm 2); may_goto from 4 to 6 (off 1).
  PatchResult R = patchOk(P, {{1, 1, {movImm(5, 5), movImm(6, 6)}}});
  ASSERT_EQ(R.Insns.size(), 7u);
  EXPECT_EQ(R.Insns[0].Imm, 4);
  EXPECT_EQ(R.Insns[3].Imm, 2);
  EXPECT_EQ(R.Insns[3].Off, 0);
  EXPECT_EQ(R.Insns[4].Off, 1);
  // Backward call: 4: call -4 -> 1 with a deletion of 2: imm -3.
  std::vector<Insn> Q = {exitInsn(), movImm(0, 0), movImm(1, 1),
                         exitInsn(), subCall(-4),  exitInsn()};
  PatchResult S = patchOk(Q, {{2, 3, {}}});
  EXPECT_EQ(S.Insns[3].Imm, -3);
}

TEST(RangePatcher, Jmp32AndPseudoFunc) {
  // 0: if w1 == 0 goto +2 -> 3; 1: r2 = func (ldimm64 src 4, imm +3 -> 5).
  std::vector<Insn> P = {jeq32Imm(1, 0, 2), ldImm64Lo(2, 3, op::PseudoFunc),
                         ldImm64Hi(0),      exitInsn(),
                         movImm(0, 0),      exitInsn()};
  PatchResult R = patchOk(P, {{3, 3, {movImm(9, 9)}}});
  EXPECT_EQ(R.Insns[0].Off, 2); // Lands on the insertion at 3.
  EXPECT_EQ(R.Insns[1].Imm, 4); // 5 -> 6.
}

TEST(RangePatcher, SideDataFollowsInsns) {
  std::vector<Insn> P = {movImm(0, 0), movImm(1, 1), movImm(2, 2), exitInsn()};
  PatchResult R =
      patchOk(P, {{1, 2, {movImm(7, 7), movImm(8, 8)}}, {4, 4, {exitInsn()}}},
              {10, 11, 12, 13});
  EXPECT_EQ(R.SideData, (std::vector<uint64_t>{10, 11, 11, 12, 13, 13}));
  EXPECT_EQ(R.Insns.size(), 6u);
  EXPECT_EQ(R.OldToNew, (std::vector<uint32_t>{0, 1, 3, 4, 6}));
}

TEST(RangePatcher, InsertsThenRangeAtSamePoint) {
  std::vector<Insn> P = {ja(0), movImm(1, 1), exitInsn()};
  PatchResult R = patchOk(P, {{1, 1, {movImm(5, 5)}}, {1, 2, {movImm(6, 6)}}});
  ASSERT_EQ(R.Insns.size(), 4u);
  EXPECT_EQ(R.Insns[1], movImm(5, 5));
  EXPECT_EQ(R.Insns[2], movImm(6, 6));
  EXPECT_EQ(R.Insns[0].Off, 0); // Still lands on new 1, the insertion.
}

TEST(RangePatcher, RejectsBadEdits) {
  std::vector<Insn> P = {movImm(0, 0), movImm(1, 1), exitInsn()};
  EXPECT_NE(patchErr(P, {{1, 3, {}}, {2, 3, {}}}).find("overlapping"),
            std::string::npos);
  EXPECT_NE(patchErr(P, {{2, 5, {}}}).find("outside"), std::string::npos);
  std::vector<Insn> J = {ja(5), exitInsn()};
  EXPECT_NE(patchErr(J, {}).find("out of range"), std::string::npos);
}

TEST(RangePatcher, OffsetOverflowIsError) {
  // 0: ja +32767 -> 32768 (exit); inserting one insn makes it 32768.
  std::vector<Insn> P(32769, movImm(1, 1));
  P[0] = ja(32767);
  P[32768] = exitInsn();
  EXPECT_NE(patchErr(P, {{5, 5, {movImm(2, 2)}}}).find("16 bits"),
            std::string::npos);
}

TEST(RangePatcher, ManyEditsLinear) {
  // 100k single-slot deletions on 200k slots: every even slot but 0 goes.
  // Odd slot 2k+1 is `ja -2`, aimed at the deleted slot 2k; after patching it
  // lands on the next survivor, i.e. on itself: offset -1.
  const uint32_t N = 200000;
  std::vector<Insn> P(N);
  std::vector<PatchEdit> E;
  for (uint32_t I = 0; I < N; ++I) {
    P[I] = I % 2 ? ja(-2) : movImm(1, 1);
    if (I % 2 == 0 && I > 0)
      E.push_back({I, I + 1, {}});
  }
  P[1] = movImm(2, 2);
  PatchResult R = patchOk(P, E);
  ASSERT_EQ(R.Insns.size(), N - (N / 2 - 1));
  // Old 3 moves to new 2, and deleted old 2 maps there too.
  EXPECT_EQ(R.OldToNew[3], 2u);
  EXPECT_EQ(R.Insns[2].Off, -1);
}

} // namespace
