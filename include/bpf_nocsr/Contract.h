//===- bpf_nocsr/Contract.h - The nocsr / bpf_fastcall contract -*- C++ -*-===//
//
// The one definition of the bracket contract shared by the compiler passes and
// the verifier-side checker: which registers a fastcall callee clobbers, which
// may appear in its bracket, the slot size, how pairs are ordered and where
// each pair sits relative to the subprogram's anchor.
//
// Register numbers are BPF register numbers (r0 = 0 ... r10 = 10). Register
// sets are bit masks with bit N standing for rN.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_CONTRACT_H
#define BPF_NOCSR_CONTRACT_H

#include <cstdint>

namespace bpf_nocsr {

using RegMask = std::uint16_t;

constexpr unsigned ReturnReg = 0;
constexpr unsigned FirstArgReg = 1;
constexpr unsigned MaxArgRegs = 5;
constexpr unsigned NumCallerSavedRegs = 6; // r0..r5
constexpr unsigned FramePointerReg = 10;

/// Every spill and fill in a bracket is a 64-bit r10-relative access.
constexpr int SlotSize = 8;
/// The kernel's per-subprogram (and combined call chain) stack limit. A
/// bracket is not an allowance: frame plus region must fit.
constexpr int MaxStackDepth = 512;
/// The kernel matches at most one pair per caller-saved register.
constexpr unsigned MaxBracketPairs = NumCallerSavedRegs;

constexpr RegMask regBit(unsigned Reg) { return RegMask(1u << Reg); }

constexpr RegMask CallerSavedMask = RegMask((1u << NumCallerSavedRegs) - 1);

constexpr bool isCallerSaved(unsigned Reg) { return Reg < NumCallerSavedRegs; }

/// Registers a call clobbers when the callee is fastcall: r0 unless the callee
/// returns void, and r1..rN for its N parameters.
constexpr RegMask fastcallClobberMask(unsigned NumParams, bool ReturnsVoid) {
  RegMask M = ReturnsVoid ? 0 : regBit(ReturnReg);
  for (unsigned I = 0; I < NumParams && I < MaxArgRegs; ++I)
    M |= regBit(FirstArgReg + I);
  return M;
}

/// Caller-saved registers that may appear in a bracket around such a call.
constexpr RegMask bracketableMask(unsigned NumParams, bool ReturnsVoid) {
  return RegMask(CallerSavedMask &
                 ~fastcallClobberMask(NumParams, ReturnsVoid));
}

/// Offset from r10 of pair \p PairIndex (0 = the pair next to the call,
/// counting outward) when the subprogram's lowest 64-bit r10 store offset, the
/// anchor, is \p Anchor. Pair i of every bracket sits at anchor + 8*i.
constexpr int pairSlotOffset(int Anchor, unsigned PairIndex) {
  return Anchor + SlotSize * int(PairIndex);
}

/// The anchor of a region of \p RegionPairs slots placed directly below
/// \p RegionTop (an r10 offset, 8-aligned, <= 0).
constexpr int regionAnchor(int RegionTop, unsigned RegionPairs) {
  return RegionTop - SlotSize * int(RegionPairs);
}

/// Round an r10 offset down (towards more negative) to a slot boundary.
constexpr int alignDownToSlot(int Offset) {
  return Offset >= 0 ? Offset - Offset % SlotSize
                     : -((-Offset + SlotSize - 1) / SlotSize) * SlotSize;
}

constexpr unsigned popCount(RegMask M) {
  unsigned N = 0;
  for (; M; M &= RegMask(M - 1))
    ++N;
  return N;
}

/// The register of pair \p PairIndex (0 = next to the call) in a bracket that
/// saves \p Live. Pairs follow upstream LLVM's order: the spills before the
/// call go r0, r1, ... r5 in program order, so the highest-numbered register
/// sits next to the call and the fills after it mirror the spills.
/// Returns ~0u when \p PairIndex is out of range.
constexpr unsigned pairRegister(RegMask Live, unsigned PairIndex) {
  for (int Reg = int(NumCallerSavedRegs) - 1; Reg >= 0; --Reg) {
    if (!(Live & regBit(unsigned(Reg))))
      continue;
    if (PairIndex == 0)
      return unsigned(Reg);
    --PairIndex;
  }
  return ~0u;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_CONTRACT_H
