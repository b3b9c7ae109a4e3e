//===- KernelBuildOutcomes.cpp - One program, every known build -----------===//

#include "nocsr/KernelBuildOutcomes.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static BuildOutcome outcomeOf(const FastcallRules &B, const ProgramResult &R) {
  BuildOutcome O{&B, {}, {}};
  for (const SubprogResult &SP : R.Subprogs) {
    O.StackDepthAfter.push_back(SP.StackDepthAfter);
    unsigned Removed = 0;
    for (const CallResult &C : SP.Calls)
      Removed += C.Removed;
    O.Removed.push_back(Removed);
  }
  return O;
}

std::vector<BuildOutcome> outcomesOfKnownBuilds(const ProgramInput &In,
                                                const ProgramResult &Main) {
  bool AnyPattern = false;
  for (const SubprogResult &SP : Main.Subprogs)
    AnyPattern |= SP.HasPattern;
  if (In.Profile.RulesMeasured || !AnyPattern)
    return {};
  const FastcallRules *MainBuild = knownBuildOf(In.Profile.Rules);
  if (!MainBuild)
    return {};
  std::vector<BuildOutcome> Outcomes{outcomeOf(*MainBuild, Main)};
  bool Differ = false;
  for (const FastcallRules &B : KnownKernelBuilds) {
    if (&B == MainBuild)
      continue;
    ProgramInput Other = In;
    Other.Profile.Rules = B;
    Expected<ProgramResult> R = analyzeProgram(Other);
    if (!R) {
      consumeError(R.takeError());
      continue;
    }
    Outcomes.push_back(outcomeOf(B, *R));
    Differ |= Outcomes.back().StackDepthAfter != Outcomes[0].StackDepthAfter ||
              Outcomes.back().Removed != Outcomes[0].Removed;
  }
  return Differ ? Outcomes : std::vector<BuildOutcome>();
}

} // namespace nocsr
