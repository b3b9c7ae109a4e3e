//===- KernelView.h - The program after the kernel's rewrite ----*- C++ -*-===//

#ifndef NOCSR_LIB_KERNELVIEW_H
#define NOCSR_LIB_KERNELVIEW_H

#include "ProgramLayout.h"

namespace nocsr {
namespace model {

/// remove_fastcall_spills_fills()'s no-ops and opt_remove_nops(): fills
/// Out.Xlated, XlatedOrigin, OldToNew, the insn counts and NopsRemoved from
/// the removed pairs (InsnAux::FastcallSpillsNum).
Error buildKernelView(const ProgramLayout &L, ProgramResult &Out);

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_KERNELVIEW_H
