//===- KernelView.cpp - The program after the kernel's rewrite ------------===//
//
// Removed pairs and the no-ops the verifier drops, applied with the range
// patcher; the kernel-view program keeps each slot's origin.
//
//===----------------------------------------------------------------------===//

#include "ProgramAnalyzer.h"

#include "nocsr/RangePatcher.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

Error ProgramAnalyzer::buildXlated() {
  // Removed pairs become NOPs and opt_remove_nops() drops every `goto +0`
  // (and `may_goto +0`) of the program.
  std::vector<uint8_t> Drop(N, 0);
  for (uint32_t I = 0; I < N; ++I) {
    if (IsLdHi[I])
      continue;
    if (unsigned Spills = Out.Aux[I].FastcallSpillsNum)
      for (unsigned J = 1; J <= Spills; ++J)
        Drop[I - J] = Drop[I + J] = 1;
    const Insn &In = Insns[I];
    if ((In.Code == (op::JMP | op::JA) || In.Code == (op::JMP | op::JCOND)) &&
        In.Off == 0 && In.Imm == 0 && In.Dst == 0 && In.Src == 0)
      Drop[I] = 1;
  }
  std::vector<PatchEdit> Edits;
  for (uint32_t I = 0; I < N; ++I)
    if (Drop[I])
      Edits.push_back({I, I + 1, {}});
  // The side data carried through the patch is each slot's original index.
  std::vector<uint64_t> Origin(N);
  for (uint32_t I = 0; I < N; ++I)
    Origin[I] = I;
  Expected<PatchResult> R = patchInsns(Insns, Edits, Origin);
  if (!R)
    return R.takeError();
  Out.Xlated = std::move(R->Insns);
  Out.XlatedOrigin.assign(R->SideData.begin(), R->SideData.end());
  Out.OldToNew = std::move(R->OldToNew);
  Out.InsnsBefore = N;
  Out.InsnsAfter = uint32_t(Out.Xlated.size());
  return Error::success();
}

} // namespace model
} // namespace nocsr
