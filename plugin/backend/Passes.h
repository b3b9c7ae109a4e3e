//===- Passes.h - The plugin's machine passes -------------------*- C++ -*-===//

#ifndef BPF_NOCSR_BACKEND_PASSES_H
#define BPF_NOCSR_BACKEND_PASSES_H

namespace llvm {
class MachineFunctionPass;
class PassRegistry;
} // namespace llvm

namespace bpf_nocsr {

/// Before register allocation: eligible calls clobber only what the callee
/// uses. \p RunAfter, if set, is the ID of a pass that must run right before
/// (the pass whose place in the pipeline this one takes).
llvm::MachineFunctionPass *
createCallClobberRelaxationPass(const void *RunAfter = nullptr);

/// After frame finalisation: spill/fill brackets anchored at the subprogram's
/// lowest slot, stack limit check, remarks and the self-check.
llvm::MachineFunctionPass *
createBracketInsertionPass(const void *RunAfter = nullptr);

extern char &CallClobberRelaxationID;
extern char &BracketInsertionID;

void registerBackendPasses(llvm::PassRegistry &Registry);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_PASSES_H
