//===- CallChainStack.cpp - Stack of BPF-to-BPF call chains ---------------===//

#include "CallChainStack.h"

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace llvm;

namespace bpf_nocsr {

/// The kernel rounds each frame of a chain up to 16 bytes when the program
/// is JITed (32 for the interpreter); JIT is the common case.
static int roundFrame(int Bytes) { return int(alignTo(unsigned(Bytes), 16)); }

/// BPF-to-BPF calls nest at most this deep (MAX_CALL_FRAMES).
static constexpr unsigned MaxCallFrames = 8;

void CallChainStack::record(const Function &F, Frame Info) {
  Frames[&F] = std::move(Info);
}

CallChainStack::Depth
CallChainStack::computeDepth(const Function *F,
                             DenseMap<const Function *, Depth> &Memo,
                             unsigned Level) {
  auto Cached = Memo.find(F);
  if (Cached != Memo.end())
    return Cached->second;
  Depth Result;
  auto It = Frames.find(F);
  if (It == Frames.end() || Level > MaxCallFrames)
    return Result;
  const Frame &Own = It->second;
  Depth Deepest;
  for (const Function *Callee : Own.Callees) {
    Depth D = computeDepth(Callee, Memo, Level + 1);
    if (D.WithRegions > Deepest.WithRegions) {
      Deepest.WithRegions = D.WithRegions;
      Deepest.Next = Callee;
    }
    Deepest.WithoutRegions = std::max(Deepest.WithoutRegions, D.WithoutRegions);
  }
  Result.WithRegions =
      roundFrame(Own.FrameBytes + Own.RegionBytes) + Deepest.WithRegions;
  Result.WithoutRegions = roundFrame(Own.FrameBytes) + Deepest.WithoutRegions;
  Result.Next = Deepest.Next;
  Memo[F] = Result;
  return Result;
}

void CallChainStack::diagnose(const Module &M) {
  SmallPtrSet<const Function *, 16> Called;
  for (const auto &Entry : Frames)
    if (Entry.first->getParent() == &M)
      for (const Function *Callee : Entry.second.Callees)
        Called.insert(Callee);

  DenseMap<const Function *, Depth> Memo;
  for (const Function &F : M) {
    if (!Frames.count(&F) || Called.count(&F))
      continue;
    Depth D = computeDepth(&F, Memo, 1);
    if (D.WithRegions <= MaxStackDepth || D.WithoutRegions > MaxStackDepth)
      continue;
    std::string Chain = F.getName().str();
    for (const Function *Next = D.Next; Next; Next = Memo.lookup(Next).Next)
      Chain += " -> " + Next->getName().str();
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F,
        "call chain " + Chain + " needs " + Twine(D.WithRegions) +
            " bytes of stack, " + Twine(D.WithRegions - D.WithoutRegions) +
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
