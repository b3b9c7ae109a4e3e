//===- BracketLayoutPlanner.h - Where one subprogram's brackets go -*- C++ -*-//
//
// Deciding, before anything is emitted, the slot of every spill/fill pair of
// one subprogram's brackets. The kernel removes a bracket only if pair i
// (counting outward from the call, 0 = next to it) sits at anchor + 8i, the
// anchor being the subprogram's lowest 64-bit r10 store: so every bracket
// starts at the bottom of one region below the frame, sized for the largest
// bracket. Registers the kernel would not accept in a call's bracket get
// private slots between the frame and the region, outside its pattern.
//
// Offsets are from r10; from the top down lie the frame, the private slots
// and the region. The planner is a pure function of the frame's bottom and
// each call's registers, unit-tested on hand-built cases
// (test/unit/BracketLayoutPlannerTest.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_BRACKETLAYOUTPLANNER_H
#define BPF_NOCSR_BACKEND_BRACKETLAYOUTPLANNER_H

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace bpf_nocsr {

/// The registers one call's bracket saves.
struct BracketRegs {
  /// Caller-saved registers live across the call.
  RegMask Saved = 0;
  /// Of them, the ones that go to private slots above the region.
  RegMask Private = 0;

  /// The ones that go to the shared region.
  RegMask regionPart() const { return RegMask(Saved & ~Private); }
};

/// One spill/fill pair of a planned bracket: register number and r10 offset.
struct PlannedPair {
  unsigned Reg;
  int Off;
};

/// One call's bracket: its pairs in emission order, each further from the
/// call than the one before (region pairs first, then private ones).
struct PlannedBracket {
  llvm::SmallVector<PlannedPair, MaxBracketPairs> Pairs;
  /// How many of Pairs lie in the shared region.
  unsigned RegionPairs = 0;
};

/// Where the brackets of one subprogram go.
struct BracketLayout {
  /// The lowest frame object offset rounded down to a slot: the frame lies
  /// in [FrameBottom, 0).
  int FrameBottom = 0;
  /// The top of the shared region, which is also the bottom (the anchor) of
  /// the private slots: they lie in [RegionTop, FrameBottom).
  int RegionTop = 0;
  /// The bottom of the region, where the pair next to the call of every
  /// bracket sits: the region lies in [Anchor, RegionTop).
  int Anchor = 0;
  /// Slots of the region: the largest region part of any bracket.
  unsigned RegionPairs = 0;
  /// One per call, in the order of the calls given to the planner.
  llvm::SmallVector<PlannedBracket, 8> Brackets;

  int frameBytes() const { return -FrameBottom; }
  /// Private slots and region together.
  int regionBytes() const { return FrameBottom - Anchor; }
  bool fitsStackLimit() const {
    return frameBytes() + regionBytes() <= MaxStackDepth;
  }
};

/// How a bracket's region pairs are placed.
enum class BracketPlacement {
  /// At the bottom of the region, as the kernel wants.
  Anchored,
  /// At its top, as upstream LLVM does (for comparison and for testing the
  /// self-check).
  Upstream,
};

/// Plans the brackets of \p Calls (their saved registers) in a subprogram
/// whose frame ends at \p FrameBottom.
BracketLayout
planBracketLayout(int FrameBottom, llvm::ArrayRef<BracketRegs> Calls,
                  BracketPlacement Placement = BracketPlacement::Anchored);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_BRACKETLAYOUTPLANNER_H
