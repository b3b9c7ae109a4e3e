//===- HostedPass.h - A machine pass that may stand in for another -*- C++ -*-//
//
// On LLVM 19 our passes enter the pipeline in place of a pipeline pass (see
// PassInjection.cpp): they then carry that host pass's ID and require it,
// so the pass manager runs the original right before ours.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_HOSTEDPASS_H
#define BPF_NOCSR_BACKEND_HOSTEDPASS_H

#include "llvm/CodeGen/MachineFunctionPass.h"

namespace bpf_nocsr {

class HostedPass : public llvm::MachineFunctionPass {
  char *HostID;

protected:
  HostedPass(char &OwnID, char *HostID)
      : MachineFunctionPass(HostID ? *HostID : OwnID), HostID(HostID) {}

public:
  void getAnalysisUsage(llvm::AnalysisUsage &AU) const override {
    if (HostID)
      AU.addRequiredID(HostID);
    MachineFunctionPass::getAnalysisUsage(AU);
  }
};

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_HOSTEDPASS_H
