//===- PassInjection.cpp - Put the machine passes into the BPF pipeline ---===//
//
// Loading the plugin (clang -fplugin=, llc -load=) is the only switch.
//
// LLVM >= 21: RegisterTargetPassConfigCallback inserts the relaxation pass
// after FinalizeISel, where it tightens the clobber mask upstream relaxed for
// every bpf_fastcall call, and the bracket pass after the target's pre-emit
// passes.
//
// LLVM 19 has no hook, so the static initialiser re-points the pass-registry
// constructors of two passes the generic pipeline adds by ID: FinalizeISel
// (right after instruction selection, before regalloc) and StackMapLiveness
// (after the target's pre-emit passes). The replacement constructor returns
// our pass under the host's ID, requiring that ID; the legacy pass manager
// then asks the constructor for the host once more, gets the original, and
// schedules it right before ours. Sharing the ID keeps -stop-after and the
// targets' insertPass() anchored on the host working.
// Our passes do nothing on non-BPF triples.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "Passes.h"

#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/InitializePasses.h"
#include "llvm/PassInfo.h"
#include "llvm/PassRegistry.h"
#include "llvm/Target/TargetMachine.h"

#if BPF_NOCSR_HAS_TARGET_PASS_CONFIG_CALLBACK
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#endif

using namespace llvm;

namespace bpf_nocsr {

static Pass *createRelaxationPassDefault() {
  return createCallClobberRelaxationPass();
}
static Pass *createBracketPassDefault() { return createBracketInsertionPass(); }

void registerBackendPasses(PassRegistry &Registry) {
  static PassInfo Relax("BPF nocsr call clobber relaxation", "bpf-nocsr-relax",
                        &CallClobberRelaxationID, createRelaxationPassDefault,
                        false, false);
  static PassInfo Bracket("BPF nocsr bracket insertion", "bpf-nocsr-bracket",
                          &BracketInsertionID, createBracketPassDefault, false,
                          false);
  Registry.registerPass(Relax);
  Registry.registerPass(Bracket);
}

#if !BPF_NOCSR_HAS_TARGET_PASS_CONFIG_CALLBACK
namespace {

/// A pipeline pass whose registry constructor now builds one of ours.
struct HostPass {
  char *ID;
  PassInfo::NormalCtor_t OriginalCtor = nullptr;
  /// Set when our pass has just been built: the pass manager is about to ask
  /// for the host it requires, and that must be the original.
  bool OriginalDue = false;
};

HostPass FinalizeISelHost{&FinalizeISelID};
HostPass StackMapLivenessHost{&StackMapLivenessID};

Pass *createHostOrOurs(HostPass &Host,
                       MachineFunctionPass *(*CreateOurs)(char *)) {
  if (Host.OriginalDue) {
    Host.OriginalDue = false;
    return Host.OriginalCtor();
  }
  Host.OriginalDue = true;
  return CreateOurs(Host.ID);
}

Pass *createRelaxationAfterFinalizeISel() {
  return createHostOrOurs(FinalizeISelHost, createCallClobberRelaxationPass);
}
Pass *createBracketAfterStackMapLiveness() {
  return createHostOrOurs(StackMapLivenessHost, createBracketInsertionPass);
}

void wrapHost(PassRegistry &Registry, HostPass &Host,
              PassInfo::NormalCtor_t Ours) {
  auto *PI = const_cast<PassInfo *>(Registry.getPassInfo(Host.ID));
  if (!PI || !PI->getNormalCtor())
    report_fatal_error("bpf-nocsr: codegen pass to host the plugin's passes "
                       "is not registered");
  Host.OriginalCtor = PI->getNormalCtor();
  PI->setNormalCtor(Ours);
}

struct Injector {
  Injector() {
    PassRegistry &Registry = *PassRegistry::getPassRegistry();
    // clang registers the codegen passes only when it builds a pipeline;
    // registration is idempotent, so do it now to find our hosts.
    initializeCodeGen(Registry);
    registerBackendPasses(Registry);
    wrapHost(Registry, FinalizeISelHost, createRelaxationAfterFinalizeISel);
    wrapHost(Registry, StackMapLivenessHost,
             createBracketAfterStackMapLiveness);
  }
} TheInjector;

} // namespace
#else
namespace {

struct Injector {
  RegisterTargetPassConfigCallback Callback{
      [](TargetMachine &TM, PassManagerBase &, TargetPassConfig *Config) {
        if (!Config || !TM.getTargetTriple().isBPF())
          return;
        Config->insertPass(&FinalizeISelID, &CallClobberRelaxationID);
        Config->insertPass(&StackMapLivenessID, &BracketInsertionID);
      }};
  Injector() { registerBackendPasses(*PassRegistry::getPassRegistry()); }
} TheInjector;

} // namespace
#endif

} // namespace bpf_nocsr
