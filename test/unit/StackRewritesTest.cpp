//===- StackRewritesTest.cpp - Stack the verifier adds after removal ------===//
//
// Expectations derived by hand from the verifier: optimize_bpf_loop() adds
// 3 slots (r6-r8) below the depth of a subprogram with an inlinable
// bpf_loop (callback and zero flags known on every path);
// opt_remove_nops() drops may_goto +0, stepping back over may_goto +1, and
// the removed pairs' no-ops, which NopsRemoved does not count;
// do_misc_fixups() adds the timed may_goto's 2 slots on x86-64 >= 6.15, one
// slot before; depths are whole 8-byte slots.
//
//===----------------------------------------------------------------------===//

#include "ModelRun.h"
#include "nocsr/FastcallModel.h"
#include "nocsr/InsnBuilders.h"

#include "gtest/gtest.h"

using namespace nocsr;
using namespace nocsr::build;
using namespace nocsr::test;
using namespace bpf_nocsr;

namespace {

ProgramInput prog(std::vector<Insn> Insns, std::vector<uint32_t> Starts,
                  KernelVersion V = {6, 18}) {
  ProgramInput In;
  In.Insns = std::move(Insns);
  In.SubprogStarts = std::move(Starts);
  In.Type = ProgType::RawTracepoint;
  In.Family = FamilyTracing;
  In.Profile.Version = V;
  In.Profile.A = Arch::X86_64;
  return In;
}

/// Main: PREFIX; r1 = 4; r2 = &callback; r3 = 0; call bpf_loop; exit. The
/// callback that follows returns 0.
std::vector<Insn> loopProgram(std::vector<Insn> Prefix) {
  std::vector<Insn> P = std::move(Prefix);
  int32_t LdImm = int32_t(P.size()) + 1;
  int32_t Callback = LdImm + 5;
  P.insert(P.end(),
           {movImm(1, 4), ldImm64Lo(2, Callback - LdImm - 1, op::PseudoFunc),
            ldImm64Hi(0), movImm(3, 0), helper(181), exitInsn(), movImm(0, 0),
            exitInsn()});
  return P;
}

TEST(StackRewrites, InlinedBpfLoopSavesThreeRegisters) {
  ProgramResult R = run(prog(loopProgram({movImm(4, 0)}), {0, 7}));
  ASSERT_EQ(R.Subprogs.size(), 2u);
  EXPECT_EQ(R.Subprogs[0].LoopInlineStack, 24);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 24);
  EXPECT_EQ(R.Subprogs[1].StackDepthAfter, 0);
}

TEST(StackRewrites, BpfLoopWithUnknownFlagsIsCalled) {
  // r4 = r0 after a helper: not known zero.
  ProgramResult R = run(prog(loopProgram({helper(7), movReg(4, 0)}), {0, 8}));
  ASSERT_EQ(R.Subprogs.size(), 2u);
  EXPECT_EQ(R.Subprogs[0].LoopInlineStack, 0);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 0);
}

TEST(StackRewrites, NarrowAccessRoundsDepthToASlot) {
  ProgramResult R = run(
      prog({movImm(1, 3), stxW(10, 1, -12), movImm(0, 0), exitInsn()}, {0}));
  EXPECT_EQ(R.Subprogs[0].StackDepthBefore, 16);
}

TEST(StackRewrites, MayGotoSlotsPerJit) {
  // may_goto +1 over r0 = 1.
  std::vector<Insn> P = {movImm(0, 0), mayGoto(1), movImm(0, 1), exitInsn()};
  EXPECT_EQ(run(prog(P, {0})).Subprogs[0].StackDepthAfter, 16);
  EXPECT_EQ(run(prog(P, {0}, {6, 14})).Subprogs[0].StackDepthAfter, 8);
  EXPECT_EQ(run(prog(P, {0}, {6, 8})).Subprogs[0].StackDepthAfter, 0);
}

TEST(StackRewrites, MayGotoChainToOneLabelIsDroppedWhole) {
  ProgramResult R = run(prog(
      {movImm(0, 0), mayGoto(2), mayGoto(1), mayGoto(0), exitInsn()}, {0}));
  EXPECT_EQ(R.InsnsAfter, 2u);
  EXPECT_EQ(R.NopsRemoved, 3u);
  EXPECT_EQ(R.Subprogs[0].StackExtra, 0);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 0);
}

TEST(StackRewrites, GotoOverANopStaysAfterTheNopGoes) {
  // `goto +1; goto +0`: the walk passes the first (it still jumps over the
  // second), drops the second and does not step back after a goto, so the
  // first, now `goto +0`, stays. The may_goto chain before it goes whole.
  ProgramResult R = run(prog(
      {mayGoto(1), mayGoto(0), movImm(0, 0), ja(1), ja(0), exitInsn()}, {0}));
  EXPECT_EQ(R.InsnsAfter, 3u);
  EXPECT_EQ(R.NopsRemoved, 3u);
  ASSERT_EQ(R.Xlated.size(), 3u);
  EXPECT_EQ(R.Xlated[1].Code, op::JMP | op::JA);
  EXPECT_EQ(R.Xlated[1].Off, 0);
  EXPECT_EQ(R.XlatedOrigin[1], 3u);
  // Slots map to where they, or the slot that follows, now are.
  EXPECT_EQ(R.OldToNew[0], 0u);
  EXPECT_EQ(R.OldToNew[2], 0u);
  EXPECT_EQ(R.OldToNew[4], 2u);
  EXPECT_EQ(R.OldToNew[6], 3u);
}

TEST(StackRewrites, RemovedPairsAreNotCountedAsNops) {
  // One removed pair (2 slots) and one `goto +0` (1 slot) leave 7 - 3.
  ProgramResult R = run(prog({movImm(1, 1), spill(1, -8), helper(8),
                              fill(1, -8), ja(0), addReg(0, 1), exitInsn()},
                             {0}));
  ASSERT_EQ(R.Subprogs[0].Calls.size(), 1u);
  EXPECT_TRUE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(R.InsnsBefore, 7u);
  EXPECT_EQ(R.InsnsAfter, 4u);
  EXPECT_EQ(R.NopsRemoved, 1u);
}

} // namespace
