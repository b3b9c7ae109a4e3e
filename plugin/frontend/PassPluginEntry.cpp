//===- PassPluginEntry.cpp - The IR passes as an LLVM pass plugin ---------===//
//
// The same module loaded as a pass plugin (CodeGenOptions::PassPlugins):
//  - clang >= 18 loads it so only when the user adds `-fpass-plugin=`. Clang
//    runs -fplugin's PassBuilderCallbacks only when it compiles source;
//    `-fpass-plugin=` also applies when it compiles IR, e.g. the bitcode of
//    -save-temps. Only the renaming runs then: plugin arguments (profile mode,
//    selfcheck) do not reach pass plugins.
//  - clang < 18 has no PassBuilderCallbacks: the front-end action adds this
//    module to the pass plugins itself and leaves the plugin arguments in
//    passPluginOptions(), so `-fplugin=` alone is enough there too.
// (opt-19 cannot load this module: Debian's libclang-cpp it links registers
// command-line options opt already has.)
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "FastcallIRMarking.h"

#include "llvm/Passes/PassBuilder.h"
#include BPF_NOCSR_PASS_PLUGIN_HEADER

using namespace llvm;

namespace bpf_nocsr {

void registerIRPasses(PassBuilder &PB, const IRPassOptions &Options) {
  std::optional<bool> SelfCheck = Options.SelfCheck;
  PB.registerPipelineStartEPCallback(
      [SelfCheck](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(FastcallAttrLoweringPass(SelfCheck));
      });
  // Helper calls become `call inttoptr (i64 N)` only once the pointer
  // variable's load is folded: mark late. At -O0 this pipeline still runs
  // the callback; unfolded calls are indirect (callx) anyway. LLVM >= 20 adds
  // an LTO-phase parameter; accept either signature.
  if (Options.Profile)
    PB.registerOptimizerLastEPCallback(
        [Profile = *Options.Profile](ModulePassManager &MPM, OptimizationLevel,
                                     auto &&...) {
          MPM.addPass(ProfileFastcallMarkingPass(Profile));
        });
}

IRPassOptions &passPluginOptions() {
  static IRPassOptions Options;
  return Options;
}

} // namespace bpf_nocsr

static void registerPassPluginPasses(PassBuilder &PB) {
  bpf_nocsr::registerIRPasses(PB, bpf_nocsr::passPluginOptions());
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "BPFNoCSR", LLVM_VERSION_STRING,
          registerPassPluginPasses};
}
