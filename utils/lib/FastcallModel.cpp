//===- FastcallModel.cpp - The verifier's fastcall logic, offline ---------===//
//
// The model's entry point: lay out and validate a program (ProgramLayout.h),
// then run its parts in the verifier's order: mark patterns
// (ProgramAnalyzer.h), follow the stack (StackDataflow.h), check the
// contract, remove, check the stack limits, inline bpf_loop
// (StackRewrites.h), drop the no-ops (the kernel view, KernelView.h), the
// other fixups; the lints (Lints.h) read what the parts found.
//
//===----------------------------------------------------------------------===//

#include "KernelView.h"
#include "Lints.h"
#include "ProgramAnalyzer.h"
#include "ProgramLayout.h"
#include "StackDataflow.h"
#include "StackRewrites.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static Error inputError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "?";
}

Expected<ProgramInput> makeProgramInput(ArrayRef<uint8_t> Raw,
                                        bool LittleEndian,
                                        std::vector<uint32_t> SubprogStarts) {
  if (Raw.size() % InsnSize)
    return inputError(formatv("{0} bytes is not a whole number of 8-byte "
                              "instructions",
                              Raw.size()));
  ProgramInput In;
  In.Insns.resize(Raw.size() / InsnSize);
  for (size_t I = 0; I < In.Insns.size(); ++I)
    In.Insns[I] = decodeInsn(Raw.data() + I * InsnSize, LittleEndian);
  In.SubprogStarts = std::move(SubprogStarts);
  return In;
}

Expected<ProgramResult> analyzeProgram(const ProgramInput &In) {
  using namespace model;
  Expected<ProgramLayout> Layout = layoutProgram(In);
  if (!Layout)
    return Layout.takeError();
  const ProgramLayout &L = *Layout;
  ProgramResult Out;
  Out.Aux.assign(L.N, InsnAux());
  for (size_t S = 0; S < L.numSubprogs(); ++S) {
    SubprogResult SP;
    SP.Start = L.subprogStart(S);
    SP.End = L.subprogEnd(S);
    Out.Subprogs.push_back(SP);
  }
  ProgramAnalyzer Verifier(In, L, Out);
  for (SubprogResult &SP : Out.Subprogs)
    Verifier.markFastcallPatterns(SP);
  const StackFacts Facts = computeStackFacts(In, L);
  for (size_t S = 0; S < Out.Subprogs.size(); ++S)
    Out.Subprogs[S].StackDepthBefore = Facts.Subprogs[S].StackDepth;
  lintStackFacts(In, L, Facts, Out.Subprogs, Out.Findings);
  for (size_t S = 0; S < Out.Subprogs.size(); ++S)
    Verifier.checkFastcallStackContract(Out.Subprogs[S], Facts, unsigned(S));
  Verifier.removeFastcallSpillsFills();
  Verifier.checkMaxStackDepth(Facts);
  optimizeBpfLoop(L, Facts, Out);
  if (Error E = buildKernelView(L, Out)) // opt_remove_nops()
    return E;
  doMiscFixups(In, L, Out);
  for (const SubprogResult &SP : Out.Subprogs)
    lintCalls(L, SP, Out.Findings);
  std::stable_sort(
      Out.Findings.begin(), Out.Findings.end(),
      [](const Finding &A, const Finding &B) { return A.Idx < B.Idx; });
  return Out;
}

} // namespace nocsr
