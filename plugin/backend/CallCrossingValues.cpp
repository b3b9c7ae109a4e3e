//===- CallCrossingValues.cpp - Values live across calls, before RA -------===//
//
// Liveness on SSA machine code: each use walks back through the predecessors
// to the unique def; a PHI's use sits at the end of its incoming block.
//
//===----------------------------------------------------------------------===//

#include "CallCrossingValues.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"

#include <algorithm>
#include <climits>

using namespace llvm;

namespace bpf_nocsr {

namespace {

/// Where, in instruction positions of its block, a virtual register is live:
/// from Start (-1: live in) to End (INT_MAX: live out).
struct LocalLiveRange {
  int Start = INT_MAX;
  int End = -1;
};

/// Instruction positions of one block, debug instructions left out.
struct BlockPoints {
  /// First program point of the block: the gap before its first instruction.
  unsigned Base = 0;
  unsigned NumInsns = 0;
  SmallVector<std::pair<int, const MachineInstr *>, 2> Calls;
};

} // namespace

CallCrossingValues findCallCrossingValues(
    const MachineFunction &MF,
    const DenseMap<const MachineInstr *, unsigned> &RelaxableIndex) {
  CallCrossingValues Result;
  DenseMap<const MachineInstr *, int> Position;
  DenseMap<const MachineBasicBlock *, BlockPoints> Blocks;
  bool HasCalls = false;
  unsigned NextPoint = 0;
  for (const MachineBasicBlock &MBB : MF) {
    BlockPoints &B = Blocks[&MBB];
    B.Base = NextPoint;
    int I = 0;
    for (const MachineInstr &MI : MBB) {
      if (MI.isDebugInstr())
        continue;
      Position[&MI] = I;
      if (MI.isCall()) {
        B.Calls.push_back({I, &MI});
        HasCalls = true;
      }
      ++I;
    }
    B.NumInsns = unsigned(I);
    // Gaps: before the first instruction and after each one.
    NextPoint += B.NumInsns + 1;
  }
  Result.NumPoints = NextPoint;
  if (!HasCalls)
    return Result;

  const MachineRegisterInfo &MRI = MF.getRegInfo();
  for (unsigned Idx = 0, E = MRI.getNumVirtRegs(); Idx != E; ++Idx) {
    Register Reg = Register::index2VirtReg(Idx);
    const MachineInstr *Def = MRI.getUniqueVRegDef(Reg);
    if (!Def || Def->isDebugInstr() || MRI.use_nodbg_empty(Reg))
      continue;
    const MachineBasicBlock *DefBB = Def->getParent();
    // Blocks in layout order, so that the value's description does not
    // depend on hashing.
    SmallVector<const MachineBasicBlock *, 4> Order;
    DenseMap<const MachineBasicBlock *, LocalLiveRange> Ranges;
    auto RangeIn = [&](const MachineBasicBlock *MBB) -> LocalLiveRange & {
      auto [It, New] = Ranges.try_emplace(MBB);
      if (New)
        Order.push_back(MBB);
      return It->second;
    };
    RangeIn(DefBB).Start = Position[Def];
    RangeIn(DefBB).End = Position[Def];
    SmallVector<const MachineBasicBlock *, 8> LiveOutOf;
    for (const MachineInstr &Use : MRI.use_nodbg_instructions(Reg)) {
      if (Use.isPHI()) {
        for (unsigned Op = 1; Op + 1 < Use.getNumOperands(); Op += 2)
          if (Use.getOperand(Op).getReg() == Reg)
            LiveOutOf.push_back(Use.getOperand(Op + 1).getMBB());
        continue;
      }
      const MachineBasicBlock *UseBB = Use.getParent();
      LocalLiveRange &R = RangeIn(UseBB);
      R.End = std::max(R.End, Position[&Use]);
      if (UseBB != DefBB) {
        R.Start = -1;
        append_range(LiveOutOf, UseBB->predecessors());
      }
    }
    SmallPtrSet<const MachineBasicBlock *, 8> Visited;
    while (!LiveOutOf.empty()) {
      const MachineBasicBlock *MBB = LiveOutOf.pop_back_val();
      if (!Visited.insert(MBB).second)
        continue;
      LocalLiveRange &R = RangeIn(MBB);
      R.End = INT_MAX;
      if (MBB == DefBB)
        continue;
      R.Start = -1;
      append_range(LiveOutOf, MBB->predecessors());
    }

    CrossingValue V;
    for (const MachineBasicBlock *MBB : Order) {
      const LocalLiveRange &R = Ranges[MBB];
      const BlockPoints &B = Blocks[MBB];
      for (const auto &[Pos, Call] : B.Calls) {
        if (!(R.Start < Pos && Pos < R.End))
          continue;
        auto It = RelaxableIndex.find(Call);
        if (It == RelaxableIndex.end())
          V.CrossesOtherCall = true;
        else
          V.RelaxableCalls.push_back(It->second);
      }
      // Live in the gaps after instruction Start up to the one before End.
      const int End = std::min(R.End, int(B.NumInsns));
      V.Live.push_back({B.Base + unsigned(R.Start + 1),
                        B.Base + unsigned(std::max(End, R.Start) + 1)});
    }
    if (!V.CrossesOtherCall && V.RelaxableCalls.empty())
      continue;
    llvm::sort(V.RelaxableCalls);
    Result.Values.push_back(std::move(V));
    Result.Regs.push_back(Reg);
  }
  return Result;
}

} // namespace bpf_nocsr
