//===- Lints.cpp - Findings the kernel does not make ----------------------===//
//
// Jumps out of a subprogram, old-kernel safety (a clobbered register read),
// pointers into the region the kernel does not check, accesses it rejects,
// brackets at the wrong offsets, and calls that look built without the
// plugin (values spilled across an eligible call that has no bracket).
//
//===----------------------------------------------------------------------===//

#include "Lints.h"

#include "bpf_nocsr/FrameOffset.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

/// Branches whose target lies outside their subprogram.
static void lintJumpsOut(const ProgramLayout &L, size_t S,
                         std::vector<Finding> &Findings) {
  const uint32_t Start = L.subprogStart(S), End = L.subprogEnd(S);
  for (uint32_t I = Start; I < End; ++I) {
    int64_t T;
    if (L.IsLdHi[I] || !L.Insns[I].isBranch() ||
        !branchTarget(L.Insns[I], I, T))
      continue;
    if (T < Start || T >= End)
      addFinding(Findings, I, Severity::Error, "jump to insn ", T,
                 " leaves the subprogram; the kernel rejects this");
  }
}

static void lintClobberedReads(ArrayRef<ClobberedRead> Reads,
                               std::vector<Finding> &Findings) {
  for (const ClobberedRead &C : Reads)
    addFinding(Findings, C.Idx, Severity::Error,
               formatv("r{0} is read after a call clobbered it and no fill "
                       "restored it: the verifier rejects this, and kernels "
                       "that do not inline the call would read garbage",
                       C.Reg));
}

/// Pointers into the fastcall region passed where the kernel build does not
/// check what the callee does with them.
static void lintCallArguments(const ProgramInput &In, const CallArgs &Args,
                              const SubprogResult &SP,
                              std::vector<Finding> &Findings) {
  const uint32_t Idx = Args.Idx;
  const Insn &I = In.Insns[Idx];
  const FastcallRules &Rules = In.Profile.Rules;
  CallSummary Summary;
  const CallSummary *CS = getCallSummary(In, Idx, Summary) ? &Summary : nullptr;
  // The kernel checks a subprogram's accesses through such a pointer
  // against the callee's own frame: nothing protects this region.
  if (I.isPseudoCall() && !Rules.CalleeReadsBreak) {
    for (unsigned R = 1; R <= MaxArgRegs; ++R) {
      const Val &A = Args.R[R];
      if (A.K == Val::Stack && A.Lo < SP.FastcallStackOff)
        addFinding(Findings, Idx, Severity::Warning,
                   formatv("r{0} may point into the fastcall region [{1}, "
                           "{2}) ({3}) when the subprogram is called; the "
                           "kernel checks the callee's accesses against "
                           "the callee's frame only",
                           R, SP.LowestOff, SP.FastcallStackOff,
                           formatFrameOffset(A.Lo)));
    }
  }
  if (CS && !Rules.HelperReadsBreak) {
    for (unsigned R = 1; R <= CS->NumParams && R <= MaxArgRegs; ++R) {
      const Val &A = Args.R[R];
      if (R == CS->UninitMemArg)
        continue;
      if (A.K == Val::Stack && A.Lo < SP.FastcallStackOff)
        addFinding(Findings, Idx, Severity::Warning,
                   formatv("argument r{0} may point into the fastcall "
                           "region [{1}, {2}) ({3}); the kernel "
                           "does not check this",
                           R, SP.LowestOff, SP.FastcallStackOff,
                           formatFrameOffset(A.Lo)));
    }
  }
}

/// Accesses the kernel rejects: unbounded, or beyond the stack.
static void lintStackAccesses(ArrayRef<StackAccess> Found,
                              std::vector<Finding> &Findings) {
  for (const StackAccess &A : Found) {
    if (!A.countsTowardsDepth())
      continue;
    if (A.MinOff == Min64)
      addFinding(Findings, A.Idx, Severity::Warning,
                 "stack access with an unbounded variable offset; the kernel "
                 "rejects it unless it can bound the offset");
    else if (A.MinOff < -MaxStackDepth)
      addFinding(Findings, A.Idx, Severity::Error,
                 formatv("stack access at {0}: beyond the {1}-byte stack; "
                         "the kernel rejects the program",
                         formatFrameOffset(A.MinOff), MaxStackDepth));
  }
}

/// Values spilled across the call at \p Idx: 64-bit r10 slots stored since
/// the previous call and loaded after it, before the next call or a new
/// store. Without the plugin that is where a value outlives an eligible call
/// once r6-r9 are taken; with it the value could stay in r1-r5 inside a
/// bracket the kernel removes. Straight-line code only: a hint, not a proof.
static unsigned countSpilledAcross(const ProgramLayout &L,
                                   const SubprogResult &SP, uint32_t Idx) {
  const ArrayRef<Insn> Insns = L.Insns;
  SmallVector<int16_t, 8> Stored;
  for (uint32_t I = Idx; I-- > SP.Start;) {
    if (L.IsLdHi[I])
      continue;
    if (Insns[I].isCall())
      break;
    if (Insns[I].isSpillToFP() && !is_contained(Stored, Insns[I].Off))
      Stored.push_back(Insns[I].Off);
  }
  unsigned N = 0;
  for (uint32_t I = Idx + 1; I < SP.End && !Stored.empty(); ++I) {
    if (L.IsLdHi[I])
      continue;
    const Insn &Cur = Insns[I];
    if (Cur.isCall())
      break;
    if (!Cur.isSpillToFP() && !Cur.isFillFromFP())
      continue;
    auto It = find(Stored, Cur.Off);
    if (It == Stored.end())
      continue;
    N += Cur.isFillFromFP();
    Stored.erase(It);
  }
  return N;
}

void lintStackFacts(const ProgramInput &In, const ProgramLayout &L,
                    const StackFacts &F, ArrayRef<SubprogResult> SPs,
                    std::vector<Finding> &Findings) {
  // Findings are ordered by insn later, keeping this order at one insn.
  for (size_t S = 0; S < L.numSubprogs(); ++S) {
    const SubprogStackFacts &Facts = F.Subprogs[S];
    lintJumpsOut(L, S, Findings);
    lintClobberedReads(Facts.ClobberedReads, Findings);
    if (SPs[S].HasPattern)
      for (const CallArgs &Args : Facts.Calls)
        lintCallArguments(In, Args, SPs[S], Findings);
    lintStackAccesses(Facts.Accesses, Findings);
  }
}

void lintCalls(const ProgramLayout &L, const SubprogResult &SP,
               std::vector<Finding> &Findings) {
  for (const CallResult &C : SP.Calls) {
    if (C.Eligible && C.BracketPairs == 0)
      if (unsigned Spilled = countSpilledAcross(L, SP, C.Idx))
        addFinding(Findings, C.Idx, Severity::Note,
                   formatv("call to {0} has no bracket while {1} value(s) are "
                           "spilled to the stack across it: built without the "
                           "plugin?",
                           C.Callee, Spilled));
    if (C.BracketPairs > C.MatchedPairs)
      addFinding(Findings, C.Idx, Severity::Warning,
                 formatv("bracket of {0} pair(s) around {1}, but only {2} sit "
                         "at the kernel's offsets (pair i at lowest_off{3} + "
                         "8*(i-1)); the rest are kept",
                         C.BracketPairs, C.Callee, C.MatchedPairs,
                         SP.LowestOff));
    if (C.MatchedPairs && !SP.ContractOk)
      addFinding(Findings, C.Idx, Severity::Warning,
                 formatv("bracket around {0} kept: the subprogram breaks the "
                         "fastcall stack contract at insn ",
                         C.Callee),
                 SP.Violations.front().Idx);
    else if (C.MatchedPairs && !C.KernelFastcall)
      addFinding(Findings, C.Idx, Severity::Note,
                 formatv("{0} is not fastcall on this kernel/program type: its "
                         "{1} pair(s) stay and the subprogram keeps its stack",
                         C.Callee, C.MatchedPairs));
  }
  // A branch landing inside a recognised pattern skips part of it; the kernel
  // (until a pending fix) removes the pattern anyway. Inside[i] = 1 + index
  // of the call whose pattern covers slot i past its first spill.
  std::vector<uint32_t> Inside(SP.End - SP.Start, 0);
  for (size_t K = 0; K < SP.Calls.size(); ++K) {
    const CallResult &C = SP.Calls[K];
    for (int64_t T = int64_t(C.Idx) - C.AcceptedPairs + 1;
         T <= int64_t(C.Idx) + C.AcceptedPairs; ++T)
      if (T >= SP.Start && T < SP.End)
        Inside[T - SP.Start] = uint32_t(K + 1);
  }
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    int64_t T;
    if (L.IsLdHi[I] || !L.Insns[I].isBranch() ||
        !branchTarget(L.Insns[I], I, T))
      continue;
    if (T < SP.Start || T >= SP.End || !Inside[T - SP.Start])
      continue;
    addFinding(Findings, I, Severity::Warning,
               "jump into the bracket of the call at insn ",
               SP.Calls[Inside[T - SP.Start] - 1].Idx,
               "; the kernel rewrites the pattern anyway");
  }
}

} // namespace model
} // namespace nocsr
