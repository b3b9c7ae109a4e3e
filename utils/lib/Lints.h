//===- Lints.h - Findings the kernel does not make --------------*- C++ -*-===//
//
// The model's findings beyond the verifier's own decisions, from the stack
// facts and the marked patterns.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_LINTS_H
#define NOCSR_LIB_LINTS_H

#include "ProgramLayout.h"
#include "StackDataflow.h"

#include <vector>

namespace nocsr {
namespace model {

/// Jumps out of a subprogram, reads of registers a call clobbered, pointers
/// into a fastcall region where the kernel build does not check what the
/// callee does with them, and stack accesses the kernel rejects. \p SPs
/// have their patterns marked.
void lintStackFacts(const ProgramInput &In, const ProgramLayout &L,
                    const StackFacts &F, ArrayRef<SubprogResult> SPs,
                    std::vector<Finding> &Findings);

/// Brackets at the wrong offsets or kept, calls that look built without the
/// plugin, jumps into a bracket: for \p SP after fastcall removal.
void lintCalls(const ProgramLayout &L, const SubprogResult &SP,
               std::vector<Finding> &Findings);

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_LINTS_H
