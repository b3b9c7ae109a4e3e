//===- ProbeDecision.cpp - Kernel profile from probe answers --------------===//

#include "nocsr/ProbeDecision.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static Error probeError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// The two-sizes probe's frame and the depth each region-top rule leaves.
constexpr int TwoSizesFrame = 32;
constexpr int TwoSizesLowestTopDepth = 24;
constexpr int TwoSizesHighestTopDepth = 16;

Expected<SavedProfile> deriveProfile(const ProbeAnswers &A) {
  SavedProfile P;
  P.Source = "probe";
  P.Release = A.Release;
  P.Profile.Version = A.Version;
  P.Profile.A = A.A;
  P.Profile.Callees = A.Fastcall;
  P.Profile.ProbedTypes = A.ProbedTypes;

  if (!A.ControlKept)
    return probeError("the control probe (one helper-8 bracket) did not load");
  if (*A.ControlKept) {
    // No fastcall in tracing programs: the rules cannot be measured and do
    // not matter for helper 8; keep the table's.
    P.Profile.RulesMeasured = false;
  } else {
    FastcallRules R = defaultFastcallRules();
    if (!A.TwoSizesDepth)
      return probeError("the two-sizes probe did not load");
    if (*A.TwoSizesDepth == TwoSizesLowestTopDepth)
      R.Top = RegionTop::LowestPatternTop;
    else if (*A.TwoSizesDepth == TwoSizesHighestTopDepth)
      R.Top = RegionTop::HighestPatternTop;
    else
      return probeError(formatv(
          "the two-sizes probe left stack depth {0}: no known rule gives "
          "that ({1}: region ends at the smallest bracket's top, {2}: at the "
          "largest, {3}: nothing removed)",
          *A.TwoSizesDepth, TwoSizesLowestTopDepth, TwoSizesHighestTopDepth,
          TwoSizesFrame));
    std::pair<const std::optional<bool> *, bool *> Kept[] = {
        {&A.HelperReadKept, &R.HelperReadsBreak},
        {&A.HelperWriteKept, &R.HelperWritesBreak},
        {&A.CalleeReadKept, &R.CalleeReadsBreak},
        {&A.CalleeWriteKept, &R.CalleeWritesBreak},
        {&A.JumpIntoKept, &R.JumpIntoPatternBreaks}};
    for (auto &[Answer, Rule] : Kept) {
      if (!*Answer)
        return probeError("a contract probe did not load");
      *Rule = **Answer;
    }
    if (const FastcallRules *K = knownBuildOf(R))
      R = *K;
    else
      R.Name = "unknown", R.Description = "a build not seen before";
    P.Profile.Rules = R;
    P.Profile.RulesMeasured = true;
  }

  // Callees the table would not call fastcall here.
  KernelProfile Table = KernelProfile::fromTable(A.Version, A.A);
  for (const ProbedFastcall &C : A.Fastcall) {
    ProgTypeSet New =
        C.Types & ~Table.fastcallTypes(C.Kind, C.HelperNumber, C.Name);
    if (New)
      P.NewFastcall.push_back(calleeKey(C) + " (" + progTypeList(New) + ")");
  }
  return P;
}

} // namespace nocsr
