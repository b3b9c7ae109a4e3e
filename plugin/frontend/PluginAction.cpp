//===- PluginAction.cpp - clang -fplugin entry point ----------------------===//
//
// Parses the plugin arguments and wires the IR passes into clang's pass
// pipeline through CodeGenOptions::PassBuilderCallbacks. Runs before the main
// action, so plain `clang -fplugin=BPFNoCSR.so` needs no other flag.
//
//===----------------------------------------------------------------------===//

#include "../PluginOptions.h"
#include "FastcallIRMarking.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Passes/PassBuilder.h"

using namespace clang;
using namespace llvm;

namespace bpf_nocsr {
namespace {

/// Parsed `-fplugin-arg-BPFNoCSR-*` arguments.
struct PluginArgs {
  /// Set in profile mode: mark every callee this kernel treats as fastcall.
  std::optional<KernelProfile> Profile;
  std::optional<bool> SelfCheck;
};

/// Parses "latest" or "MAJOR.MINOR".
static std::optional<KernelVersion> parseKernelVersion(StringRef S) {
  if (S == "latest")
    return KernelVersion::latest();
  auto [MajorStr, MinorStr] = S.split('.');
  unsigned Major, Minor;
  if (MajorStr.getAsInteger(10, Major) || MinorStr.getAsInteger(10, Minor))
    return std::nullopt;
  return KernelVersion{Major, Minor};
}

/// Applies one `name=value` argument; returns false if it is not understood.
static bool parseArg(StringRef Arg, PluginArgs &Out) {
  auto [Name, Value] = Arg.split('=');
  if (Name == "eligible") {
    if (Value == "attr") {
      Out.Profile.reset();
      return true;
    }
    if (!Value.consume_front("profile:"))
      return false;
    std::optional<KernelVersion> V = parseKernelVersion(Value);
    if (!V)
      return false;
    KernelProfile P;
    P.Version = *V;
    Out.Profile = P;
    return true;
  }
  if (Name == "selfcheck") {
    if (Value != "on" && Value != "off")
      return false;
    Out.SelfCheck = Value == "on";
    return true;
  }
  return false;
}

class BPFNoCSRAction : public PluginASTAction {
  PluginArgs Args;

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    PluginArgs A = Args;
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back([A](PassBuilder &PB) {
      PB.registerPipelineStartEPCallback(
          [A](ModulePassManager &MPM, OptimizationLevel) {
            MPM.addPass(FastcallAttrLoweringPass(A.SelfCheck));
          });
      if (!A.Profile)
        return;
      // Helper calls become `call inttoptr (i64 N)` only once the pointer
      // variable's load is folded: mark late. At -O0 this pipeline still
      // runs the callback; unfolded calls are indirect (callx) anyway.
      // LLVM >= 20 adds an LTO-phase parameter; accept either signature.
      PB.registerOptimizerLastEPCallback(
          [A](ModulePassManager &MPM, OptimizationLevel, auto &&...) {
            MPM.addPass(ProfileFastcallMarkingPass(*A.Profile));
          });
    });
    return std::make_unique<ASTConsumer>();
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Argv) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    bool OK = true;
    for (const std::string &Arg : Argv) {
      if (parseArg(Arg, Args))
        continue;
      unsigned ID = D.getCustomDiagID(
          DiagnosticsEngine::Error,
          "unknown or malformed argument '%0' to plugin '%1' (expected "
          "eligible=attr|profile:latest|profile:MAJOR.MINOR or "
          "selfcheck=on|off)");
      D.Report(ID) << Arg << PluginName;
      OK = false;
    }
    return OK;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace bpf_nocsr

static FrontendPluginRegistry::Add<bpf_nocsr::BPFNoCSRAction>
    X(bpf_nocsr::PluginName, "BPF nocsr (bpf_fastcall) calls");
