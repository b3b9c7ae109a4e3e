//===- BracketSurvival.cpp - Which brackets did the kernel remove ---------===//

#include "BracketSurvival.h"

#include "bpf_nocsr/Contract.h"
#include "nocsr/FastcallModel.h"

#include "llvm/ADT/STLExtras.h"

#include <cstdio>
#include <cstdlib>

using namespace llvm;

namespace bpf_nocsr {
namespace harness {

static bool isCall(const bpf_insn &I) { return I.code == (BPF_JMP | BPF_CALL); }

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
  // The checker's notion of a bracket, on the program as libbpf loads it.
  std::vector<nocsr::Insn> Decoded(Insns.size());
  for (size_t I = 0; I < Insns.size(); ++I)
    Decoded[I] = {Insns[I].code, Insns[I].dst_reg, Insns[I].src_reg,
                  Insns[I].off, Insns[I].imm};
  std::vector<CallSite> Calls;
  for (unsigned C = 0; C < Insns.size(); ++C) {
    // The second slot of an ldimm64 is never an instruction of its own.
    if (Decoded[C].isLdImm64()) {
      ++C;
      continue;
    }
    if (!Decoded[C].isCall())
      continue;
    CallSite Site{C, callKind(Insns[C]), Insns[C].imm, {}, Survival::NoBracket};
    for (const nocsr::BracketPair &P :
         nocsr::findBracketPairs(Decoded, C, CallerSavedMask))
      Site.Pairs.push_back({P.Reg, P.Off, P.SpillIdx, P.FillIdx});
    Calls.push_back(std::move(Site));
  }
  return Calls;
}

/// What of an instruction the verifier leaves alone in a privileged load:
/// everything but call targets (helper addresses, relative subprogram and
/// kfunc targets), jump offsets (code moves) and ldimm64 values (map fds
/// become map pointers).
static std::uint64_t stableKey(const bpf_insn &I) {
  std::uint64_t Key = std::uint64_t(I.code) << 56 |
                      std::uint64_t(I.dst_reg) << 52 |
                      std::uint64_t(I.src_reg) << 48;
  unsigned Class = BPF_CLASS(I.code);
  if (Class == BPF_JMP || Class == BPF_JMP32) {
    unsigned Op = BPF_OP(I.code);
    if (Op == BPF_CALL || Op == BPF_EXIT || Op == BPF_JA)
      return Key;
    return Key | std::uint32_t(I.imm);
  }
  if (I.code == (BPF_LD | BPF_IMM | BPF_DW) || I.code == 0)
    return Key;
  return Key | std::uint64_t(std::uint16_t(I.off)) << 32 | std::uint32_t(I.imm);
}

/// Whether each instruction of \p Loaded is still in \p Xlated. A longest
/// common subsequence of the two streams compared by stableKey, weighted so
/// that among the longest it keeps the most instructions outside brackets: the
/// verifier deletes brackets (and dead code) and replaces some instructions
/// with sequences of its own, but never deletes anything else.
static std::vector<bool> alignPrograms(ArrayRef<std::uint64_t> Keys,
                                       const std::vector<bool> &InBracket,
                                       ArrayRef<std::uint64_t> XKeys) {
  size_t N = Keys.size(), M = XKeys.size();
  const std::int64_t Weight = std::int64_t(N) + 1;
  auto Gain = [&](size_t I) { return Weight + (InBracket[I] ? 0 : 1); };
  std::vector<std::int64_t> Score((N + 1) * (M + 1), 0);
  auto At = [&](size_t I, size_t J) -> std::int64_t & {
    return Score[I * (M + 1) + J];
  };
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;) {
      std::int64_t Best = std::max(At(I + 1, J), At(I, J + 1));
      if (Keys[I] == XKeys[J])
        Best = std::max(Best, At(I + 1, J + 1) + Gain(I));
      At(I, J) = Best;
    }
  std::vector<bool> Kept(N, false);
  size_t I = 0, J = 0;
  while (I < N && J < M) {
    if (Keys[I] == XKeys[J] && At(I, J) == At(I + 1, J + 1) + Gain(I)) {
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

/// Above this many cells the alignment is restricted to stack accesses, which
/// the verifier never rewrites (less context to tell identical brackets
/// apart, but linear in memory for large programs).
static constexpr size_t MaxAlignmentCells = size_t(1) << 24;

/// The verifier inlines helper 8 on x86-64 as `r0 = imm; r0 = percpu(r0);
/// r0 = *(u32 *)(r0 + 0)`: the three instructions stand for the call.
static bool isInlinedCpuId(ArrayRef<bpf_insn> X, size_t J) {
  return J + 2 < X.size() && X[J].code == (BPF_ALU64 | BPF_MOV | BPF_K) &&
         X[J].dst_reg == ReturnReg &&
         X[J + 1].code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
         X[J + 1].dst_reg == ReturnReg && X[J + 1].src_reg == ReturnReg &&
         X[J + 1].off == -1 /* BPF_ADDR_PERCPU */ &&
         X[J + 2].code == (BPF_LDX | BPF_MEM | BPF_W) &&
         X[J + 2].dst_reg == ReturnReg && X[J + 2].src_reg == ReturnReg &&
         X[J + 2].off == 0;
}

/// A key no instruction has: helper 8's call and its inlined form. Helper 8
/// is inlined in every program type on x86-64 (elsewhere its calls show as
/// dead).
static constexpr std::uint64_t CpuIdKey = ~std::uint64_t(0);

/// `r0 = r1`: what the verifier makes of a call to bpf_cast_to_kern_ctx or
/// bpf_rdonly_cast.
static std::uint64_t movR0R1Key() {
  bpf_insn Mov = {};
  Mov.code = BPF_ALU64 | BPF_MOV | BPF_X;
  Mov.dst_reg = ReturnReg;
  Mov.src_reg = FirstArgReg;
  return stableKey(Mov);
}

/// Instructions the verifier never rewrites in a privileged load: if one of
/// them is missing from the translated program, it was dead code.
static bool isNeverRewritten(const bpf_insn &I) {
  unsigned Class = BPF_CLASS(I.code);
  if (Class == BPF_ALU || Class == BPF_ALU64)
    return BPF_OP(I.code) != BPF_DIV && BPF_OP(I.code) != BPF_MOD;
  return isStackAccess(I);
}

DeadCode matchSurvival(ArrayRef<bpf_insn> Loaded, ArrayRef<bpf_insn> Xlated,
                       ArrayRef<std::int32_t> MovKfuncIds,
                       std::vector<CallSite> &Calls) {
  std::vector<bool> InBracket(Loaded.size(), false);
  for (const CallSite &Site : Calls)
    for (const BracketPair &P : Site.Pairs)
      InBracket[P.SpillIndex] = InBracket[P.FillIndex] = true;

  bool StackOnly =
      (Loaded.size() + 1) * (Xlated.size() + 1) > MaxAlignmentCells;
  // Indices into Loaded of the instructions taking part in the alignment.
  std::vector<unsigned> Index;
  std::vector<std::uint64_t> Keys, XKeys;
  std::vector<bool> IndexInBracket;
  for (unsigned I = 0; I < Loaded.size(); ++I) {
    if (StackOnly && !isStackAccess(Loaded[I]))
      continue;
    Index.push_back(I);
    const bpf_insn &In = Loaded[I];
    bool MovKfunc = isCall(In) && In.src_reg == BPF_PSEUDO_KFUNC_CALL &&
                    llvm::is_contained(MovKfuncIds, In.imm);
    bool CpuId = isCall(In) && In.src_reg == 0 &&
                 In.imm == BPF_FUNC_get_smp_processor_id;
    Keys.push_back(MovKfunc ? movR0R1Key() : CpuId ? CpuIdKey : stableKey(In));
    IndexInBracket.push_back(InBracket[I]);
  }
  for (size_t J = 0; J < Xlated.size(); ++J) {
    if (!StackOnly && isInlinedCpuId(Xlated, J)) {
      XKeys.push_back(CpuIdKey);
      J += 2;
      continue;
    }
    if (!StackOnly || isStackAccess(Xlated[J]))
      XKeys.push_back(stableKey(Xlated[J]));
  }

  std::vector<bool> Aligned = alignPrograms(Keys, IndexInBracket, XKeys);
  std::vector<bool> Kept(Loaded.size(), false);
  for (size_t K = 0; K < Index.size(); ++K)
    Kept[Index[K]] = Aligned[K];
  DeadCode Dead;
  for (size_t K = 0; K < Index.size(); ++K)
    if (!StackOnly && !Aligned[K] && !IndexInBracket[K] &&
        isNeverRewritten(Loaded[Index[K]])) {
      ++Dead.Insns;
      Dead.StackAccesses += isStackAccess(Loaded[Index[K]]);
      if (std::getenv("NOCSR_RUN_DEBUG"))
        std::fprintf(stderr, "dead: insn %u\n", Index[K]);
    }

  for (CallSite &Site : Calls) {
    if (Site.Pairs.empty()) {
      Site.State = Survival::NoBracket;
      continue;
    }
    unsigned NumKept = 0;
    for (const BracketPair &P : Site.Pairs)
      NumKept += Kept[P.SpillIndex] + Kept[P.FillIndex];
    unsigned Inner = 0;
    while (Inner < Site.Pairs.size() && !Kept[Site.Pairs[Inner].SpillIndex] &&
           !Kept[Site.Pairs[Inner].FillIndex])
      ++Inner;
    Site.RemovedPairs = Inner;
    // A call (or what the verifier makes of it) that is gone was in code
    // the verifier removed as unreachable. Without the whole-program
    // alignment there is no telling.
    if (!StackOnly && !Kept[Site.Index])
      Site.State = Survival::Dead;
    else if (NumKept == 0)
      Site.State = Survival::Removed;
    else if (NumKept == 2 * Site.Pairs.size())
      Site.State = Survival::Kept;
    else if (NumKept == 2 * (Site.Pairs.size() - Inner))
      Site.State = Survival::Partial;
    else
      Site.State = Survival::Broken;
    if (Site.State == Survival::Dead || Site.State == Survival::Broken)
      Site.RemovedPairs = 0;
  }
  return Dead;
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
  case Survival::Broken:
    return "broken";
  case Survival::Dead:
    return "dead";
  }
  return "?";
}

} // namespace harness
} // namespace bpf_nocsr
