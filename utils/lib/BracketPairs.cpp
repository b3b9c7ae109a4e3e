//===- BracketPairs.cpp - The spill/fill pairs around a call -------------===//

#include "nocsr/BracketPairs.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

SmallVector<BracketPair, 6>
findBracketPairs(ArrayRef<Insn> Insns, uint32_t CallIdx, RegMask Allowed) {
  const unsigned Matched =
      matchBracket(InsnsAroundCall(Insns, CallIdx), Allowed);
  SmallVector<BracketPair, 6> Pairs;
  for (uint32_t I = 1; I <= Matched; ++I) {
    const Insn &Spill = Insns[CallIdx - I];
    Pairs.push_back({Spill.Src, Spill.Off, CallIdx - I, CallIdx + I});
  }
  return Pairs;
}

} // namespace nocsr
