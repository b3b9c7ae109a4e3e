//===- PluginAction.cpp - clang -fplugin entry point ----------------------===//
//
// Parses the plugin arguments and wires the IR passes into clang's pass
// pipeline. Runs before the main action, so plain `clang -fplugin=BPFNoCSR.so`
// needs no other flag:
//  - clang >= 18: through CodeGenOptions::PassBuilderCallbacks;
//  - clang < 18, which has none: the action adds this very module to
//    CodeGenOptions::PassPlugins, and clang loads it again (dlopen returns the
//    same handle) as a pass plugin whose entry point reads the arguments left
//    in passPluginOptions().
// On BPF targets it also predefines __BPF_NOCSR_PLUGIN__, which bpf_nocsr.h
// tests because __has_attribute does not see plugin attributes before
// clang 17.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "../PluginOptions.h"
#include "FastcallIRMarking.h"
#include "bpf_nocsr/KernelSpec.h"
#include "bpf_nocsr/Version.h"
#include "nocsr/ProfileFile.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/ErrorHandling.h"

#include <dlfcn.h>

using namespace clang;
using namespace llvm;

namespace bpf_nocsr {
namespace {

/// Parsed `-fplugin-arg-BPFNoCSR-*` arguments.
struct PluginArgs : IRPassOptions {
  bool PrintVersion = false;
};

/// The profile of `eligible=profile:SPEC`: VERSION[:ARCH] (KernelSpec.h; the
/// architecture defaults to x86-64) or the path of a saved kernel profile
/// (`nocsr-check --probe-kernel --format=json`). Sets \p Error on failure.
static std::optional<nocsr::KernelProfile> parseProfile(StringRef S,
                                                        std::string &Error) {
  std::optional<KernelSpec> Spec =
      parseKernelSpec(std::string_view(S.data(), S.size()),
                      SpecArchSuffix | SpecProfileFile, "kernel", Error);
  if (!Spec)
    return std::nullopt;
  if (Spec->K == KernelSpec::Kind::ProfileFile) {
    Expected<nocsr::SavedProfile> Saved = nocsr::readProfileFile(Spec->Path);
    if (!Saved) {
      Error = toString(Saved.takeError());
      return std::nullopt;
    }
    return Saved->Profile;
  }
  return nocsr::KernelProfile::fromTable(Spec->Version,
                                         Spec->A.value_or(Arch::X86_64));
}

/// Applies one `name=value` argument; returns false if it is not understood,
/// with the reason in \p Error where there is more to say than that.
static bool parseArg(StringRef Arg, PluginArgs &Out, std::string &Error) {
  auto [Name, Value] = Arg.split('=');
  if (Name == "eligible") {
    if (Value == "attr") {
      Out.Profile.reset();
      return true;
    }
    if (!Value.consume_front("profile:"))
      return false;
    Out.Profile = parseProfile(Value, Error);
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

/// Makes the plugin known to the source, as `__has_attribute(nocsr)` does
/// from clang 17 on. The action runs after the preprocessor is created but
/// before it reads its predefines.
static void predefinePluginMacro(Preprocessor &PP) {
  PP.setPredefines(PP.getPredefines() + "#define " + PluginMacro + " 1\n");
}

#if !BPF_NOCSR_HAS_PASS_BUILDER_CALLBACKS
/// Adds the path this module was loaded from to clang's pass plugins, unless
/// the user already named it with -fpass-plugin=.
static void addSelfAsPassPlugin(std::vector<std::string> &PassPlugins) {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&addSelfAsPassPlugin), &Info) ||
      !Info.dli_fname)
    report_fatal_error("BPFNoCSR: cannot find the plugin's own path");
  std::string Self = Info.dli_fname;
  if (!llvm::is_contained(PassPlugins, Self))
    PassPlugins.push_back(Self);
}
#endif

class BPFNoCSRAction : public PluginASTAction {
  PluginArgs Args;

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    const IRPassOptions Options = Args;
#if BPF_NOCSR_HAS_PASS_BUILDER_CALLBACKS
    CI.getCodeGenOpts().PassBuilderCallbacks.push_back(
        [Options](PassBuilder &PB) { registerIRPasses(PB, Options); });
#else
    passPluginOptions() = Options;
    addSelfAsPassPlugin(CI.getCodeGenOpts().PassPlugins);
#endif
    if (BPF_NOCSR_IS_BPF_TRIPLE(CI.getTarget().getTriple()))
      predefinePluginMacro(CI.getPreprocessor());
    return std::make_unique<ASTConsumer>();
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Argv) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    bool OK = true;
    for (const std::string &Arg : Argv) {
      std::string Error;
      if (parseArg(Arg, Args, Error))
        continue;
      if (Error.empty())
        Error = "expected eligible=attr|profile:VERSION[:ARCH]|profile:FILE, "
                "selfcheck=on|off or version";
      unsigned ID = D.getCustomDiagID(
          DiagnosticsEngine::Error,
          "unknown or malformed argument '%0' to plugin '%1': %2");
      D.Report(ID) << Arg << PluginName << Error;
      OK = false;
    }
    if (Args.Profile && !Args.Profile->Version.isLatest()) {
      const KernelVersion Newest = newestTableVersion();
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
