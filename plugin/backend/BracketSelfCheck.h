//===- BracketSelfCheck.h - Check brackets against the kernel rule -*- C++ -*-//
//
// After bracketing, runs the checker's model of the verifier (the one copy
// of the kernel's rules, utils/lib/include/nocsr/FastcallModel.h) on a
// function's final instructions, with the "latest" kernel profile, and says
// which of the brackets the plugin placed the kernel would not remove.
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

/// Empty if the kernel would recognise every bracket in \p Brackets (all
/// their pairs), remove those around callees it treats as fastcall, and find
/// no access that breaks the stack contract; else what is wrong.
std::string checkBracketPlacement(const llvm::MachineFunction &MF,
                                  const BPFMachineInfo &Info,
                                  llvm::ArrayRef<PlacedBracket> Brackets);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_BRACKETSELFCHECK_H
