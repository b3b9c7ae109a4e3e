//===- RangePatcher.cpp - Replace instruction ranges in one pass ----------===//

#include "nocsr/RangePatcher.h"

#include "llvm/Support/FormatVariadic.h"

#include <limits>

using namespace llvm;

namespace nocsr {

static Error patchError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// Store the new relative offset \p Delta into branch \p I.
static Error setBranchDelta(Insn &I, int64_t Delta, uint32_t NewIdx) {
  if (I.isBranch() && !I.isGotol()) {
    if (Delta < std::numeric_limits<int16_t>::min() ||
        Delta > std::numeric_limits<int16_t>::max())
      return patchError(formatv("insn {0}: jump offset {1} does not fit in 16 "
                                "bits after patching",
                                NewIdx, Delta));
    I.Off = int16_t(Delta);
    return Error::success();
  }
  if (Delta < std::numeric_limits<int32_t>::min() ||
      Delta > std::numeric_limits<int32_t>::max())
    return patchError(formatv("insn {0}: offset out of range", NewIdx));
  I.Imm = int32_t(Delta);
  return Error::success();
}

Expected<PatchResult> patchInsns(ArrayRef<Insn> Insns,
                                 ArrayRef<PatchEdit> Edits,
                                 ArrayRef<uint64_t> SideData) {
  const size_t N = Insns.size();
  if (!SideData.empty() && SideData.size() != N)
    return patchError("side data does not match the instruction count");

  // Which old slots start an ldimm64's second half; and validate edits.
  // 1 = second ldimm64 slot, 2 = inside a replaced range, 3 = its first slot.
  std::vector<uint8_t> Kind(N, 0);
  for (size_t I = 0; I < N; ++I)
    if (Insns[I].isLdImm64()) {
      if (I + 1 >= N)
        return patchError(formatv("insn {0}: ldimm64 cut in half", I));
      Kind[++I] = 1;
    }
  size_t Growth = 0;
  for (size_t E = 0; E < Edits.size(); ++E) {
    const PatchEdit &Ed = Edits[E];
    if (Ed.Start > Ed.End || Ed.End > N)
      return patchError(formatv("edit {0}: range [{1}, {2}) outside the "
                                "program of {3} insns",
                                E, Ed.Start, Ed.End, N));
    if (E && (Edits[E - 1].End > Ed.Start ||
              (Edits[E - 1].Start == Ed.Start && Edits[E - 1].End > Ed.Start)))
      return patchError(formatv("edit {0}: ranges unsorted or overlapping", E));
    if ((Ed.Start < N && Kind[Ed.Start] == 1) ||
        (Ed.End < N && Kind[Ed.End] == 1))
      return patchError(formatv("edit {0}: range splits an ldimm64", E));
    for (uint32_t I = Ed.Start; I < Ed.End; ++I)
      Kind[I] = I == Ed.Start ? 3 : 2;
    Growth += Ed.Replacement.size();
  }

  PatchResult R;
  // Pass 1: where every old slot lands (replaced slots: where their
  // replacement starts; insertion points: where the insertion starts).
  R.OldToNew.assign(N + 1, 0);
  {
    uint32_t Next = 0;
    size_t E = 0;
    for (uint32_t I = 0; I <= N;) {
      uint32_t Here = Next;
      bool Replaced = false;
      while (E < Edits.size() && Edits[E].Start == I) {
        const PatchEdit &Ed = Edits[E++];
        Next += uint32_t(Ed.Replacement.size());
        if (Ed.End > Ed.Start) {
          for (uint32_t J = Ed.Start; J < Ed.End; ++J)
            R.OldToNew[J] = Here;
          I = Ed.End;
          Replaced = true;
          break;
        }
      }
      if (Replaced)
        continue;
      R.OldToNew[I] = Here;
      if (I == N)
        break;
      ++Next;
      ++I;
    }
    R.OldToNew[N] = Next; // The new length, past any insertion at the end.
  }

  // Pass 2: emit, re-targeting each surviving branch on the way; its old
  // target must be a kept slot or the first slot of a replaced range.
  R.Insns.reserve(N + Growth);
  R.SideData.reserve(SideData.empty() ? 0 : N + Growth);
  auto Retarget = [&](Insn &In, uint32_t Old, uint32_t New) -> Error {
    int64_t Target;
    if (!branchTarget(In, Old, Target))
      return Error::success();
    if (Target < 0 || Target > int64_t(N))
      return patchError(
          formatv("insn {0}: jump target {1} out of range", Old, Target));
    if (Target < int64_t(N)) {
      if (Kind[Target] == 1)
        return patchError(formatv("insn {0}: jump into the middle of an "
                                  "ldimm64 at {1}",
                                  Old, Target - 1));
      if (Kind[Target] == 2)
        return patchError(formatv("insn {0}: jump into the middle of replaced "
                                  "range at {1}",
                                  Old, Target));
    }
    return setBranchDelta(In, int64_t(R.OldToNew[Target]) - int64_t(New) - 1,
                          New);
  };
  size_t E = 0;
  for (uint32_t I = 0; I <= N;) {
    bool Replaced = false;
    while (E < Edits.size() && Edits[E].Start == I) {
      const PatchEdit &Ed = Edits[E++];
      uint64_t Side = 0;
      if (!SideData.empty())
        Side = Ed.Start < N ? SideData[Ed.Start] : SideData[N - 1];
      R.Insns.insert(R.Insns.end(), Ed.Replacement.begin(),
                     Ed.Replacement.end());
      if (!SideData.empty())
        R.SideData.insert(R.SideData.end(), Ed.Replacement.size(), Side);
      if (Ed.End > Ed.Start) {
        I = Ed.End;
        Replaced = true;
        break;
      }
    }
    if (Replaced)
      continue;
    if (I == N)
      break;
    uint32_t New = uint32_t(R.Insns.size());
    R.Insns.push_back(Insns[I]);
    if (Error Err = Retarget(R.Insns.back(), I, New))
      return Err;
    if (!SideData.empty())
      R.SideData.push_back(SideData[I]);
    ++I;
  }
  return R;
}

} // namespace nocsr
