//===- RangePatcher.cpp - Replace instruction ranges in one pass ----------===//

#include "RangePatcher.h"

#include "llvm/Support/FormatVariadic.h"

#include <limits>

using namespace llvm;

namespace nocsr {

bool branchTarget(const Insn &I, int64_t Idx, int64_t &Target) {
  if (I.isBranch()) {
    Target = Idx + 1 + I.branchDelta();
    return true;
  }
  if (I.isPseudoCall() || I.isPseudoFunc()) {
    Target = Idx + 1 + int64_t(I.Imm);
    return true;
  }
  return false;
}

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
  R.Insns.reserve(N + Growth);
  R.SideData.reserve(SideData.empty() ? 0 : N + Growth);
  R.OldToNew.assign(N + 1, 0);
  // NewToOld[j] = old slot whose branch fields must be re-targeted, or -1 for
  // replacement slots.
  std::vector<int64_t> NewToOld;
  NewToOld.reserve(N + Growth);

  auto EmitReplacement = [&](const PatchEdit &Ed) {
    uint64_t Side = 0;
    if (!SideData.empty())
      Side = Ed.Start < N ? SideData[Ed.Start] : SideData[N - 1];
    for (const Insn &I : Ed.Replacement) {
      R.Insns.push_back(I);
      NewToOld.push_back(-1);
      if (!SideData.empty())
        R.SideData.push_back(Side);
    }
  };

  size_t E = 0;
  for (size_t I = 0; I <= N; ++I) {
    bool StartSet = false;
    while (E < Edits.size() && Edits[E].Start == I) {
      if (!StartSet) {
        R.OldToNew[I] = uint32_t(R.Insns.size());
        StartSet = true;
      }
      const PatchEdit &Ed = Edits[E++];
      EmitReplacement(Ed);
      for (uint32_t J = Ed.Start; J < Ed.End; ++J)
        R.OldToNew[J] = R.OldToNew[I];
      if (Ed.End > Ed.Start) {
        I = Ed.End - 1; // Loop increment moves past the range.
        goto NextSlot;
      }
    }
    if (I == N)
      break;
    if (!StartSet)
      R.OldToNew[I] = uint32_t(R.Insns.size());
    R.Insns.push_back(Insns[I]);
    NewToOld.push_back(int64_t(I));
    if (!SideData.empty())
      R.SideData.push_back(SideData[I]);
  NextSlot:;
  }
  R.OldToNew[N] = uint32_t(R.Insns.size());

  // Re-target every surviving branch; its old target must be a kept slot or
  // the first slot of a replaced range.
  for (size_t J = 0; J < R.Insns.size(); ++J) {
    int64_t Old = NewToOld[J];
    if (Old < 0)
      continue;
    Insn &In = R.Insns[J];
    int64_t Target;
    if (!branchTarget(In, Old, Target))
      continue;
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
    int64_t NewTarget = R.OldToNew[Target];
    if (Error Err = setBranchDelta(In, NewTarget - int64_t(J) - 1, uint32_t(J)))
      return Err;
  }
  return R;
}

} // namespace nocsr
