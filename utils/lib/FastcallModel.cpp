//===- FastcallModel.cpp - The verifier's fastcall logic, offline ---------===//
//
// The model's entry point: validate a program, then run its parts in the
// verifier's order (mark patterns, follow the stack, check the contract,
// remove, check the stack limits, inline bpf_loop, drop the no-ops (the
// kernel view), the other fixups), the lints, and build the kernel view.
//
//===----------------------------------------------------------------------===//

#include "ProgramAnalyzer.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static Error inputError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

namespace model {

Error ProgramAnalyzer::validate() {
  if (N == 0)
    return inputError("empty program");
  IsLdHi.assign(N, 0);
  for (uint32_t I = 0; I < N; ++I) {
    if (!Insns[I].isLdImm64())
      continue;
    if (I + 1 >= N)
      return inputError(formatv("insn {0}: ldimm64 cut in half", I));
    const Insn &Hi = Insns[I + 1];
    if (Hi.Code != 0 || Hi.Dst != 0 || Hi.Src != 0 || Hi.Off != 0)
      return inputError(
          formatv("insn {0}: ldimm64 with a malformed second half", I));
    IsLdHi[++I] = 1;
  }
  for (uint32_t I = 0; I < N; ++I) {
    if (IsLdHi[I])
      continue;
    int64_t T;
    if (!branchTarget(Insns[I], I, T))
      continue;
    if (T < 0 || T >= int64_t(N))
      return inputError(formatv("insn {0}: jump out of range (target {1}, "
                                "program has {2} insns)",
                                I, T, N));
    if (IsLdHi[T])
      return inputError(formatv(
          "insn {0}: jump into the middle of ldimm64 at {1}", I, T - 1));
  }
  if (In.SubprogStarts.empty() || In.SubprogStarts[0] != 0)
    return inputError("subprogram list must start at insn 0");
  for (size_t S = 1; S < In.SubprogStarts.size(); ++S)
    if (In.SubprogStarts[S] <= In.SubprogStarts[S - 1] ||
        In.SubprogStarts[S] >= N)
      return inputError("subprogram starts unsorted or out of range");
  return Error::success();
}

Error ProgramAnalyzer::run() {
  if (Error E = validate())
    return E;
  Out.Aux.assign(N, InsnAux());
  for (size_t S = 0; S < In.SubprogStarts.size(); ++S) {
    SubprogResult SP;
    SP.Start = In.SubprogStarts[S];
    SP.End = S + 1 < In.SubprogStarts.size() ? In.SubprogStarts[S + 1] : N;
    Out.Subprogs.push_back(SP);
  }
  for (SubprogResult &SP : Out.Subprogs)
    markFastcallPatterns(SP);
  const size_t NS = Out.Subprogs.size();
  Accesses.assign(NS, {});
  ArgUse.assign(NS, {});
  ArgForwards.assign(NS, {});
  AsyncCallback.assign(NS, 0);
  for (size_t S = 0; S < NS; ++S)
    analyzeStackAccesses(Out.Subprogs[S], unsigned(S));
  propagateArgPointerUse();
  for (size_t S = 0; S < NS; ++S)
    checkFastcallStackContract(Out.Subprogs[S], unsigned(S));
  removeFastcallSpillsFills();
  checkMaxStackDepth();
  optimizeBpfLoop();
  if (Error E = buildXlated()) // opt_remove_nops()
    return E;
  doMiscFixups();
  for (SubprogResult &SP : Out.Subprogs)
    lintCalls(SP);
  std::stable_sort(
      Out.Findings.begin(), Out.Findings.end(),
      [](const Finding &A, const Finding &B) { return A.Idx < B.Idx; });
  return Error::success();
}

} // namespace model

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "?";
}

Expected<ProgramInput> makeProgramInput(ArrayRef<uint8_t> Raw,
                                        bool LittleEndian,
                                        std::vector<uint32_t> SubprogStarts) {
  if (Raw.size() % InsnSize)
    return inputError(formatv("{0} bytes is not a whole number of 8-byte "
                              "instructions",
                              Raw.size()));
  ProgramInput In;
  In.Insns.resize(Raw.size() / InsnSize);
  for (size_t I = 0; I < In.Insns.size(); ++I)
    In.Insns[I] = decodeInsn(Raw.data() + I * InsnSize, LittleEndian);
  In.SubprogStarts = std::move(SubprogStarts);
  return In;
}

Expected<ProgramResult> analyzeProgram(const ProgramInput &In) {
  ProgramResult Out;
  model::ProgramAnalyzer A(In, Out);
  if (Error E = A.run())
    return E;
  return Out;
}

} // namespace nocsr
