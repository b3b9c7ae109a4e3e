//===- ProgramAnalyzer.h - The verifier's fastcall passes -------*- C++ -*-===//
//
// What the verifier itself decides about the fastcall patterns of one
// program, in the order and under the names of the kernel's functions:
// mark_fastcall_patterns, check_fastcall_stack_contract (over the stack
// facts, StackDataflow.h), remove_fastcall_spills_fills and
// check_max_stack_depth. Where kernel builds differ, the profile's
// FastcallRules (bpf_nocsr/KernelBuilds.h) decide. Implemented in
// VerifierFastcallModel.cpp; FastcallModel.cpp runs it with the other
// parts.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_PROGRAMANALYZER_H
#define NOCSR_LIB_PROGRAMANALYZER_H

#include "ProgramLayout.h"
#include "StackDataflow.h"

#include <cstdint>
#include <vector>

namespace nocsr {
namespace model {

class ProgramAnalyzer {
public:
  ProgramAnalyzer(const ProgramInput &In, const ProgramLayout &L,
                  ProgramResult &Out)
      : In(In), Out(Out), L(L), Insns(L.Insns), N(L.N), IsLdHi(L.IsLdHi) {}

  /// Marks the patterns of \p SP's calls in Out.Aux and fills SP.Calls.
  void markFastcallPatterns(SubprogResult &SP);
  /// Unmarks \p SP's patterns where an access the facts \p F found for
  /// subprogram \p SPIndex breaks the contract.
  void checkFastcallStackContract(SubprogResult &SP, const StackFacts &F,
                                  unsigned SPIndex);
  void removeFastcallSpillsFills();
  void checkMaxStackDepth(const StackFacts &F);

private:
  const ProgramInput &In;
  ProgramResult &Out;
  const ProgramLayout &L;
  ArrayRef<Insn> Insns;
  uint32_t N;
  const std::vector<uint8_t> &IsLdHi;

  const FastcallRules &rules() const { return In.Profile.Rules; }

  void markFastcallPatternForCall(SubprogResult &SP, uint32_t Idx,
                                  int16_t LowestOff);
  unsigned countBracketPairs(uint32_t Idx, const CallSummary &CS) const;
  bool accessBreaksContract(const StackAccess &A, const StackFacts &F) const;
  void checkJumpsIntoPatterns(SubprogResult &SP);
  std::vector<uint8_t> asyncCallbacks(const StackFacts &F) const;
};

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_PROGRAMANALYZER_H
