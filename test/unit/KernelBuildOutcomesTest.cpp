//===- KernelBuildOutcomesTest.cpp - One program under every build --------===//
//
// Expectations derived by hand from CONTRACT.md's "Kernel builds differ":
// two brackets of different sizes anchored at the lowest slot end the region
// at the smallest bracket's top on lowest-top (depth 8) and at the largest's
// on highest-top (depth 0); both builds remove both brackets. One bracket
// alone gives the same depth on both.
//
//===----------------------------------------------------------------------===//

#include "nocsr/KernelBuildOutcomes.h"
#include "ModelRun.h"
#include "nocsr/InsnBuilders.h"

#include "gtest/gtest.h"

using namespace nocsr;
using namespace nocsr::build;
using namespace nocsr::test;
using namespace bpf_nocsr;

namespace {

ProgramInput prog(std::vector<Insn> Insns,
                  const FastcallRules &Rules = KnownKernelBuilds[0]) {
  ProgramInput In;
  In.Insns = std::move(Insns);
  In.SubprogStarts = {0};
  In.Family = FamilyXDP;
  In.Profile.Version = KernelVersion::latest();
  In.Profile.A = Arch::X86_64;
  In.Profile.Rules = Rules;
  return In;
}

/// A two-pair bracket at [-16, 0), then a one-pair bracket at -16: the
/// lowest slot anchors both.
std::vector<Insn> bottomAnchoredMixedSizes() {
  return {movImm(1, 1), movImm(2, 2), spill(1, -8), spill(2, -16), helper(8),
          fill(2, -16), fill(1, -8),  addReg(1, 2), spill(1, -16), helper(8),
          fill(1, -16), addReg(0, 1), exitInsn()};
}

std::vector<BuildOutcome> outcomes(const ProgramInput &In) {
  return outcomesOfKnownBuilds(In, run(In));
}

TEST(KernelBuildOutcomes, BuildsDisagreeOnDepth) {
  std::vector<BuildOutcome> O = outcomes(prog(bottomAnchoredMixedSizes()));
  ASSERT_EQ(O.size(), 2u);
  EXPECT_STREQ(O[0].Build->Name, "lowest-top");
  EXPECT_EQ(O[0].StackDepthAfter, std::vector<int>{8});
  EXPECT_EQ(O[0].Removed, std::vector<unsigned>{2});
  EXPECT_STREQ(O[1].Build->Name, "highest-top");
  EXPECT_EQ(O[1].StackDepthAfter, std::vector<int>{0});
  EXPECT_EQ(O[1].Removed, std::vector<unsigned>{2});
}

TEST(KernelBuildOutcomes, MainBuildComesFirst) {
  std::vector<BuildOutcome> O = outcomes(
      prog(bottomAnchoredMixedSizes(), *findKernelBuild("highest-top")));
  ASSERT_EQ(O.size(), 2u);
  EXPECT_STREQ(O[0].Build->Name, "highest-top");
  EXPECT_EQ(O[0].StackDepthAfter, std::vector<int>{0});
  EXPECT_STREQ(O[1].Build->Name, "lowest-top");
  EXPECT_EQ(O[1].StackDepthAfter, std::vector<int>{8});
}

TEST(KernelBuildOutcomes, MeasuredRulesNeedNoOtherBuild) {
  ProgramInput In = prog(bottomAnchoredMixedSizes());
  In.Profile.RulesMeasured = true;
  EXPECT_TRUE(outcomes(In).empty());
}

TEST(KernelBuildOutcomes, BuildsAgreeOnOneBracket) {
  EXPECT_TRUE(outcomes(prog({movImm(1, 1), spill(1, -8), helper(8), fill(1, -8),
                             addReg(0, 1), exitInsn()}))
                  .empty());
}

TEST(KernelBuildOutcomes, NoPatternNoOutcomes) {
  EXPECT_TRUE(outcomes(prog({movImm(1, 1), helper(8), exitInsn()})).empty());
}

} // namespace
