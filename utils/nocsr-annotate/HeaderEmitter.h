//===- HeaderEmitter.h - Generate include/bpf_nocsr.h -----------*- C++ -*-===//

#ifndef NOCSR_ANNOTATE_HEADEREMITTER_H
#define NOCSR_ANNOTATE_HEADEREMITTER_H

#include "llvm/Support/raw_ostream.h"

namespace bpf_nocsr {

/// Writes bpf_nocsr.h: the attribute macros and an eligible declaration of
/// every callee in FastcallCallees.def.
void emitNoCSRHeader(llvm::raw_ostream &OS);

} // namespace bpf_nocsr

#endif // NOCSR_ANNOTATE_HEADEREMITTER_H
