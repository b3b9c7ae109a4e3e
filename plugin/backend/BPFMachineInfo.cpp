//===- BPFMachineInfo.cpp - BPF registers and opcodes by name -------------===//

#include "BPFMachineInfo.h"
#include "../Compat.h"

#include "bpf_nocsr/FastcallCallees.h"

#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

namespace bpf_nocsr {

bool isBPFFunction(const MachineFunction &MF) {
  return BPF_NOCSR_IS_BPF_TRIPLE(MF.getTarget().getTargetTriple());
}

BPFMachineInfo::BPFMachineInfo(const MachineFunction &MF)
    : TRI(MF.getSubtarget().getRegisterInfo()),
      TII(MF.getSubtarget().getInstrInfo()) {
  for (unsigned R = 1, E = TRI->getNumRegs(); R < E; ++R) {
    StringRef Name = TRI->getName(R);
    unsigned N;
    if (Name.consume_front("R") && !Name.getAsInteger(10, N) &&
        N <= FramePointerReg)
      Regs[N] = MCRegister(R);
  }
  for (unsigned Op = 0, E = TII->getNumOpcodes(); Op < E; ++Op) {
    StringRef Name = TII->getName(Op);
    if (Name == "JAL")
      OpJAL = Op;
    else if (Name == "STD")
      OpSTD = Op;
    else if (Name == "LDD")
      OpLDD = Op;
  }
}

unsigned BPFMachineInfo::regNumber(Register Reg) const {
  if (!Reg.isPhysical())
    return ~0u;
  for (unsigned N = 0; N <= FramePointerReg; ++N)
    if (Regs[N] && TRI->isSubRegisterEq(Regs[N], Reg.asMCReg()))
      return N;
  return ~0u;
}

RegMask BPFMachineInfo::clobberedCallerSaved(const MachineInstr &Call) const {
  RegMask Clobbered = 0;
  for (const MachineOperand &MO : Call.operands()) {
    for (unsigned N = 0; N < NumCallerSavedRegs; ++N) {
      if (MO.isRegMask() && MO.clobbersPhysReg(Regs[N]))
        Clobbered |= regBit(N);
      else if (MO.isReg() && MO.isDef() && regNumber(MO.getReg()) == N)
        Clobbered |= regBit(N);
    }
  }
  return Clobbered;
}

bool BPFMachineInfo::matchFrameSlotAccess(const MachineInstr &MI,
                                          unsigned Opcode, unsigned &Reg,
                                          int &Off) const {
  if (MI.getOpcode() != Opcode || !MI.getOperand(0).isReg() ||
      !MI.getOperand(1).isReg() ||
      MI.getOperand(1).getReg() != Regs[FramePointerReg] ||
      !MI.getOperand(2).isImm())
    return false;
  Reg = regNumber(MI.getOperand(0).getReg());
  Off = int(MI.getOperand(2).getImm());
  return Reg != ~0u;
}

bool BPFMachineInfo::isFrameSpill(const MachineInstr &MI, unsigned &Reg,
                                  int &Off) const {
  return matchFrameSlotAccess(MI, OpSTD, Reg, Off);
}

bool BPFMachineInfo::isFrameFill(const MachineInstr &MI, unsigned &Reg,
                                 int &Off) const {
  return matchFrameSlotAccess(MI, OpLDD, Reg, Off);
}

RegMask calleeTableClobberMask(const MachineInstr &Call) {
  const MachineOperand &Target = Call.getOperand(0);
  const EligibleCallee *Known = nullptr;
  if (Target.isImm())
    Known = findHelper(unsigned(Target.getImm()));
  else if (Target.isGlobal())
    Known = findKfunc(Target.getGlobal()->getName().str());
  return Known ? Known->clobberMask() : RegMask(0);
}

std::string formatRegs(RegMask Regs) {
  std::string S;
  for (unsigned N = 0; N < NumCallerSavedRegs; ++N) {
    if (!(Regs & regBit(N)))
      continue;
    if (!S.empty())
      S += ", ";
    S += "r" + std::to_string(N);
  }
  return S;
}

} // namespace bpf_nocsr
