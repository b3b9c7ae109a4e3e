//===- HelperCalls.h - Recognise BPF helper calls in IR ---------*- C++ -*-===//
//
// A BPF helper is called through its number cast to a pointer
// (`call inttoptr (i64 N to ptr)`, libbpf's `(void *) N` once the pointer
// is folded). Shared by the front end's profile marking and the back end's
// matching of IR calls to machine calls; so is what marks a call eligible.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PLUGIN_HELPERCALLS_H
#define BPF_NOCSR_PLUGIN_HELPERCALLS_H

#include "IRInterface.h"
#include "bpf_nocsr/FastcallCallees.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"

#include <optional>

namespace bpf_nocsr {

/// The helper number \p CB calls, if it calls one (a 32-bit call immediate).
inline std::optional<unsigned> getHelperNumber(const llvm::CallBase &CB) {
  const auto *Cast = llvm::dyn_cast<llvm::ConstantExpr>(CB.getCalledOperand());
  if (!Cast || Cast->getOpcode() != llvm::Instruction::IntToPtr)
    return std::nullopt;
  const auto *N = llvm::dyn_cast<llvm::ConstantInt>(Cast->getOperand(0));
  if (!N || N->getValue().getActiveBits() > 32)
    return std::nullopt;
  return unsigned(N->getZExtValue());
}

/// Is \p CB marked eligible? Besides "bpf_fastcall", clang 19's lowering of
/// the plugin's attributes counts where no IR pipeline ran after CodeGen to
/// rename it (the bitcode of -save-temps): see IRInterface.h. Callers only
/// ask on BPF modules. CallBase::hasFnAttr also looks at the callee.
inline bool hasFastcallMark(const llvm::CallBase &CB) {
  return CB.hasFnAttr(FastcallIRAttr) || CB.hasFnAttr(ClangLoweredNoCSRIRAttr);
}

inline bool hasFastcallMark(const llvm::Function &F) {
  return F.hasFnAttribute(FastcallIRAttr) ||
         F.hasFnAttribute(ClangLoweredNoCSRIRAttr);
}

/// The callee table's entry for the helper or kfunc \p CB calls, if any.
inline const EligibleCallee *findTableCallee(const llvm::CallBase &CB) {
  if (std::optional<unsigned> N = getHelperNumber(CB))
    return findHelper(*N);
  if (const llvm::Function *F = CB.getCalledFunction())
    if (F->isDeclaration())
      return findKfunc(std::string_view(F->getName()));
  return nullptr;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_PLUGIN_HELPERCALLS_H
