//===- ProbeDecisionTest.cpp - Kernel profiles from recorded probe answers ===//
//
// deriveProfile() on the answers the probes gave on the two kernel builds of
// CONTRACT.md ("Kernel builds differ"): build B as recorded by
// `nocsr-check --probe-kernel` on a 6.18.44 machine (2026-12), build A as the
// contract's table describes it. Runs without bpf().
//
//===----------------------------------------------------------------------===//

#include "nocsr/ProbeDecision.h"
#include "nocsr/ProfileFile.h"

#include "gtest/gtest.h"

using namespace llvm;
using namespace nocsr;
using namespace bpf_nocsr;

namespace {

ProbeAnswers baseAnswers() {
  ProbeAnswers A;
  A.Release = "6.18.44";
  A.Version = {6, 18};
  A.A = Arch::X86_64;
  A.ControlKept = false;
  for (const ProgTypeInfo &T : ProgTypeInfos)
    A.ProbedTypes |= progTypeBit(T.Type);
  A.ProbedTypes &= ~progTypeBit(ProgType::Tracing); // Needs a BTF target.
  ProbedFastcall H8;
  H8.HelperNumber = 8;
  H8.Types = FullHelperProtoTypes;
  A.Fastcall.push_back(H8);
  return A;
}

ProbeAnswers buildA() {
  ProbeAnswers A = baseAnswers();
  A.TwoSizesDepth = 24;
  A.HelperReadKept = false;
  A.HelperWriteKept = true;
  A.CalleeReadKept = false;
  A.CalleeWriteKept = true;
  A.JumpIntoKept = false;
  return A;
}

ProbeAnswers buildB() {
  ProbeAnswers A = baseAnswers();
  A.TwoSizesDepth = 16;
  A.HelperReadKept = true;
  A.HelperWriteKept = true;
  A.CalleeReadKept = true;
  A.CalleeWriteKept = true;
  A.JumpIntoKept = true;
  return A;
}

TEST(ProbeDecision, BuildAIsLowestTop) {
  Expected<SavedProfile> P = deriveProfile(buildA());
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  EXPECT_TRUE(P->Profile.RulesMeasured);
  EXPECT_STREQ(P->Profile.Rules.Name, "lowest-top");
  EXPECT_EQ(P->Profile.Rules.Top, RegionTop::LowestPatternTop);
  EXPECT_FALSE(P->Profile.Rules.HelperReadsBreak);
  EXPECT_TRUE(P->Profile.Rules.CalleeWritesBreak);
  EXPECT_TRUE(P->NewFastcall.empty());
}

TEST(ProbeDecision, BuildBIsHighestTop) {
  Expected<SavedProfile> P = deriveProfile(buildB());
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  EXPECT_STREQ(P->Profile.Rules.Name, "highest-top");
  EXPECT_EQ(P->Profile.Rules.Top, RegionTop::HighestPatternTop);
  EXPECT_TRUE(P->Profile.Rules.HelperReadsBreak);
  EXPECT_TRUE(P->Profile.Rules.CalleeReadsBreak);
  EXPECT_TRUE(P->Profile.Rules.JumpIntoPatternBreaks);
}

TEST(ProbeDecision, MixedAnswersAreAnUnknownBuild) {
  ProbeAnswers A = buildA();
  A.JumpIntoKept = true; // A's depth rule with B's jump rule.
  Expected<SavedProfile> P = deriveProfile(A);
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  EXPECT_STREQ(P->Profile.Rules.Name, "unknown");
  EXPECT_EQ(knownBuildOf(P->Profile.Rules), nullptr);
  EXPECT_TRUE(P->Profile.Rules.JumpIntoPatternBreaks);
}

TEST(ProbeDecision, UnexplainedDepthIsAnError) {
  ProbeAnswers A = buildB();
  A.TwoSizesDepth = 8;
  Expected<SavedProfile> P = deriveProfile(A);
  ASSERT_FALSE(bool(P));
  EXPECT_NE(toString(P.takeError()).find("stack depth 8"), std::string::npos);
}

TEST(ProbeDecision, FailedProbeIsAnError) {
  ProbeAnswers A = buildB();
  A.CalleeReadKept.reset();
  Expected<SavedProfile> P = deriveProfile(A);
  EXPECT_FALSE(bool(P));
  consumeError(P.takeError());
}

TEST(ProbeDecision, NoFastcallKeepsTheTableRules) {
  ProbeAnswers A = baseAnswers();
  A.ControlKept = true;
  A.Fastcall.clear();
  Expected<SavedProfile> P = deriveProfile(A);
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  EXPECT_FALSE(P->Profile.RulesMeasured);
  EXPECT_FALSE(P->Profile.isFastcall(*findHelper(8), FamilyXDP));
}

TEST(ProbeDecision, ReportsCalleesTheTableDoesNotKnow) {
  ProbeAnswers A = buildB();
  ProbedFastcall Pid;
  Pid.HelperNumber = 14; // bpf_get_current_pid_tgid
  Pid.Types = progTypeBit(ProgType::Kprobe) | progTypeBit(ProgType::Syscall);
  A.Fastcall.push_back(Pid);
  Expected<SavedProfile> P = deriveProfile(A);
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  ASSERT_EQ(P->NewFastcall.size(), 1u);
  EXPECT_EQ(P->NewFastcall[0], "helper:14 (kprobe,syscall)");
  EXPECT_TRUE(
      P->Profile.isFastcall(CalleeKind::Helper, 14, "", ProgType::Syscall));
  EXPECT_FALSE(
      P->Profile.isFastcall(CalleeKind::Helper, 14, "", ProgType::Tracepoint));
  EXPECT_TRUE(P->Profile.isFastcall(CalleeKind::Helper, 14, "", FamilyTracing));
  EXPECT_FALSE(P->Profile.isFastcall(CalleeKind::Helper, 14, "", FamilyXDP));
}

// Types the probe could not load (they need an attach target) keep the
// table's answer; the others are what the probe measured.
TEST(ProbeDecision, UnprobedTypesKeepTheTable) {
  ProbeAnswers A = buildB();
  A.ProbedTypes = progTypeBit(ProgType::Xdp) | progTypeBit(ProgType::Syscall);
  A.Fastcall[0].Types = progTypeBit(ProgType::Xdp);
  Expected<SavedProfile> P = deriveProfile(A);
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  const EligibleCallee &H8 = *findHelper(8);
  EXPECT_TRUE(P->Profile.isFastcall(H8, ProgType::Xdp));
  EXPECT_FALSE(P->Profile.isFastcall(H8, ProgType::Syscall)); // Measured.
  EXPECT_TRUE(P->Profile.isFastcall(H8, ProgType::Tracing));  // Table.
  EXPECT_FALSE(P->Profile.isFastcall(H8, ProgType::SocketFilter));
}

TEST(ProfileFile, RoundTripsThroughJSON) {
  Expected<SavedProfile> P = deriveProfile(buildB());
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  Expected<SavedProfile> Back = profileFromJSON(profileToJSON(*P));
  ASSERT_TRUE(bool(Back)) << toString(Back.takeError());
  EXPECT_TRUE(Back->Profile.Rules == P->Profile.Rules);
  EXPECT_STREQ(Back->Profile.Rules.Name, "highest-top");
  EXPECT_EQ(Back->Release, "6.18.44");
  ASSERT_TRUE(Back->Profile.Callees.has_value());
  ASSERT_EQ(Back->Profile.Callees->size(), 1u);
  EXPECT_EQ((*Back->Profile.Callees)[0].Types, FullHelperProtoTypes);
  EXPECT_EQ(Back->Profile.ProbedTypes, P->Profile.ProbedTypes);
}

// Format 1 gave families: they read as every type of the family, and
// every type counts as probed.
TEST(ProfileFile, ReadsFormatOneFamilies) {
  Expected<json::Value> V = json::parse(R"({
    "format": "bpf-nocsr-kernel-profile", "format_version": 1,
    "source": "probe", "release": "6.18.44", "version": "6.18",
    "arch": "x86_64", "rules_measured": true,
    "fastcall_rules": {"build": "highest-top",
      "region_top": "highest-pattern", "helper_reads_break": true,
      "helper_writes_break": true, "callee_reads_break": true,
      "callee_writes_break": true, "jump_into_pattern_breaks": true},
    "fastcall_callees": [{"callee": "helper:8",
                          "families": ["tracing", "xdp"]}]})");
  ASSERT_TRUE(bool(V)) << toString(V.takeError());
  Expected<SavedProfile> P = profileFromJSON(*V);
  ASSERT_TRUE(bool(P)) << toString(P.takeError());
  const EligibleCallee &H8 = *findHelper(8);
  EXPECT_TRUE(P->Profile.isFastcall(H8, ProgType::Kprobe));
  EXPECT_TRUE(P->Profile.isFastcall(H8, ProgType::Xdp));
  EXPECT_FALSE(P->Profile.isFastcall(H8, ProgType::SchedCls));
  EXPECT_FALSE(P->Profile.isFastcall(H8, ProgType::Syscall));
}

TEST(ProfileFile, RejectsOtherJSON) {
  Expected<SavedProfile> P =
      profileFromJSON(llvm::json::Object{{"format", "something-else"}});
  ASSERT_FALSE(bool(P));
  consumeError(P.takeError());
}

} // namespace
