//===- BracketSelfCheck.cpp - Check brackets against the kernel rule ------===//

#include "BracketSelfCheck.h"
#include "BPFMachineInfo.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/CodeGen/MachineBasicBlock.h"
#include "llvm/CodeGen/MachineInstr.h"

#include <algorithm>

using namespace llvm;

namespace bpf_nocsr {

/// The instruction \p Distance emitted instructions before (negative) or
/// after \p MI in its block, or null.
static const MachineInstr *emittedNeighbour(const MachineInstr &MI,
                                            int Distance) {
  const MachineBasicBlock &MBB = *MI.getParent();
  auto It = MI.getIterator();
  while (Distance != 0) {
    if (Distance < 0) {
      if (It == MBB.begin())
        return nullptr;
      --It;
    } else {
      ++It;
      if (It == MBB.end())
        return nullptr;
    }
    if (!It->isMetaInstruction())
      Distance += Distance < 0 ? 1 : -1;
  }
  return &*It;
}

/// The kernel's lowest_off: the lowest offset of any 64-bit register store
/// to r10 in the subprogram, 0 if there is none.
static int computeLowestStoreOffset(const MachineFunction &MF,
                                    const BPFMachineInfo &Info) {
  int Lowest = 0;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB) {
      unsigned Reg;
      int Off;
      if (Info.isFrameSpill(MI, Reg, Off))
        Lowest = std::min(Lowest, Off);
    }
  return Lowest;
}

std::string checkBracketPlacement(const MachineFunction &MF,
                                  const BPFMachineInfo &Info,
                                  ArrayRef<PlacedBracket> Brackets) {
  if (Brackets.empty())
    return "";
  const int Anchor = computeLowestStoreOffset(MF, Info);
  SmallPtrSet<const MachineInstr *, 32> BracketInstrs;
  int RegionEnd = 0;
  for (const PlacedBracket &B : Brackets) {
    const unsigned Pairs = popCount(B.Saved);
    const RegMask Clobbered = Info.clobberedCallerSaved(*B.Call);
    RegionEnd = std::min(RegionEnd, pairSlotOffset(Anchor, Pairs));
    for (unsigned I = 0; I < Pairs; ++I) {
      const unsigned Reg = pairRegister(B.Saved, I);
      const int Expected = pairSlotOffset(Anchor, I);
      const MachineInstr *Spill = emittedNeighbour(*B.Call, -int(I) - 1);
      const MachineInstr *Fill = emittedNeighbour(*B.Call, int(I) + 1);
      unsigned SpillReg, FillReg;
      int SpillOff, FillOff;
      if (!Spill || !Fill || !Info.isFrameSpill(*Spill, SpillReg, SpillOff) ||
          !Info.isFrameFill(*Fill, FillReg, FillOff) || SpillReg != Reg ||
          FillReg != Reg || SpillOff != Expected || FillOff != Expected ||
          (Clobbered & regBit(Reg)))
        return "pair " + std::to_string(I + 1) + " (r" + std::to_string(Reg) +
               ") of the bracket around the call at instruction '" +
               [&] {
                 std::string S;
                 raw_string_ostream OS(S);
                 B.Call->print(OS, /*IsStandalone=*/true, /*SkipOpers=*/false,
                               /*SkipDebugLoc=*/true, /*AddNewLine=*/false);
                 return S;
               }() +
               "' is not at r10" + std::to_string(Expected) + " (anchor r10" +
               std::to_string(Anchor) + ")";
      BracketInstrs.insert(Spill);
      BracketInstrs.insert(Fill);
    }
  }
  // The kernel unmarks every pattern of the subprogram if anything else
  // touches the region below the top of its smallest bracket.
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB) {
      int Off;
      if (!BracketInstrs.count(&MI) && Info.accessesFrame(MI, Off) &&
          Off < RegionEnd)
        return "an access at r10" + std::to_string(Off) +
               " outside any bracket falls in the fastcall region below r10" +
               std::to_string(RegionEnd);
    }
  return "";
}

} // namespace bpf_nocsr
