//===- FastcallIRMarking.h - IR passes that mark eligible calls -*- C++ -*-===//
//
// The front end's IR passes. They put the string attribute "bpf_fastcall"
// where the back end (and upstream clang >= 20's backend) expects it.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_FRONTEND_FASTCALLIRMARKING_H
#define BPF_NOCSR_FRONTEND_FASTCALLIRMARKING_H

#include "nocsr/KernelProfile.h"

#include "llvm/IR/PassManager.h"

#include <optional>

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace bpf_nocsr {

/// Runs first in the pipeline (every -O level). On BPF modules it renames the
/// IR attribute "no_caller_saved_registers", which clang 19's CodeGen derives
/// from the plugin's attributes, to "bpf_fastcall" on declarations and calls,
/// and records the `selfcheck` plugin argument as a module flag.
class FastcallAttrLoweringPass
    : public llvm::PassInfoMixin<FastcallAttrLoweringPass> {
  std::optional<bool> SelfCheck;

public:
  explicit FastcallAttrLoweringPass(std::optional<bool> SelfCheck)
      : SelfCheck(SelfCheck) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Profile-driven eligibility: on BPF modules, marks every call to a helper
/// number (`inttoptr (i64 N)`) or kfunc (extern declaration by name) that the
/// kernel profile treats as fastcall for some program type, and the kfunc's
/// declaration. Runs late, once constant helper pointers are folded.
class ProfileFastcallMarkingPass
    : public llvm::PassInfoMixin<ProfileFastcallMarkingPass> {
  nocsr::KernelProfile Profile;

public:
  explicit ProfileFastcallMarkingPass(nocsr::KernelProfile Profile)
      : Profile(Profile) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// What the plugin arguments ask of the IR passes.
struct IRPassOptions {
  /// Set in profile mode: mark every callee this kernel treats as fastcall.
  std::optional<nocsr::KernelProfile> Profile;
  std::optional<bool> SelfCheck;
};

/// Puts the IR passes into \p PB's pipelines: the renaming (and the selfcheck
/// module flag) at pipeline start, the profile marking last.
void registerIRPasses(llvm::PassBuilder &PB, const IRPassOptions &Options);

/// The options the pass-plugin entry point (llvmGetPassPluginInfo) registers
/// the IR passes with. Where clang has no PassBuilderCallbacks (< 18), the
/// front-end action sets them before clang loads this module as a pass
/// plugin; otherwise, and when compiling IR, they stay at their defaults.
IRPassOptions &passPluginOptions();

} // namespace bpf_nocsr

#endif // BPF_NOCSR_FRONTEND_FASTCALLIRMARKING_H
