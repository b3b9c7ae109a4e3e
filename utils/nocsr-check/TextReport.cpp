//===- TextReport.cpp - nocsr-check's text output -------------------------===//

#include "Report.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

void printProfileText(raw_ostream &OS, const SavedProfile &P) {
  const KernelProfile &K = P.Profile;
  OS << "kernel " << (P.Release.empty() ? "?" : P.Release) << " ("
     << archName(K.A) << "), probed\n";
  OS << "fastcall rules: "
     << (K.RulesMeasured ? describeRules(K.Rules)
                         : "not measured (helper 8 is not fastcall in "
                           "tracing programs)")
     << "\n";
  OS << "fastcall callees:";
  if (!K.Callees || K.Callees->empty())
    OS << " none";
  OS << "\n";
  if (K.Callees)
    for (const ProbedFastcall &C : *K.Callees)
      OS << "  " << calleeKey(C) << " in " << progTypesByFamily(C.Types)
         << "\n";
  for (const std::string &N : P.NewFastcall)
    OS << "new fastcall callee (not in the contract table): " << N << "\n";
}

void printText(raw_ostream &OS, const AnalyzedFile &F, bool WithTable) {
  for (const AnalyzedProgram &AP : F.Programs)
    for (const Finding &Fd : AP.Result.Findings)
      OS << F.Path << ": " << funcOfInsn(F, *AP.Prog, Fd.Idx).Name << "+"
         << sectionInsn(F.Obj, *AP.Prog, Fd.Idx) << ": " << severityName(Fd.Sev)
         << ": " << renderFinding(F, *AP.Prog, Fd) << "\n";
  for (const AnalyzedProgram &AP : F.Programs) {
    if (AP.BuildDependent.empty())
      continue;
    OS << F.Path << ": " << AP.Prog->Name << "+"
       << sectionInsn(F.Obj, *AP.Prog, 0)
       << ": note: kernel builds differ on this program and the kernel was "
          "not probed:";
    for (const BuildOutcome &B : AP.BuildDependent) {
      OS << " '" << B.Build->Name << "': removed ";
      for (size_t S = 0; S < B.Removed.size(); ++S)
        OS << (S ? "+" : "") << B.Removed[S];
      OS << ", stack ";
      for (size_t S = 0; S < B.StackDepthAfter.size(); ++S)
        OS << (S ? "+" : "") << B.StackDepthAfter[S];
      OS << (&B == &AP.BuildDependent.back() ? "\n" : ";");
    }
  }
  if (!WithTable)
    return;
  OS << F.Path << ":\n";
  OS << formatv("  {0,-20} {1,-20} {2,8} {3,8} {4,10} {5,7} {6,12} {7,14}\n",
                "program", "subprogram", "eligible", "brackets", "recognised",
                "removed", "stack", "insns");
  for (const AnalyzedProgram &AP : F.Programs) {
    const ProgramResult &R = AP.Result;
    for (size_t S = 0; S < R.Subprogs.size(); ++S) {
      const SubprogResult &SP = R.Subprogs[S];
      unsigned Eligible = 0, Brackets = 0, Recognised = 0, Removed = 0;
      for (const CallResult &C : SP.Calls) {
        Eligible += C.Eligible;
        Brackets += C.BracketPairs > 0;
        Recognised += C.AcceptedPairs > 0;
        Removed += C.Removed;
      }
      std::string Stack =
          formatv("{0} -> {1}", SP.StackDepthBefore, SP.StackDepthAfter);
      std::string Count =
          S == 0
              ? std::string(formatv("{0} -> {1}", R.InsnsBefore, R.InsnsAfter))
              : std::string();
      OS << formatv(
          "  {0,-20} {1,-20} {2,8} {3,8} {4,10} {5,7} {6,12} {7,14}\n",
          S == 0 ? AP.Prog->Name : "", funcOfSubprog(F, *AP.Prog, S).Name,
          Eligible, Brackets, Recognised, Removed, Stack, Count);
    }
  }
}

} // namespace nocsr
