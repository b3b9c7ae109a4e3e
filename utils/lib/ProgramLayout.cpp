//===- ProgramLayout.cpp - A validated program and its subprograms --------===//

#include "ProgramLayout.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

static Error inputError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

Expected<ProgramLayout> layoutProgram(const ProgramInput &In) {
  ProgramLayout L;
  L.Insns = In.Insns;
  L.N = uint32_t(In.Insns.size());
  L.SubprogStarts = In.SubprogStarts;
  const ArrayRef<Insn> Insns = L.Insns;
  const uint32_t N = L.N;
  std::vector<uint8_t> &IsLdHi = L.IsLdHi;
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
  return L;
}

} // namespace model
} // namespace nocsr
