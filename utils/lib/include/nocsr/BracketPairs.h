//===- nocsr/BracketPairs.h - Spill/fill pairs around a call --*- C++ -*-===//
//
// The bracket shape on decoded instructions, matched by the one matcher
// (bpf_nocsr/BracketMatch.h): the model counts what the compiler meant and
// what the kernel recognises, nocsr-run finds what it has to look for in the
// kernel's translated program.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_BRACKETPAIRS_H
#define NOCSR_BRACKETPAIRS_H

#include "nocsr/Insn.h"

#include "bpf_nocsr/BracketMatch.h"
#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace nocsr {

/// The instructions around the call at CallIdx, as bpf_nocsr::matchBracket
/// reads them. Like the kernel, the match is bounded by the whole program,
/// not the subprogram.
class InsnsAroundCall {
  llvm::ArrayRef<Insn> Insns;
  uint32_t CallIdx;

public:
  InsnsAroundCall(llvm::ArrayRef<Insn> Insns, uint32_t CallIdx)
      : Insns(Insns), CallIdx(CallIdx) {}

  bool spillBefore(unsigned I, bpf_nocsr::SlotAccess &S) const {
    if (CallIdx < I || !Insns[CallIdx - I].isSpillToFP())
      return false;
    S = {Insns[CallIdx - I].Src, Insns[CallIdx - I].Off};
    return true;
  }
  bool fillAfter(unsigned I, bpf_nocsr::SlotAccess &S) const {
    if (CallIdx + I >= Insns.size() || !Insns[CallIdx + I].isFillFromFP())
      return false;
    S = {Insns[CallIdx + I].Dst, Insns[CallIdx + I].Off};
    return true;
  }
};

/// One pair of a bracket: a 64-bit spill of Reg to r10+Off at SpillIdx =
/// call - i and the fill of Reg from the same slot at FillIdx = call + i.
struct BracketPair {
  unsigned Reg;
  int16_t Off;
  uint32_t SpillIdx, FillIdx;
};

/// The bracket around the call at \p CallIdx as the compiler meant it:
/// symmetric spill/fill pairs counted outward from the call, each of a
/// distinct register of \p Allowed, at any offset (the kernel additionally
/// wants pair i at lowest_off + 8 * (i - 1)). This is what CallResult's
/// BracketPairs counts, with Allowed = bracketableMask() of the callee.
llvm::SmallVector<BracketPair, 6> findBracketPairs(llvm::ArrayRef<Insn> Insns,
                                                   uint32_t CallIdx,
                                                   bpf_nocsr::RegMask Allowed);

} // namespace nocsr

#endif // NOCSR_BRACKETPAIRS_H
