//===- bpf_nocsr/BracketMatch.h - The pairs of a bracket --------*- C++ -*-===//
//
// The kernel's bracket matching (mark_fastcall_pattern_for_call), written once
// for the plugin's MachineInstrs and the checker's decoded instructions. Pair
// i (1 = next to the call) is a 64-bit spill of a register to r10 + off at
// distance i before the call and the fill of the same register from the same
// slot at distance i after it, each register at most once; with an anchor,
// pair i must also sit at anchor + 8 * (i - 1). Matching stops at the first
// pair that fails.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BRACKETMATCH_H
#define BPF_NOCSR_BRACKETMATCH_H

#include "bpf_nocsr/Contract.h"

#include <optional>

namespace bpf_nocsr {

/// A 64-bit access of register Reg to the stack slot r10 + Off.
struct SlotAccess {
  unsigned Reg = 0;
  int Off = 0;
};

/// The number of pairs of the bracket around one call. \p Around reads the
/// instructions around the call:
///
///   bool spillBefore(unsigned I, SlotAccess &S) const;
///   bool fillAfter(unsigned I, SlotAccess &S) const;
///
/// tell whether the instruction at distance I (1 = next to the call) before
/// the call is a 64-bit spill `*(u64 *)(r10 + S.Off) = rS.Reg`, and after it
/// the fill `rS.Reg = *(u64 *)(r10 + S.Off)`; false where there is no such
/// instruction. Pair registers come from \p Allowed (caller-saved registers
/// only). With \p Anchor, pair i must sit at pairSlotOffset(*Anchor, i - 1),
/// as the kernel wants; without, at any slot, as the compiler meant it.
template <typename AroundCall>
unsigned matchBracket(const AroundCall &Around, RegMask Allowed,
                      std::optional<int> Anchor = std::nullopt) {
  unsigned Pairs = 0;
  for (unsigned I = 1; I <= MaxBracketPairs; ++I) {
    SlotAccess Spill, Fill;
    if (!Around.spillBefore(I, Spill) || !Around.fillAfter(I, Fill) ||
        Spill.Reg != Fill.Reg || Spill.Off != Fill.Off ||
        !isCallerSaved(Spill.Reg) || !(Allowed & regBit(Spill.Reg)))
      break;
    if (Anchor && Spill.Off != pairSlotOffset(*Anchor, I - 1))
      break;
    Allowed &= RegMask(~regBit(Spill.Reg));
    ++Pairs;
  }
  return Pairs;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BRACKETMATCH_H
