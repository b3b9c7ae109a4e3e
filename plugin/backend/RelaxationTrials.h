//===- RelaxationTrials.h - Per-call relaxation choices and trials -*- C++ -*-//
//
// Which caller-saved registers each eligible call keeps is chosen by trial
// compilation (RelaxationSearch.cpp): the module is compiled several times
// with different choices and the machine passes report what each choice
// cost. The choice travels to the real compile as a function attribute,
//
//   "nocsr-kept"="<mask>,<mask>,..."
//
// one register mask (bit N = rN) per relaxable eligible call, in the order
// CallClobberRelaxation visits them (block layout order at instruction
// selection). A list of the wrong length is ignored: the pass then sizes
// each call itself.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_RELAXATIONTRIALS_H
#define BPF_NOCSR_BACKEND_RELAXATIONTRIALS_H

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace llvm {
class Function;
} // namespace llvm

namespace bpf_nocsr {

/// Function attribute holding the chosen kept-register masks.
inline constexpr const char KeptRegsAttr[] = "nocsr-kept";
/// Function attribute summarising the trials, for the relaxation remarks.
inline constexpr const char TrialSummaryAttr[] = "nocsr-trials";

/// What one relaxable eligible call may keep.
struct CallChoices {
  /// Every caller-saved register the contract lets it keep.
  RegMask Bracketable = 0;
  /// What the pass's own sizing (live values beyond r6-r9) keeps.
  RegMask Sized = 0;
};

/// What one function cost in one trial compile.
struct FunctionTrial {
  llvm::SmallVector<CallChoices, 4> Calls;
  /// Instruction slots after bracketing: what kernels that keep the
  /// brackets run.
  unsigned Slots = 0;
  /// Spill/fill pairs in brackets: what kernels that remove them save.
  unsigned Pairs = 0;
  bool Measured = false;

  unsigned oldKernelInsns() const { return Slots; }
  unsigned newKernelInsns() const { return Slots - 2 * Pairs; }
};

/// Collects the machine passes' reports while a trial compile runs. One at
/// a time: trials run on the compiling thread and do not nest.
class TrialRecorder {
public:
  TrialRecorder();
  ~TrialRecorder();
  TrialRecorder(const TrialRecorder &) = delete;
  TrialRecorder &operator=(const TrialRecorder &) = delete;

  /// The recorder of the trial compile running now, if any.
  static TrialRecorder *active();

  FunctionTrial &function(llvm::StringRef Name) { return Functions[Name]; }
  const llvm::StringMap<FunctionTrial> &functions() const { return Functions; }

private:
  llvm::StringMap<FunctionTrial> Functions;
};

/// The kept masks \p F's attribute asks for, if it has \p NumCalls of them.
std::optional<llvm::SmallVector<RegMask, 4>>
readKeptRegs(const llvm::Function &F, unsigned NumCalls);

std::string formatKeptRegs(llvm::ArrayRef<RegMask> Kept);

/// Does -bpf-nocsr-relax-always ask for upstream's full relaxation?
bool isRelaxAlwaysRequested();

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_RELAXATIONTRIALS_H
