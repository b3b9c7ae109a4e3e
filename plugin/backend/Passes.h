//===- Passes.h - The plugin's machine passes -------------------*- C++ -*-===//

#ifndef BPF_NOCSR_BACKEND_PASSES_H
#define BPF_NOCSR_BACKEND_PASSES_H

namespace llvm {
class MachineFunctionPass;
class PassRegistry;
} // namespace llvm

namespace bpf_nocsr {

/// Name under which both passes report remarks (`-Rpass=bpf-nocsr`).
inline constexpr const char RemarkPassName[] = "bpf-nocsr";

/// Before register allocation: marked calls clobber only what the callee
/// uses. \p HostID, if set, is the ID of the pipeline pass this one stands
/// in for: the pass takes that ID and requires the original to run first.
llvm::MachineFunctionPass *
createCallClobberRelaxationPass(char *HostID = nullptr);

/// After frame finalisation: spill/fill brackets anchored at the subprogram's
/// lowest slot, stack limit check, remarks and the self-check; at the end of
/// the module (doFinalization), the limit on BPF-to-BPF call chains.
llvm::MachineFunctionPass *createBracketInsertionPass(char *HostID = nullptr);

extern char &CallClobberRelaxationID;
extern char &BracketInsertionID;

void registerBackendPasses(llvm::PassRegistry &Registry);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_PASSES_H
