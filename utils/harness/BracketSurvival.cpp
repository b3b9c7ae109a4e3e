//===- BracketSurvival.cpp - Which brackets did the kernel remove ---------===//

#include "BracketSurvival.h"
#include "InlinedCalls.h"

#include "bpf_nocsr/Contract.h"
#include "nocsr/BracketPairs.h"

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
    Site.Pairs = nocsr::findBracketPairs(Decoded, C, CallerSavedMask);
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

/// Tokens of one alignment: the instructions (by index) that take part.
struct AlignmentInput {
  ArrayRef<bpf_insn> Loaded, Xlated;
  std::vector<unsigned> LIdx, XIdx;
  std::vector<std::uint64_t> Keys, XKeys;
  std::vector<bool> InBracket; // Parallel to LIdx.
  ArrayRef<std::int32_t> MovKfuncIds;
  bool Inline = false; // XIdx is every xlated insn: inlined forms can match.
};

/// A longest common subsequence of the two token streams, compared by
/// stableKey, where a loaded call may also match its inlined form; weighted
/// so that among the longest it keeps the most tokens outside brackets. Per
/// loaded token: first xlated token and how many stand for it.
static std::vector<AlignedInsn> alignTokens(const AlignmentInput &In) {
  size_t N = In.Keys.size(), M = In.XKeys.size();
  const std::int64_t Weight = std::int64_t(N) + 1;
  auto Gain = [&](size_t I) { return Weight + (In.InBracket[I] ? 0 : 1); };
  std::vector<bool> Inlinable(N, false);
  for (size_t I = 0; I < N; ++I)
    Inlinable[I] = In.Inline && isCall(In.Loaded[In.LIdx[I]]) &&
                   mayBeInlined(In.Loaded[In.LIdx[I]], In.MovKfuncIds);
  // The length of loaded token I's inlined form at xlated token J, or 0.
  auto FormAt = [&](size_t I, size_t J) -> unsigned {
    if (!Inlinable[I])
      return 0;
    return matchInlinedCall(In.Loaded[In.LIdx[I]], In.MovKfuncIds, In.Xlated,
                            J);
  };
  std::vector<std::int64_t> Score((N + 1) * (M + 1), 0);
  auto At = [&](size_t I, size_t J) -> std::int64_t & {
    return Score[I * (M + 1) + J];
  };
  for (size_t I = N; I-- > 0;)
    for (size_t J = M; J-- > 0;) {
      std::int64_t Best = std::max(At(I + 1, J), At(I, J + 1));
      if (In.Keys[I] == In.XKeys[J])
        Best = std::max(Best, At(I + 1, J + 1) + Gain(I));
      if (unsigned L = FormAt(I, J))
        Best = std::max(Best, At(I + 1, J + L) + Gain(I));
      At(I, J) = Best;
    }
  std::vector<AlignedInsn> Result(N);
  size_t I = 0, J = 0;
  while (I < N && J < M) {
    unsigned L = 0;
    if (In.Keys[I] == In.XKeys[J] && At(I, J) == At(I + 1, J + 1) + Gain(I))
      L = 1;
    else if (unsigned F = FormAt(I, J);
             F && At(I, J) == At(I + 1, J + F) + Gain(I))
      L = F;
    if (L) {
      Result[I] = {unsigned(J), L};
      ++I;
      J += L;
    } else if (At(I, J) == At(I + 1, J)) {
      ++I;
    } else {
      ++J;
    }
  }
  return Result;
}

/// Above this many cells the alignment is restricted to stack accesses, which
/// the verifier never rewrites (less context to tell identical brackets
/// apart, but linear in memory for large programs).
static constexpr size_t MaxAlignmentCells = size_t(1) << 24;

/// Instructions the verifier never rewrites in a privileged load: if one of
/// them is missing from the translated program, it was dead code.
static bool isNeverRewritten(const bpf_insn &I) {
  unsigned Class = BPF_CLASS(I.code);
  if (Class == BPF_ALU || Class == BPF_ALU64)
    return BPF_OP(I.code) != BPF_DIV && BPF_OP(I.code) != BPF_MOD;
  return isStackAccess(I);
}

static bool isJump(const bpf_insn &I) {
  unsigned Class = BPF_CLASS(I.code);
  return (Class == BPF_JMP || Class == BPF_JMP32) && BPF_OP(I.code) != BPF_CALL;
}

/// The verifier's scratch register (BPF_REG_AX), which a loaded program
/// cannot name: instructions that use it are the verifier's own.
constexpr unsigned VerifierScratchReg = 11;

static bool usesVerifierScratch(const bpf_insn &I) {
  return I.dst_reg == VerifierScratchReg || I.src_reg == VerifierScratchReg;
}

/// A call the verifier inserted: one set up by its scratch register, as in
/// the timed may_goto (`r11 = <counter offset>; call
/// arch_bpf_timed_may_goto; *(u64 *)(r10 + off) = r11`).
static bool isInsertedCall(ArrayRef<bpf_insn> Xlated, unsigned J) {
  return isCall(Xlated[J]) && J > 0 &&
         Xlated[J - 1].dst_reg == VerifierScratchReg;
}

/// A 64-bit store of an immediate to the stack that no loaded instruction
/// matches: the verifier's own, such as the may_goto counter and timestamp
/// it sets at a subprogram's entry. It stands for no call.
static bool isInsertedStackInit(const bpf_insn &I) {
  return I.code == (BPF_ST | BPF_MEM | BPF_DW) && I.dst_reg == FramePointerReg;
}

std::vector<AlignedInsn> alignPrograms(ArrayRef<bpf_insn> Loaded,
                                       ArrayRef<bpf_insn> Xlated,
                                       ArrayRef<std::int32_t> MovKfuncIds,
                                       const std::vector<bool> &InBracket) {
  AlignmentInput In;
  In.Loaded = Loaded;
  In.Xlated = Xlated;
  In.MovKfuncIds = MovKfuncIds;
  In.Inline = true;
  In.InBracket = InBracket;
  for (unsigned I = 0; I < Loaded.size(); ++I) {
    In.LIdx.push_back(I);
    In.Keys.push_back(stableKey(Loaded[I]));
  }
  for (unsigned J = 0; J < Xlated.size(); ++J) {
    In.XIdx.push_back(J);
    // An inserted call keyed as if it named the scratch register: no loaded
    // call matches it.
    In.XKeys.push_back(stableKey(Xlated[J]) |
                       (isInsertedCall(Xlated, J)
                            ? std::uint64_t(VerifierScratchReg) << 52
                            : 0));
  }
  return alignTokens(In);
}

/// The alignment restricted to stack accesses, for programs too large for
/// the whole one; indexed like \p Loaded.
static std::vector<AlignedInsn>
alignStackAccesses(ArrayRef<bpf_insn> Loaded, ArrayRef<bpf_insn> Xlated,
                   const std::vector<bool> &InBracket) {
  AlignmentInput In;
  In.Loaded = Loaded;
  In.Xlated = Xlated;
  for (unsigned I = 0; I < Loaded.size(); ++I)
    if (isStackAccess(Loaded[I])) {
      In.LIdx.push_back(I);
      In.Keys.push_back(stableKey(Loaded[I]));
      In.InBracket.push_back(InBracket[I]);
    }
  for (unsigned J = 0; J < Xlated.size(); ++J)
    if (isStackAccess(Xlated[J])) {
      In.XIdx.push_back(J);
      In.XKeys.push_back(stableKey(Xlated[J]));
    }
  std::vector<AlignedInsn> Tokens = alignTokens(In);
  std::vector<AlignedInsn> Result(Loaded.size());
  for (size_t K = 0; K < Tokens.size(); ++K)
    if (Tokens[K].Count)
      Result[In.LIdx[K]] = {In.XIdx[Tokens[K].First], 1};
  return Result;
}

/// The call at Site.Index is not in the translated program. The translated
/// instructions between its nearest aligned neighbours stand for it: if
/// there are none (jumps aside: the verifier rewrites those around code it
/// removes), the call went with unreachable code; otherwise the verifier
/// rewrote it into something not recognised. A dead call at the end of one
/// subprogram may have the next one's may_goto initialisation after it, a
/// dead call before a may_goto the verifier's expansion of it.
static void classifyMissingCall(ArrayRef<bpf_insn> Xlated,
                                ArrayRef<AlignedInsn> Where, CallSite &Site) {
  unsigned From = 0, To = Xlated.size();
  for (unsigned P = Site.Index; P-- > 0;)
    if (Where[P].Count) {
      From = Where[P].First + Where[P].Count;
      break;
    }
  for (unsigned Q = Site.Index + 1; Q < Where.size(); ++Q)
    if (Where[Q].Count) {
      To = Where[Q].First;
      break;
    }
  bool StandsForCall = false;
  for (unsigned J = From; J < To; ++J)
    StandsForCall |= !isJump(Xlated[J]) && !isInsertedStackInit(Xlated[J]) &&
                     !usesVerifierScratch(Xlated[J]) &&
                     !isInsertedCall(Xlated, J);
  if (!StandsForCall) {
    Site.State = Survival::Dead;
    return;
  }
  Site.State = Survival::Unknown;
  Site.UnknownFirst = From;
  Site.UnknownCount = To - From;
}

DeadCode matchSurvival(ArrayRef<bpf_insn> Loaded, ArrayRef<bpf_insn> Xlated,
                       ArrayRef<std::int32_t> MovKfuncIds,
                       std::vector<CallSite> &Calls) {
  std::vector<bool> InBracket(Loaded.size(), false);
  for (const CallSite &Site : Calls)
    for (const nocsr::BracketPair &P : Site.Pairs)
      InBracket[P.SpillIdx] = InBracket[P.FillIdx] = true;

  bool StackOnly =
      (Loaded.size() + 1) * (Xlated.size() + 1) > MaxAlignmentCells;
  std::vector<AlignedInsn> Where =
      StackOnly ? alignStackAccesses(Loaded, Xlated, InBracket)
                : alignPrograms(Loaded, Xlated, MovKfuncIds, InBracket);
  auto Kept = [&](unsigned I) { return Where[I].Count != 0; };

  DeadCode Dead;
  for (unsigned I = 0; I < Loaded.size() && !StackOnly; ++I)
    if (!Kept(I) && !InBracket[I] && isNeverRewritten(Loaded[I])) {
      ++Dead.Insns;
      Dead.StackAccesses += isStackAccess(Loaded[I]);
      if (std::getenv("NOCSR_RUN_DEBUG"))
        std::fprintf(stderr, "dead: insn %u\n", I);
    }

  for (CallSite &Site : Calls) {
    Site.RemovedPairs = 0;
    Site.UnknownFirst = Site.UnknownCount = 0;
    if (Site.Pairs.empty()) {
      Site.State = Survival::NoBracket;
      continue;
    }
    // Only the whole-program alignment places calls; without it there is no
    // telling dead code.
    if (!StackOnly && !Kept(Site.Index)) {
      classifyMissingCall(Xlated, Where, Site);
      continue;
    }
    unsigned NumKept = 0;
    for (const nocsr::BracketPair &P : Site.Pairs)
      NumKept += Kept(P.SpillIdx) + Kept(P.FillIdx);
    unsigned Inner = 0;
    while (Inner < Site.Pairs.size() && !Kept(Site.Pairs[Inner].SpillIdx) &&
           !Kept(Site.Pairs[Inner].FillIdx))
      ++Inner;
    if (NumKept == 0)
      Site.State = Survival::Removed;
    else if (NumKept == 2 * Site.Pairs.size())
      Site.State = Survival::Kept;
    else if (NumKept == 2 * (Site.Pairs.size() - Inner))
      Site.State = Survival::Partial;
    else
      Site.State = Survival::Broken;
    if (Site.State != Survival::Broken)
      Site.RemovedPairs = Inner;
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
  case Survival::Unknown:
    return "unknown";
  }
  return "?";
}

} // namespace harness
} // namespace bpf_nocsr
