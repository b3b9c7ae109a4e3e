//===- BracketSurvival.cpp - Which brackets did the kernel remove ---------===//

#include "BracketSurvival.h"

#include "bpf_nocsr/Contract.h"

#include <cstring>

using namespace llvm;

namespace bpf_nocsr {
namespace harness {

static bool isCall(const bpf_insn &I) { return I.code == (BPF_JMP | BPF_CALL); }

static bool isSpill(const bpf_insn &I) {
  return I.code == (BPF_STX | BPF_MEM | BPF_DW) && I.dst_reg == FramePointerReg;
}

static bool isFill(const bpf_insn &I) {
  return I.code == (BPF_LDX | BPF_MEM | BPF_DW) && I.src_reg == FramePointerReg;
}

/// Any memory access relative to r10: the only instructions the alignment
/// looks at.
static bool isStackAccess(const bpf_insn &I) {
  unsigned Class = BPF_CLASS(I.code);
  if (BPF_MODE(I.code) != BPF_MEM)
    return false;
  if (Class == BPF_STX || Class == BPF_ST)
    return I.dst_reg == FramePointerReg;
  if (Class == BPF_LDX)
    return I.src_reg == FramePointerReg;
  return false;
}

static CallKind callKind(const bpf_insn &I) {
  if (I.src_reg == BPF_PSEUDO_CALL)
    return CallKind::Subprog;
  if (I.src_reg == BPF_PSEUDO_KFUNC_CALL)
    return CallKind::Kfunc;
  return CallKind::Helper;
}

std::vector<CallSite> findCallSites(ArrayRef<bpf_insn> Insns) {
  std::vector<CallSite> Calls;
  for (unsigned C = 0; C < Insns.size(); ++C) {
    // The second slot of an ldimm64 is never an instruction of its own.
    if (Insns[C].code == (BPF_LD | BPF_IMM | BPF_DW)) {
      ++C;
      continue;
    }
    if (!isCall(Insns[C]))
      continue;
    CallSite Site{C, callKind(Insns[C]), Insns[C].imm, {}, Survival::NoBracket};
    RegMask Used = 0;
    for (unsigned I = 1; I <= MaxBracketPairs && I <= C && C + I < Insns.size();
         ++I) {
      const bpf_insn &Spill = Insns[C - I];
      const bpf_insn &Fill = Insns[C + I];
      if (!isSpill(Spill) || !isFill(Fill) || Spill.src_reg != Fill.dst_reg ||
          Spill.off != Fill.off || !isCallerSaved(Spill.src_reg) ||
          (Used & regBit(Spill.src_reg)))
        break;
      Used |= regBit(Spill.src_reg);
      Site.Pairs.push_back({Spill.src_reg, Spill.off, C - I, C + I});
    }
    Calls.push_back(std::move(Site));
  }
  return Calls;
}

static bool sameInsn(const bpf_insn &A, const bpf_insn &B) {
  return std::memcmp(&A, &B, sizeof(bpf_insn)) == 0;
}

/// For each stack access of \p Loaded (by index into \p Ops), whether it is
/// still in \p Xlated. A longest common subsequence of the two access streams;
/// among the longest, the one that keeps the most accesses that are not part
/// of a bracket, since the kernel deletes nothing else.
static std::vector<bool> alignStackAccesses(ArrayRef<bpf_insn> Loaded,
                                            ArrayRef<unsigned> Ops,
                                            const std::vector<bool> &InBracket,
                                            ArrayRef<bpf_insn> XOps) {
  size_t N = Ops.size(), M = XOps.size();
  // Score = matches * (N + 1) + matches outside brackets.
  const std::int64_t Weight = std::int64_t(N) + 1;
  std::vector<std::int64_t> Score((N + 1) * (M + 1), 0);
  auto At = [&](size_t I, size_t J) -> std::int64_t & {
    return Score[I * (M + 1) + J];
  };
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;) {
      std::int64_t Best = std::max(At(I + 1, J), At(I, J + 1));
      if (sameInsn(Loaded[Ops[I]], XOps[J]))
        Best =
            std::max(Best, At(I + 1, J + 1) + Weight + (InBracket[I] ? 0 : 1));
      At(I, J) = Best;
    }
  std::vector<bool> Kept(N, false);
  size_t I = 0, J = 0;
  while (I < N && J < M) {
    if (sameInsn(Loaded[Ops[I]], XOps[J]) &&
        At(I, J) == At(I + 1, J + 1) + Weight + (InBracket[I] ? 0 : 1)) {
      Kept[I] = true;
      ++I;
      ++J;
    } else if (At(I, J) == At(I + 1, J)) {
      ++I;
    } else {
      ++J;
    }
  }
  return Kept;
}

void matchSurvival(ArrayRef<bpf_insn> Loaded, ArrayRef<bpf_insn> Xlated,
                   std::vector<CallSite> &Calls) {
  std::vector<int> BracketOf(Loaded.size(), -1);
  for (unsigned C = 0; C < Calls.size(); ++C)
    for (const BracketPair &P : Calls[C].Pairs)
      BracketOf[P.SpillIndex] = BracketOf[P.FillIndex] = int(C);

  std::vector<unsigned> Ops;
  std::vector<bool> InBracket;
  std::vector<int> OpOf(Loaded.size(), -1);
  for (unsigned I = 0; I < Loaded.size(); ++I) {
    if (Loaded[I].code == (BPF_LD | BPF_IMM | BPF_DW)) {
      ++I;
      continue;
    }
    if (!isStackAccess(Loaded[I]))
      continue;
    OpOf[I] = int(Ops.size());
    Ops.push_back(I);
    InBracket.push_back(BracketOf[I] >= 0);
  }
  std::vector<bpf_insn> XOps;
  for (unsigned I = 0; I < Xlated.size(); ++I) {
    if (Xlated[I].code == (BPF_LD | BPF_IMM | BPF_DW)) {
      ++I;
      continue;
    }
    if (isStackAccess(Xlated[I]))
      XOps.push_back(Xlated[I]);
  }

  std::vector<bool> Kept = alignStackAccesses(Loaded, Ops, InBracket, XOps);
  for (CallSite &Site : Calls) {
    if (Site.Pairs.empty()) {
      Site.State = Survival::NoBracket;
      continue;
    }
    unsigned NumKept = 0;
    for (const BracketPair &P : Site.Pairs)
      NumKept += Kept[OpOf[P.SpillIndex]] + Kept[OpOf[P.FillIndex]];
    if (NumKept == 0)
      Site.State = Survival::Removed;
    else if (NumKept == 2 * Site.Pairs.size())
      Site.State = Survival::Kept;
    else
      Site.State = Survival::Partial;
  }
}

const char *survivalName(Survival S) {
  switch (S) {
  case Survival::NoBracket:
    return "none";
  case Survival::Kept:
    return "kept";
  case Survival::Removed:
    return "removed";
  case Survival::Partial:
    return "partial";
  }
  return "?";
}

} // namespace harness
} // namespace bpf_nocsr
