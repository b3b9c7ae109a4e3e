//===- BPFMachineInfo.h - BPF registers and opcodes by name -----*- C++ -*-===//
//
// The BPF target's generated enums (BPF::R0, BPF::STD, ...) are private to
// LLVM, so the plugin finds the few registers and opcodes it needs by their
// TableGen record names once per machine function, and maps them to the
// contract's register numbers (r0 = 0 ... r10 = 10).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_BPFMACHINEINFO_H
#define BPF_NOCSR_BACKEND_BPFMACHINEINFO_H

#include "bpf_nocsr/Contract.h"

#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/Register.h"
#include "llvm/MC/MCRegister.h"

namespace llvm {
class MachineInstr;
class TargetInstrInfo;
class TargetRegisterInfo;
} // namespace llvm

namespace bpf_nocsr {

bool isBPFFunction(const llvm::MachineFunction &MF);

struct BPFMachineInfo {
  const llvm::TargetRegisterInfo *TRI = nullptr;
  const llvm::TargetInstrInfo *TII = nullptr;
  /// 64-bit registers r0..r10.
  llvm::MCRegister Regs[FramePointerReg + 1];
  unsigned OpJAL = 0, OpSTD = 0, OpLDD = 0;

  explicit BPFMachineInfo(const llvm::MachineFunction &MF);

  /// The contract register number of \p Reg or of the 64-bit register it is
  /// a sub-register of; ~0u if it is neither r0..r10 nor part of one.
  unsigned regNumber(llvm::Register Reg) const;

  /// Caller-saved registers that \p Call may change: implicit and explicit
  /// defs (any sub-register) and register-mask clobbers.
  RegMask clobberedCallerSaved(const llvm::MachineInstr &Call) const;

  /// Is \p MI `*(u64 *)(r10 + off) = rX`? Sets \p Reg and \p Off.
  bool isFrameSpill(const llvm::MachineInstr &MI, unsigned &Reg,
                    int &Off) const;
  /// Is \p MI `rX = *(u64 *)(r10 + off)`? Sets \p Reg and \p Off.
  bool isFrameFill(const llvm::MachineInstr &MI, unsigned &Reg, int &Off) const;

private:
  /// STD and LDD share the operand order (reg, r10, off).
  bool matchFrameSlotAccess(const llvm::MachineInstr &MI, unsigned Opcode,
                            unsigned &Reg, int &Off) const;
};

/// What the callee table (FastcallCallees.def) says \p Call's callee (helper
/// number or kfunc name) clobbers: the kernel goes by this to decide which
/// registers a bracket may hold, whatever the program's declaration says. 0 if
/// the callee is not in the table.
RegMask calleeTableClobberMask(const llvm::MachineInstr &Call);

/// Text like "r1, r3" for a register set.
std::string formatRegs(RegMask Regs);

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_BPFMACHINEINFO_H
