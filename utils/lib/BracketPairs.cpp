//===- BracketPairs.cpp - The spill/fill pairs around a call -------------===//

#include "nocsr/BracketPairs.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

SmallVector<BracketPair, 6>
findBracketPairs(ArrayRef<Insn> Insns, uint32_t CallIdx, RegMask Allowed) {
  SmallVector<BracketPair, 6> Pairs;
  const size_t N = Insns.size();
  for (uint32_t I = 1; I <= MaxBracketPairs; ++I) {
    if (CallIdx < I || CallIdx + I >= N)
      break;
    const Insn &Stx = Insns[CallIdx - I], &Ldx = Insns[CallIdx + I];
    if (!Stx.isSpillToFP() || !Ldx.isFillFromFP() || Stx.Src != Ldx.Dst ||
        Stx.Off != Ldx.Off || !(Allowed & regBit(Stx.Src)))
      break;
    Allowed &= RegMask(~regBit(Stx.Src));
    Pairs.push_back({Stx.Src, Stx.Off, CallIdx - I, CallIdx + I});
  }
  return Pairs;
}

} // namespace nocsr
