//===- RelaxationPlanner.h - Kept registers per relaxable call -*- C++ -*-===//
//
// Deciding, before register allocation, which caller-saved registers each
// relaxable call (a marked helper or kfunc call) stops clobbering. A kept
// register costs a spill/fill pair on kernels that do not remove brackets, so a
// call keeps one only where it saves at least as much:
//
//  - a value joined by copies to a caller-saved register the call does not
//    clobber keeps that register, saving the copy to r6-r9, unless it also
//    crosses a call that clobbers r0-r5 and so needs r6-r9 anyway; of several
//    such registers, the one it arrives in;
//  - every value live across some call needs one of the four callee-saved
//    registers r6-r9 wherever it is live. Where more such values are live at
//    once, the allocator spills; values that cross only relaxable calls move
//    to a kept caller-saved register instead, the ones that relieve the most
//    crowded points first, until no point needs more than r6-r9.
//
// The planner sees values as intervals over one numbering of the function's
// program points, so it is a pure function of its input and is unit-tested
// on hand-built cases (test/unit/RelaxationPlannerTest.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_RELAXATIONPLANNER_H
#define BPF_NOCSR_BACKEND_RELAXATIONPLANNER_H

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace bpf_nocsr {

/// Callee-saved registers r6-r9, the home of values live across calls.
constexpr unsigned NumCalleeSavedRegs = FramePointerReg - NumCallerSavedRegs;

/// Program points [Begin, End) where a value is live.
struct PointRange {
  unsigned Begin = 0;
  unsigned End = 0;
};

/// A value live across at least one call.
struct CrossingValue {
  llvm::SmallVector<PointRange, 2> Live;
  /// The relaxable calls (indices into the planner's call list) it crosses.
  llvm::SmallVector<unsigned, 2> RelaxableCalls;
  /// Does it also cross a call that clobbers every caller-saved register?
  /// Then it needs r6-r9 (or the stack) whatever is relaxed.
  bool CrossesOtherCall = false;
  /// Caller-saved registers it is joined to by copies, PHIs or ties.
  RegMask Tied = 0;
  /// Of Tied: the registers it is copied from where it is defined. Kept, one
  /// of them lets the value stay where it arrives, and leaves the others to
  /// the values that arrive there.
  RegMask Arrival = 0;
};

/// A call marked in the IR, to a helper or kfunc, that the planner may relax.
struct RelaxableCall {
  /// Caller-saved registers the contract lets it keep.
  RegMask Bracketable = 0;
};

/// What one relaxable call keeps, and why (for remarks).
struct CallPlan {
  RegMask Kept = 0;
  /// Values live across the call.
  unsigned NumLive = 0;
  /// Of them: kept in the caller-saved register they are joined to.
  unsigned NumTied = 0;
  /// Of them: moved to a kept register because r6-r9 are full around them.
  unsigned NumMoved = 0;
};

/// Plans every relaxable call of one function. \p NumPoints bounds the
/// program points of \p Values.
llvm::SmallVector<CallPlan, 4>
planRelaxation(llvm::ArrayRef<RelaxableCall> Calls,
               llvm::ArrayRef<CrossingValue> Values, unsigned NumPoints);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_RELAXATIONPLANNER_H
