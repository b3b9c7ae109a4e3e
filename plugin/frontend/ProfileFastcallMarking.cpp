//===- ProfileFastcallMarking.cpp - Profile-driven eligibility ------------===//
//
// `-fplugin-arg-BPFNoCSR-eligible=profile:...`: unmodified programs (libbpf's
// helper definitions, a generated vmlinux.h) carry no attribute, but a
// bracketed call is correct on every kernel, so every callee the kernel
// profile table lists as fastcall is treated as if it were attributed.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "../HelperCalls.h"
#include "../IRInterface.h"
#include "FastcallIRMarking.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include BPF_NOCSR_TRIPLE_HEADER

using namespace llvm;

namespace bpf_nocsr {

PreservedAnalyses ProfileFastcallMarkingPass::run(Module &M,
                                                  ModuleAnalysisManager &) {
  if (!BPF_NOCSR_IS_BPF_TRIPLE(Triple(M.getTargetTriple())))
    return PreservedAnalyses::all();

  bool Changed = false;
  for (Function &F : M) {
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      const EligibleCallee *C = findTableCallee(*CB);
      if (!C || !Profile.isFastcallAnywhere(*C))
        continue;
      if (!CB->hasFnAttr(FastcallIRAttr)) {
        CB->addFnAttr(Attribute::get(M.getContext(), FastcallIRAttr));
        Changed = true;
      }
      Function *Callee = CB->getCalledFunction();
      if (Callee && !Callee->hasFnAttribute(FastcallIRAttr)) {
        Callee->addFnAttr(FastcallIRAttr);
        Changed = true;
      }
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace bpf_nocsr
