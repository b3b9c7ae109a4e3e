//===- CallChainStack.h - Stack of BPF-to-BPF call chains -------*- C++ -*-===//
//
// The kernel limits the stack of a whole BPF-to-BPF call chain, each frame
// rounded up, to 512 bytes. Where the kernel removes the brackets the region
// is freed before that check; where it does not (old kernels, program types
// without the fastcall prototype such as socket filters) the regions count.
// This records every subprogram's frame and region as the bracket pass sees
// it and, once the module is done, warns about chains that only the bracket
// regions push over the limit.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_CALLCHAINSTACK_H
#define BPF_NOCSR_BACKEND_CALLCHAINSTACK_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace bpf_nocsr {

class CallChainStack {
public:
  struct Frame {
    int FrameBytes = 0;
    int RegionBytes = 0;
    llvm::SmallVector<const llvm::Function *, 4> Callees;
  };

  void record(const llvm::Function &F, Frame Info);
  /// Reports as errors the chains of \p M's recorded subprograms that
  /// exceed the limit with bracket regions but not without; then forgets M.
  void diagnose(const llvm::Module &M);

private:
  struct Depth {
    int WithRegions = 0;
    int WithoutRegions = 0;
    const llvm::Function *Next = nullptr;
  };
  Depth computeDepth(const llvm::Function *F,
                     llvm::DenseMap<const llvm::Function *, Depth> &Memo,
                     unsigned Level);

  llvm::DenseMap<const llvm::Function *, Frame> Frames;
};

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_CALLCHAINSTACK_H
