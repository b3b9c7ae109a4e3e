//===- BracketSelfCheck.h - Check brackets against the kernel rule -*- C++ -*-//
//
// After bracketing, replays the kernel's recognition rule (Contract.h) on a
// function's final instructions: the anchor is the lowest 64-bit r10 store
// offset of the subprogram, pair i of every bracket must sit at anchor + 8i,
// and nothing else may touch the region below the smallest bracket's top.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_BRACKETSELFCHECK_H
#define BPF_NOCSR_BACKEND_BRACKETSELFCHECK_H

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace llvm {
class MachineFunction;
class MachineInstr;
} // namespace llvm

namespace bpf_nocsr {

struct BPFMachineInfo;

struct PlacedBracket {
  const llvm::MachineInstr *Call;
  RegMask Saved;
};

/// Empty if the kernel would recognise every bracket in \p Brackets, else
/// what is wrong.
std::string checkBracketPlacement(const llvm::MachineFunction &MF,
                                  const BPFMachineInfo &Info,
                                  llvm::ArrayRef<PlacedBracket> Brackets);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_BRACKETSELFCHECK_H
