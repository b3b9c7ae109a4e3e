//===- CallChainLimit.h - Stack limit of BPF-to-BPF call chains -*- C++ -*-===//
//
// The kernel limits the stack of a whole BPF-to-BPF call chain, each frame
// rounded up, to 512 bytes (bpf_nocsr/CallChain.h). Where the kernel removes
// the brackets the region is freed before that check; where it does not (old
// kernels, program types without the fastcall prototype such as socket
// filters) the regions count. This records every subprogram's frame and
// region as the bracket pass sees it and, at the end of the module (the
// pass's doFinalization), reports chains that only the bracket regions push
// over the limit.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_CALLCHAINLIMIT_H
#define BPF_NOCSR_BACKEND_CALLCHAINLIMIT_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class Function;
class MachineFunction;
class Module;
} // namespace llvm

namespace bpf_nocsr {

class CallChainLimit {
public:
  /// Records \p MF's frame of \p FrameBytes below r10, \p RegionBytes of
  /// bracket region under it, and the subprograms it calls.
  void recordFrame(const llvm::MachineFunction &MF, int FrameBytes,
                   int RegionBytes);
  /// Reports as errors the chains of \p M's recorded subprograms that
  /// exceed the limit with bracket regions but not without; then forgets M.
  void diagnoseChains(const llvm::Module &M);

private:
  struct Frame {
    int FrameBytes = 0;
    int RegionBytes = 0;
    llvm::SmallVector<const llvm::Function *, 4> Callees;
  };
  llvm::DenseMap<const llvm::Function *, Frame> Frames;
};

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_CALLCHAINLIMIT_H
