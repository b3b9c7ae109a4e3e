//===- FastcallAttrLowering.cpp - Rename clang 19's attribute -------------===//
//
// Clang 19's CodeGen emits "no_caller_saved_registers" on the declaration of
// every callee carrying AnyX86NoCallerSavedRegistersAttr and on every call
// whose callee expression names such a declaration (functions and pointer
// variables, not fields) -- upstream's placement rules for "bpf_fastcall".
// The plugin's attribute handler attaches that attribute, so renaming the IR
// attribute on BPF modules yields upstream's IR.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "../IRInterface.h"
#include "FastcallIRMarking.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include BPF_NOCSR_TRIPLE_HEADER

using namespace llvm;

namespace bpf_nocsr {

static bool renameLoweredAttr(AttributeList &Attrs, LLVMContext &Ctx) {
  if (!Attrs.hasFnAttr(ClangLoweredNoCSRIRAttr))
    return false;
  Attrs = Attrs.removeFnAttribute(Ctx, ClangLoweredNoCSRIRAttr)
              .addFnAttribute(Ctx, FastcallIRAttr);
  return true;
}

PreservedAnalyses FastcallAttrLoweringPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  if (!BPF_NOCSR_IS_BPF_TRIPLE(Triple(M.getTargetTriple())))
    return PreservedAnalyses::all();

  LLVMContext &Ctx = M.getContext();
  bool Changed = false;
  if (SelfCheck && !M.getModuleFlag(SelfCheckModuleFlag)) {
    M.addModuleFlag(Module::Error, SelfCheckModuleFlag, *SelfCheck ? 1 : 0);
    Changed = true;
  }

  for (Function &F : M) {
    AttributeList Attrs = F.getAttributes();
    if (renameLoweredAttr(Attrs, Ctx)) {
      F.setAttributes(Attrs);
      Changed = true;
    }
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      AttributeList CallAttrs = CB->getAttributes();
      if (renameLoweredAttr(CallAttrs, Ctx)) {
        CB->setAttributes(CallAttrs);
        Changed = true;
      }
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace bpf_nocsr
