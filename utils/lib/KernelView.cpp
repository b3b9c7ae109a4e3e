//===- KernelView.cpp - The program after the kernel's rewrite ------------===//
//
// remove_fastcall_spills_fills() turns removed pairs into NOPs (`goto +0`);
// opt_remove_nops() then drops every `goto +0` and `may_goto +0`, stepping
// back after a may_goto so that a `may_goto +1` that now jumps to the next
// insn goes too (a chain of may_gotos to one label vanishes whole). The walk
// finds them all first; one pass of the range patcher deletes them. The
// kernel-view program keeps each slot's origin.
//
//===----------------------------------------------------------------------===//

#include "KernelView.h"

#include "nocsr/RangePatcher.h"

#include "llvm/ADT/STLExtras.h"

#include <cstdint>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

/// `goto` or `may_goto` with nothing else in the instruction.
static bool isPlainJa(const Insn &I) {
  return I.Code == (op::JMP | op::JA) && I.Dst == 0 && I.Src == 0 && I.Imm == 0;
}

static bool isPlainMayGoto(const Insn &I) {
  return I.Code == (op::JMP | op::JCOND) && I.Dst == 0 && I.Src == 0 &&
         I.Imm == 0;
}

/// The slots opt_remove_nops() deletes, in ascending order. The kernel walks
/// the program deleting each `goto +0` and `may_goto +0` and looks next at
/// the slot that moved into its place, or, after a may_goto, at the one
/// before it. A forward jump is `+0` once every slot it jumps over is gone,
/// so the walk runs on the original slots, linked past the deleted ones.
static std::vector<uint32_t> findRemovedNops(ArrayRef<Insn> Insns,
                                             ArrayRef<uint8_t> IsLdHi) {
  const uint32_t N = uint32_t(Insns.size());
  // Next[I], Prev[I]: the nearest slots not deleted; N and UINT32_MAX end.
  std::vector<uint32_t> Next(N), Prev(N);
  for (uint32_t I = 0; I < N; ++I) {
    Next[I] = I + 1;
    Prev[I] = I ? I - 1 : UINT32_MAX;
  }
  std::vector<uint32_t> Removed;
  uint32_t I = 0;
  while (I < N) {
    const Insn &X = Insns[I];
    const bool MayGoto = isPlainMayGoto(X);
    if (IsLdHi[I] || (!MayGoto && !isPlainJa(X)) || X.Off < 0 ||
        Next[I] < I + 1 + uint32_t(X.Off)) {
      I = Next[I];
      continue;
    }
    Removed.push_back(I);
    const uint32_t P = Prev[I], Q = Next[I];
    if (P != UINT32_MAX)
      Next[P] = Q;
    if (Q < N)
      Prev[Q] = P;
    // As the kernel: back one more after a may_goto, to catch
    // `may_goto +1; may_goto +0`.
    I = (MayGoto && P != UINT32_MAX) ? P : Q;
  }
  llvm::sort(Removed);
  return Removed;
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
  // One patch deletes every no-op, each as a range of its own, which the
  // patcher re-targets like the kernel's one-at-a-time deletions; the side
  // data is each slot's original index.
  std::vector<PatchEdit> Drops;
  for (uint32_t I : findRemovedNops(Cur, L.IsLdHi)) {
    Drops.push_back({I, I + 1, {}});
    Out.NopsRemoved += !PairSlot[I];
  }
  std::vector<uint64_t> Origin(N);
  for (uint32_t I = 0; I < N; ++I)
    Origin[I] = I;
  Expected<PatchResult> R = patchInsns(Cur, Drops, Origin);
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
