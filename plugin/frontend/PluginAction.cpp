//===- PluginAction.cpp - clang -fplugin entry point ----------------------===//
//
// Parses the plugin arguments and wires the IR passes into clang's pass
// pipeline through CodeGenOptions::PassBuilderCallbacks. Runs before the main
// action, so plain `clang -fplugin=BPFNoCSR.so` needs no other flag.
//
//===----------------------------------------------------------------------===//

#include "../PluginOptions.h"
#include "FastcallIRMarking.h"
#include "bpf_nocsr/Version.h"
#include "nocsr/ProfileFile.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"

using namespace clang;
using namespace llvm;

namespace bpf_nocsr {
namespace {

/// Parsed `-fplugin-arg-BPFNoCSR-*` arguments.
struct PluginArgs {
  /// Set in profile mode: mark every callee this kernel treats as fastcall.
  std::optional<KernelProfile> Profile;
  std::optional<bool> SelfCheck;
  bool PrintVersion = false;
};

/// Parses "VERSION[:ARCH]" (KernelProfile.h's spellings, e.g. "latest",
/// "6.12", "6.13:arm64"; the architecture defaults to x86-64) or the path of
/// a saved kernel profile (`nocsr-check --probe-kernel --format=json`).
static std::optional<KernelProfile> parseProfile(StringRef S) {
  if (S.ends_with(".json") || llvm::sys::fs::is_regular_file(S)) {
    Expected<nocsr::SavedProfile> Saved = nocsr::readProfileFile(S);
    if (!Saved) {
      llvm::errs() << "BPFNoCSR: " << toString(Saved.takeError()) << "\n";
      return std::nullopt;
    }
    return Saved->Profile;
  }
  auto [VersionStr, ArchStr] = S.split(':');
  std::optional<KernelVersion> V = parseKernelVersion(
      std::string_view(VersionStr.data(), VersionStr.size()));
  if (!V)
    return std::nullopt;
  KernelProfile P;
  P.Version = *V;
  if (!ArchStr.empty()) {
    std::optional<Arch> A =
        parseArch(std::string_view(ArchStr.data(), ArchStr.size()));
    if (!A)
      return std::nullopt;
    P.A = *A;
  }
  return P;
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
    Out.Profile = parseProfile(Value);
    return Out.Profile.has_value();
  }
  if (Name == "selfcheck") {
    if (Value != "on" && Value != "off")
      return false;
    Out.SelfCheck = Value == "on";
    return true;
  }
  if (Name == "version") {
    Out.PrintVersion = true;
    return !Arg.contains('=');
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
      // Helper calls become `call inttoptr (i64 N)` only once the pointer
      // variable's load is folded: mark late. At -O0 this pipeline still
      // runs the callback; unfolded calls are indirect (callx) anyway.
      // LLVM >= 20 adds an LTO-phase parameter; accept either signature.
      if (A.Profile)
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
          "eligible=attr|profile:VERSION[:ARCH]|profile:FILE, selfcheck=on|off "
          "or "
          "version)");
      D.Report(ID) << Arg << PluginName;
      OK = false;
    }
    if (Args.Profile && Args.Profile->Version.Major != ~0u) {
      KernelVersion Newest{0, 0};
      for (const FastcallSupport &S : FastcallSupportTable)
        if (S.Since.atLeast(Newest.Major, Newest.Minor))
          Newest = S.Since;
      const KernelVersion V = Args.Profile->Version;
      if (V.atLeast(Newest.Major + 1, 0))
        D.Report(D.getCustomDiagID(
            DiagnosticsEngine::Warning,
            "plugin %0: kernel %1.%2 is newer than any the profile table "
            "knows (%3.%4); it is predicted as the latest kernel"))
            << PluginName << V.Major << V.Minor << Newest.Major << Newest.Minor;
    }
    // Like clang -v: say which plugin this is, then compile as usual.
    if (Args.PrintVersion)
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Remark,
                                 "plugin %0 version %1, built with LLVM %2"))
          << PluginName << BPF_NOCSR_VERSION << LLVM_VERSION_STRING;
    return OK;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace bpf_nocsr

static FrontendPluginRegistry::Add<bpf_nocsr::BPFNoCSRAction>
    X(bpf_nocsr::PluginName, "BPF nocsr (bpf_fastcall) calls");
