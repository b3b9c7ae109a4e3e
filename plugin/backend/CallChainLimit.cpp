//===- CallChainLimit.cpp - Stack limit of BPF-to-BPF call chains ---------===//

#include "CallChainLimit.h"

#include "../HelperCalls.h"

#include "bpf_nocsr/CallChain.h"
#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace bpf_nocsr {

/// Is \p F's address passed to a helper or kfunc that registers it as an
/// asynchronous callback? Such a callback starts a chain of its own. An
/// address stored on the way (as at -O0) is not seen, and then counts.
static bool isAsyncCallback(const Function &F) {
  for (const Use &U : F.uses()) {
    const auto *CB = dyn_cast<CallBase>(U.getUser());
    if (!CB || CB->isCallee(&U))
      continue;
    if (std::optional<unsigned> Helper = getHelperNumber(*CB)) {
      if (takesAsyncCallback(int(*Helper)))
        return true;
    } else if (const Function *Callee = CB->getCalledFunction()) {
      if (takesAsyncCallback(std::string_view(Callee->getName())))
        return true;
    }
  }
  return false;
}

void CallChainLimit::recordFrame(const MachineFunction &MF, int FrameBytes,
                                 int RegionBytes) {
  Frame F;
  F.FrameBytes = FrameBytes;
  F.RegionBytes = RegionBytes;
  // Calls, and loads of a callback's address (bpf_loop and the like).
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB)
      for (const MachineOperand &MO : MI.operands()) {
        if (!MO.isGlobal())
          continue;
        const auto *Callee = dyn_cast<Function>(MO.getGlobal());
        if (Callee && !Callee->isDeclaration() &&
            (MI.isCall() || !isAsyncCallback(*Callee)))
          F.Callees.push_back(Callee);
      }
  Frames[&MF.getFunction()] = std::move(F);
}

void CallChainLimit::diagnoseChains(const Module &M) {
  // The recorded subprograms of M, numbered in module order.
  std::vector<const Function *> Subprogs;
  DenseMap<const Function *, size_t> Index;
  for (const Function &F : M)
    if (Frames.count(&F)) {
      Index[&F] = Subprogs.size();
      Subprogs.push_back(&F);
    }
  const size_t N = Subprogs.size();
  std::vector<int> WithRegions(N), WithoutRegions(N);
  std::vector<std::vector<size_t>> Callees(N);
  SmallPtrSet<const Function *, 16> Called;
  for (size_t S = 0; S < N; ++S) {
    const Frame &Own = Frames.find(Subprogs[S])->second;
    WithRegions[S] = Own.FrameBytes + Own.RegionBytes;
    WithoutRegions[S] = Own.FrameBytes;
    for (const Function *Callee : Own.Callees) {
      Called.insert(Callee);
      auto It = Index.find(Callee);
      if (It != Index.end())
        Callees[S].push_back(It->second);
    }
  }

  for (size_t Root = 0; Root < N; ++Root) {
    const Function &F = *Subprogs[Root];
    if (Called.count(&F))
      continue;
    const CallChain With = deepestCallChain(WithRegions, Callees, Root);
    const int Without =
        deepestCallChain(WithoutRegions, Callees, Root).StackBytes;
    if (With.StackBytes <= MaxStackDepth || Without > MaxStackDepth)
      continue;
    std::string Chain;
    for (size_t S : With.Frames)
      Chain += (Chain.empty() ? "" : " -> ") + Subprogs[S]->getName().str();
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F,
        "call chain " + Chain + " needs " + Twine(With.StackBytes) +
            " bytes of stack, " + Twine(With.StackBytes - Without) +
            " of them for bpf_fastcall bracket regions, over the BPF limit "
            "of " +
            Twine(MaxStackDepth) +
            " bytes; kernels that keep the brackets (older ones, socket "
            "filters, cgroup_skb, callees no kernel treats as fastcall) "
            "would reject it",
        DiagnosticLocation(F.getSubprogram()), DS_Error));
  }
  for (const Function &F : M)
    Frames.erase(&F);
}

} // namespace bpf_nocsr
