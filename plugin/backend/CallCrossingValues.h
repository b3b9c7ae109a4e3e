//===- CallCrossingValues.h - Values live across calls, before RA -*- C++ -*-//
//
// Finds, on SSA machine code right after instruction selection, every
// virtual register that is live across a call, with the program points where
// it is live and the calls it crosses: the input of the relaxation planner
// (RelaxationPlanner.h). A program point is a gap between two instructions
// of a block (debug instructions do not count, so -g changes nothing).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_CALLCROSSINGVALUES_H
#define BPF_NOCSR_BACKEND_CALLCROSSINGVALUES_H

#include "RelaxationPlanner.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/CodeGen/Register.h"

namespace llvm {
class MachineFunction;
class MachineInstr;
} // namespace llvm

namespace bpf_nocsr {

struct CallCrossingValues {
  llvm::SmallVector<CrossingValue, 16> Values;
  /// The virtual register of each value.
  llvm::SmallVector<llvm::Register, 16> Regs;
  unsigned NumPoints = 0;
};

/// Values of \p MF live across a call. \p RelaxableIndex numbers the calls the
/// planner may relax; every other call clobbers r0-r5. Tied registers are
/// left for the caller to fill in.
CallCrossingValues findCallCrossingValues(
    const llvm::MachineFunction &MF,
    const llvm::DenseMap<const llvm::MachineInstr *, unsigned> &RelaxableIndex);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_CALLCROSSINGVALUES_H
