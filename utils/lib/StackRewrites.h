//===- StackRewrites.h - Stack the verifier adds after removal --*- C++ -*-===//

#ifndef NOCSR_LIB_STACKREWRITES_H
#define NOCSR_LIB_STACKREWRITES_H

#include "ProgramLayout.h"
#include "StackDataflow.h"

namespace nocsr {
namespace model {

/// optimize_bpf_loop(): marks the bpf_loop calls the verifier inlines
/// (InsnAux::LoopInlineFit) and adds their save area to the stack depth
/// after removal.
void optimizeBpfLoop(const ProgramLayout &L, const StackFacts &F,
                     ProgramResult &Out);

/// The stack part of do_misc_fixups(): may_goto's slots, for a subprogram
/// with a may_goto left in the kernel view (Out.Xlated).
void doMiscFixups(const ProgramInput &In, const ProgramLayout &L,
                  ProgramResult &Out);

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_STACKREWRITES_H
