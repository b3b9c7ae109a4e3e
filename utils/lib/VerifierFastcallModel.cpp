//===- VerifierFastcallModel.cpp - The verifier's fastcall passes ---------===//
//
// mark_fastcall_patterns, check_fastcall_stack_contract,
// remove_fastcall_spills_fills and check_max_stack_depth, with the names of
// the kernel functions they model. Where kernel builds differ, the
// profile's FastcallRules (bpf_nocsr/KernelBuilds.h) decide.
//
//===----------------------------------------------------------------------===//

#include "ProgramAnalyzer.h"

#include "CallSummary.h"

#include "bpf_nocsr/CallChain.h"
#include "bpf_nocsr/FrameOffset.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

/// Symmetric spill/fill pairs of allowed registers around the call, whatever
/// their offsets: what the compiler meant as a bracket.
unsigned ProgramAnalyzer::countBracketPairs(uint32_t Idx,
                                            const CallSummary &CS) const {
  return matchBracket(InsnsAroundCall(Insns, Idx),
                      bracketableMask(CS.NumParams, CS.ReturnsVoid));
}

void ProgramAnalyzer::markFastcallPatternForCall(SubprogResult &SP,
                                                 uint32_t Idx,
                                                 int16_t LowestOff) {
  CallSummary CS;
  const Insn &Call = Insns[Idx];
  if (!Call.isHelperCall() && !Call.isKfuncCall())
    return;
  CallResult CR;
  CR.Idx = Idx;
  CR.Callee = calleeName(In, Idx);
  if (!getCallSummary(In, Idx, CS)) {
    SP.Calls.push_back(CR);
    return;
  }
  CR.Eligible = CS.Eligible;
  CR.KernelFastcall = CS.Fastcall;
  CR.BracketPairs = countBracketPairs(Idx, CS);

  const unsigned Matched =
      matchBracket(InsnsAroundCall(Insns, Idx),
                   bracketableMask(CS.NumParams, CS.ReturnsVoid), LowestOff);
  for (unsigned I = 1; I <= Matched; ++I) {
    Out.Aux[Idx - I].FastcallPattern = true;
    Out.Aux[Idx + I].FastcallPattern = true;
  }
  const int Off = pairSlotOffset(LowestOff, Matched);
  CR.MatchedPairs = Matched;
  SP.Calls.push_back(CR);
  if (!Matched)
    return;
  if (CS.Fastcall)
    Out.Aux[Idx].FastcallSpillsNum = uint8_t(Matched);
  else
    SP.KeepFastcallStack = true;
  if (rules().Top == RegionTop::LowestPatternTop)
    SP.FastcallStackOff = std::min(SP.FastcallStackOff, Off);
  else
    SP.FastcallStackOff =
        SP.HasPattern ? std::max(SP.FastcallStackOff, Off) : Off;
  SP.HasPattern = true;
}

void ProgramAnalyzer::markFastcallPatterns(SubprogResult &SP) {
  int16_t LowestOff = 0;
  for (uint32_t I = SP.Start; I < SP.End; ++I)
    if (Insns[I].isSpillToFP())
      LowestOff = std::min(LowestOff, Insns[I].Off);
  SP.LowestOff = LowestOff;
  for (uint32_t I = SP.Start; I < SP.End; ++I)
    if (Insns[I].isCall() && !IsLdHi[I])
      markFastcallPatternForCall(SP, I, LowestOff);
}

bool ProgramAnalyzer::accessBreaksContract(const StackAccess &A,
                                           const StackFacts &F) const {
  switch (A.Kind) {
  case StackAccess::Direct:
  case StackAccess::Derived:
    return true;
  case StackAccess::HelperWrite:
    return rules().HelperWritesBreak;
  case StackAccess::HelperRead:
    return rules().HelperReadsBreak;
  case StackAccess::CalleeRead:
  case StackAccess::CalleeWrite: {
    const Insn &I = Insns[A.Idx];
    const ArgPointerUse &Use =
        F.Subprogs[L.subprogAt(uint32_t(A.Idx + 1 + I.Imm))].ArgUse;
    if (A.Kind == StackAccess::CalleeRead)
      return rules().CalleeReadsBreak && (Use.Reads & regBit(A.Reg));
    return rules().CalleeWritesBreak && (Use.Writes & regBit(A.Reg));
  }
  }
  return true;
}

void ProgramAnalyzer::checkFastcallStackContract(SubprogResult &SP,
                                                 const StackFacts &F,
                                                 unsigned SPIndex) {
  if (!SP.HasPattern)
    return;
  std::string Region = formatv("the fastcall region [{0}, {1})", SP.LowestOff,
                               SP.FastcallStackOff)
                           .str();
  for (const StackAccess &A : F.Subprogs[SPIndex].Accesses) {
    if (SP.FastcallStackOff <= A.MinOff || Out.Aux[A.Idx].FastcallPattern ||
        !accessBreaksContract(A, F))
      continue;
    std::string Why;
    switch (A.Kind) {
    case StackAccess::HelperWrite:
      Why = formatv("the call writes its uninitialised-memory argument at "
                    "{0}, inside {1}",
                    formatFrameOffset(A.MinOff), Region);
      break;
    case StackAccess::HelperRead:
      Why = formatv("the call reads memory at {0} through argument r{1}, "
                    "inside {2}",
                    formatFrameOffset(A.MinOff), A.Reg, Region);
      break;
    case StackAccess::CalleeRead:
    case StackAccess::CalleeWrite:
      Why = formatv("the subprogram called here {0} the memory r{1} points "
                    "to ({2}), inside {3}",
                    A.Kind == StackAccess::CalleeRead ? "reads" : "writes",
                    A.Reg, formatFrameOffset(A.MinOff), Region);
      break;
    default:
      if (A.MinOff == Min64)
        Why = "variable-offset stack access of unknown range may reach the "
              "fastcall region";
      else if (A.VarOff)
        Why = formatv("variable-offset stack access may start at {0}, inside "
                      "{1}",
                      formatFrameOffset(A.MinOff), Region);
      else
        Why = formatv("{0} stack access at {1} inside {2} is not a bracket "
                      "spill/fill",
                      A.Kind == StackAccess::Direct ? "direct"
                                                    : "derived-pointer",
                      formatFrameOffset(A.MinOff), Region);
      break;
    }
    SP.Violations.push_back({A.Idx, Why, A.VarOff || A.MinOff == Min64});
  }
  if (rules().JumpIntoPatternBreaks)
    checkJumpsIntoPatterns(SP);
  if (SP.Violations.empty())
    return;
  SP.ContractOk = false;
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    Out.Aux[I].FastcallPattern = false;
    Out.Aux[I].FastcallSpillsNum = 0;
  }
}

/// Some builds leave a pattern alone when a branch lands past its first
/// spill; its slots then count as ordinary accesses to the region.
void ProgramAnalyzer::checkJumpsIntoPatterns(SubprogResult &SP) {
  // Per slot of the subprogram: the first call (in SP.Calls order) whose
  // pattern a branch landing there would enter, past its first spill.
  constexpr uint32_t NoCall = UINT32_MAX;
  std::vector<uint32_t> Entered(SP.End - SP.Start, NoCall);
  for (uint32_t K = 0; K < SP.Calls.size(); ++K) {
    const CallResult &C = SP.Calls[K];
    if (!C.MatchedPairs)
      continue;
    const int64_t From =
        std::max<int64_t>(int64_t(C.Idx) - C.MatchedPairs + 1, SP.Start);
    const int64_t To =
        std::min<int64_t>(int64_t(C.Idx) + C.MatchedPairs, int64_t(SP.End) - 1);
    for (int64_t T = From; T <= To; ++T)
      if (Entered[T - SP.Start] == NoCall)
        Entered[T - SP.Start] = K;
  }
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    int64_t T;
    if (IsLdHi[I] || !Insns[I].isBranch() || !branchTarget(Insns[I], I, T))
      continue;
    if (T < SP.Start || T >= SP.End || Entered[T - SP.Start] == NoCall)
      continue;
    SP.Violations.push_back(
        {I, formatv("jump into the pattern of the call at insn {0}",
                    SP.Calls[Entered[T - SP.Start]].Idx)
                .str()});
  }
}

void ProgramAnalyzer::removeFastcallSpillsFills() {
  for (SubprogResult &SP : Out.Subprogs) {
    bool Modified = false;
    for (CallResult &C : SP.Calls) {
      if (SP.ContractOk && C.MatchedPairs)
        C.AcceptedPairs = C.MatchedPairs;
      if (Out.Aux[C.Idx].FastcallSpillsNum > 0) {
        C.Removed = true;
        Modified = true;
      }
    }
    SP.StackDepthAfter = SP.StackDepthBefore;
    if (Modified && !SP.KeepFastcallStack)
      SP.StackDepthAfter = -SP.FastcallStackOff;
  }
}

/// Per subprogram: the verifier marks it is_async_cb when its address
/// reaches a helper or kfunc that registers an asynchronous callback.
std::vector<uint8_t>
ProgramAnalyzer::asyncCallbacks(const StackFacts &F) const {
  std::vector<uint8_t> AsyncCallback(Out.Subprogs.size(), 0);
  for (const SubprogStackFacts &SF : F.Subprogs)
    for (const CallArgs &Args : SF.Calls) {
      const Insn &I = Insns[Args.Idx];
      bool Registers = false;
      if (I.isHelperCall())
        Registers = takesAsyncCallback(I.Imm);
      else if (I.isKfuncCall())
        if (auto It = In.KfuncNames.find(Args.Idx); It != In.KfuncNames.end())
          Registers = takesAsyncCallback(std::string_view(It->second));
      if (!Registers)
        continue;
      for (unsigned R = 1; R <= MaxArgRegs; ++R) {
        const Val &V = Args.R[R];
        if (V.K != Val::Func)
          continue;
        for (size_t Sub = 0; Sub < Out.Subprogs.size(); ++Sub)
          if (int64_t(Out.Subprogs[Sub].Start) >= V.Lo &&
              int64_t(Out.Subprogs[Sub].Start) <= V.Hi)
            AsyncCallback[Sub] = 1;
      }
    }
  return AsyncCallback;
}

void ProgramAnalyzer::checkMaxStackDepth(const StackFacts &F) {
  // The kernel checks the chain after remove_fastcall_spills_fills(), so the
  // new depths count (a non-fastcall pattern keeps its subprogram's full
  // depth). A callback's address extends the chain like a call, but an
  // asynchronous callback's starts a chain of its own.
  const size_t NS = Out.Subprogs.size();
  const std::vector<uint8_t> AsyncCallback = asyncCallbacks(F);
  std::vector<int> Depths(NS);
  std::vector<std::vector<size_t>> Callees(NS);
  for (size_t S = 0; S < NS; ++S) {
    Depths[S] = Out.Subprogs[S].StackDepthAfter;
    for (uint32_t I = Out.Subprogs[S].Start; I < Out.Subprogs[S].End; ++I) {
      if (IsLdHi[I] || !(Insns[I].isPseudoCall() || Insns[I].isPseudoFunc()))
        continue;
      const unsigned Callee = L.subprogAt(uint32_t(I + 1 + Insns[I].Imm));
      if (Insns[I].isPseudoCall() || !AsyncCallback[Callee])
        Callees[S].push_back(Callee);
    }
  }
  int Chain = 0;
  for (size_t Root = 0; Root < NS; ++Root)
    if (Root == 0 || AsyncCallback[Root])
      Chain =
          std::max(Chain, deepestCallChain(Depths, Callees, Root).StackBytes);
  for (size_t S = 0; S < NS; ++S)
    if (Out.Subprogs[S].StackDepthAfter > MaxStackDepth)
      addFinding(Out.Findings, Out.Subprogs[S].Start, Severity::Error,
                 formatv("stack depth {0} exceeds {1} bytes: the kernel "
                         "rejects the program (a bracket is no allowance)",
                         Out.Subprogs[S].StackDepthAfter, MaxStackDepth));
  // Tracing programs on x86-64 may run big subprograms on private stacks
  // that do not count; there the excess is only a warning.
  bool PrivateStacks =
      In.Family == FamilyTracing && In.Profile.A == Arch::X86_64;
  if (NS > 1 && Chain > MaxStackDepth)
    addFinding(Out.Findings, 0,
               PrivateStacks ? Severity::Warning : Severity::Error,
               formatv("combined stack size of the call chain is {0} bytes "
                       "after the rewrite, over {1}: the kernel rejects the "
                       "program",
                       Chain, MaxStackDepth));
}

} // namespace model
} // namespace nocsr
