//===- BracketLayoutPlanner.cpp - Where one subprogram's brackets go ------===//

#include "BracketLayoutPlanner.h"

#include <algorithm>

using namespace llvm;

namespace bpf_nocsr {

BracketLayout planBracketLayout(int FrameBottom, ArrayRef<BracketRegs> Calls,
                                BracketPlacement Placement) {
  BracketLayout Layout;
  Layout.FrameBottom = FrameBottom;
  unsigned PrivatePairs = 0;
  for (const BracketRegs &Regs : Calls) {
    Layout.RegionPairs =
        std::max(Layout.RegionPairs, popCount(Regs.regionPart()));
    PrivatePairs = std::max(PrivatePairs, popCount(Regs.Private));
  }
  Layout.RegionTop = regionAnchor(FrameBottom, PrivatePairs);
  Layout.Anchor = regionAnchor(Layout.RegionTop, Layout.RegionPairs);

  for (const BracketRegs &Regs : Calls) {
    PlannedBracket B;
    B.RegionPairs = popCount(Regs.regionPart());
    const int Anchor = Placement == BracketPlacement::Upstream
                           ? regionAnchor(Layout.RegionTop, B.RegionPairs)
                           : Layout.Anchor;
    for (unsigned I = 0; I < B.RegionPairs; ++I)
      B.Pairs.push_back(
          {pairRegister(Regs.regionPart(), I), pairSlotOffset(Anchor, I)});
    for (unsigned I = 0, E = popCount(Regs.Private); I < E; ++I)
      B.Pairs.push_back(
          {pairRegister(Regs.Private, I), pairSlotOffset(Layout.RegionTop, I)});
    Layout.Brackets.push_back(std::move(B));
  }
  return Layout;
}

} // namespace bpf_nocsr
