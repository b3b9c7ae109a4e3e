//===- KernelView.cpp - The program after the kernel's rewrite ------------===//
//
// remove_fastcall_spills_fills() turns removed pairs into NOPs (`goto +0`);
// opt_remove_nops() then drops every `goto +0` and `may_goto +0`, one at a
// time with the range patcher, stepping back after a may_goto so that a
// `may_goto +1` that now jumps to the next insn goes too (a chain of
// may_gotos to one label vanishes whole). The kernel-view program keeps each
// slot's origin.
//
//===----------------------------------------------------------------------===//

#include "KernelView.h"

#include "nocsr/RangePatcher.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

static bool isNop(const Insn &I) {
  return I.Code == (op::JMP | op::JA) && I.Dst == 0 && I.Src == 0 &&
         I.Off == 0 && I.Imm == 0;
}

static bool isMayGotoZero(const Insn &I) {
  return I.Code == (op::JMP | op::JCOND) && I.Dst == 0 && I.Src == 0 &&
         I.Off == 0 && I.Imm == 0;
}

Error buildKernelView(const ProgramLayout &L, ProgramResult &Out) {
  const uint32_t N = L.N;
  std::vector<Insn> Cur(L.Insns.begin(), L.Insns.end());
  Insn Nop;
  Nop.Code = op::JMP | op::JA;
  // Slots of removed pairs: NopsRemoved counts only the other no-ops.
  std::vector<uint8_t> PairSlot(N, 0);
  for (uint32_t I = 0; I < N; ++I)
    if (!L.IsLdHi[I])
      for (unsigned J = 1; J <= Out.Aux[I].FastcallSpillsNum; ++J) {
        Cur[I - J] = Cur[I + J] = Nop;
        PairSlot[I - J] = PairSlot[I + J] = 1;
      }
  // The side data carried through the patches is each slot's original
  // index; OldToNew is composed over the single-slot deletions.
  std::vector<uint64_t> Origin(N);
  std::vector<uint32_t> OldToNew(N + 1);
  for (uint32_t I = 0; I <= N; ++I) {
    if (I < N)
      Origin[I] = I;
    OldToNew[I] = I;
  }
  std::vector<uint8_t> LdHi(L.IsLdHi.begin(), L.IsLdHi.end());
  for (int64_t I = 0; I < int64_t(Cur.size()); ++I) {
    if (LdHi[I])
      continue;
    bool MayGoto0 = isMayGotoZero(Cur[I]);
    if (!MayGoto0 && !isNop(Cur[I]))
      continue;
    if (!PairSlot[Origin[I]])
      ++Out.NopsRemoved;
    PatchEdit Drop{uint32_t(I), uint32_t(I + 1), {}};
    Expected<PatchResult> R = patchInsns(Cur, Drop, Origin);
    if (!R)
      return R.takeError();
    Cur = std::move(R->Insns);
    Origin = std::move(R->SideData);
    for (uint32_t &New : OldToNew)
      New = R->OldToNew[New];
    LdHi.erase(LdHi.begin() + I);
    // As the kernel: back one more after a may_goto, to catch
    // `may_goto +1; may_goto +0`.
    I -= (MayGoto0 && I > 0) ? 2 : 1;
  }
  Out.Xlated = std::move(Cur);
  Out.XlatedOrigin.assign(Origin.begin(), Origin.end());
  Out.OldToNew = std::move(OldToNew);
  Out.InsnsBefore = N;
  Out.InsnsAfter = uint32_t(Out.Xlated.size());
  return Error::success();
}

} // namespace model
} // namespace nocsr
