//===- ModelRun.h - Run the fastcall model in a unit test -------*- C++ -*-===//

#ifndef NOCSR_TEST_MODELRUN_H
#define NOCSR_TEST_MODELRUN_H

#include "nocsr/FastcallModel.h"

#include "gtest/gtest.h"

namespace nocsr::test {

/// The model's result for \p In; a model error fails the test.
inline ProgramResult run(const ProgramInput &In) {
  llvm::Expected<ProgramResult> R = analyzeProgram(In);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return ProgramResult();
  }
  return std::move(*R);
}

} // namespace nocsr::test

#endif // NOCSR_TEST_MODELRUN_H
