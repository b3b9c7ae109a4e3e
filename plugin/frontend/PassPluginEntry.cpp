//===- PassPluginEntry.cpp - The IR passes as an LLVM pass plugin ---------===//
//
// The same module loaded with clang's `-fpass-plugin=`. Clang runs -fplugin's
// PassBuilderCallbacks only when it compiles source; `-fpass-plugin=` also
// applies when it compiles IR, e.g. the bitcode of -save-temps. Only the
// renaming runs here: plugin arguments (profile mode, selfcheck) do not reach
// pass plugins. (opt-19 cannot load this module: Debian's libclang-cpp it
// links registers command-line options opt already has.)
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "FastcallIRMarking.h"

#include "llvm/Passes/PassBuilder.h"
#include BPF_NOCSR_PASS_PLUGIN_HEADER

using namespace llvm;
using namespace bpf_nocsr;

static void registerPasses(PassBuilder &PB) {
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(FastcallAttrLoweringPass(std::nullopt));
      });
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "BPFNoCSR", LLVM_VERSION_STRING,
          registerPasses};
}
