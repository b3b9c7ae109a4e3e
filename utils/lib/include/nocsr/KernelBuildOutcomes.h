//===- nocsr/KernelBuildOutcomes.h - One program, every build ---*- C++ -*-===//
//
// Kernels of one version differ in their fastcall rules (bpf_nocsr/
// KernelBuilds.h). Where the rules of the kernel to predict were not
// measured, the model runs the program again under every known build and
// reports the outcomes when they disagree.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_KERNELBUILDOUTCOMES_H
#define NOCSR_KERNELBUILDOUTCOMES_H

#include "nocsr/FastcallModel.h"

#include "bpf_nocsr/KernelBuilds.h"

#include <vector>

namespace nocsr {

/// The prediction under one known kernel build: per subprogram, the stack
/// depth after removal and the number of brackets removed.
struct BuildOutcome {
  const bpf_nocsr::FastcallRules *Build;
  std::vector<int> StackDepthAfter;
  std::vector<unsigned> Removed;
};

/// The outcome under every known build, \p Main's (the result of
/// analyzeProgram(\p In)) first, when \p In's rules were not measured, are a
/// known build's, and the builds disagree on a stack depth or a removal;
/// otherwise none.
std::vector<BuildOutcome> outcomesOfKnownBuilds(const ProgramInput &In,
                                                const ProgramResult &Main);

} // namespace nocsr

#endif // NOCSR_KERNELBUILDOUTCOMES_H
