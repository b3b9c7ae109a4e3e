//===- MachineFunctionEncoding.h - A function as the kernel sees it -*- C++
//-*-//
//
// Encodes a machine function's final instructions into the program the
// checker's model (utils/lib/include/nocsr/FastcallModel.h) analyses, so the
// self-check runs the one copy of the kernel's rules.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_MACHINEFUNCTIONENCODING_H
#define BPF_NOCSR_BACKEND_MACHINEFUNCTIONENCODING_H

#include "nocsr/FastcallModel.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"

namespace llvm {
class MachineFunction;
class MachineInstr;
} // namespace llvm

namespace bpf_nocsr {

struct EncodedFunction {
  nocsr::ProgramInput Program;
  /// Program index of every emitted MachineInstr.
  llvm::DenseMap<const llvm::MachineInstr *, uint32_t> IndexOf;
};

/// Emit \p MF's instructions with the target's MC code emitter, in block
/// layout order, with branch offsets from that layout. Helper calls keep
/// their number; calls to external functions become kfunc calls (src_reg 2,
/// named, shaped after their IR prototype); calls to BPF functions become
/// BPF-to-BPF calls to an empty subprogram appended after the function.
/// Fails on what cannot be encoded (inline assembly).
llvm::Expected<EncodedFunction>
encodeMachineFunction(const llvm::MachineFunction &MF);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_MACHINEFUNCTIONENCODING_H
