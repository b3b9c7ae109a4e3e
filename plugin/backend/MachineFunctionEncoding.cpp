//===- MachineFunctionEncoding.cpp - A function as the kernel sees it -----===//
//
// Operands are lowered the way the BPF AsmPrinter lowers them, except that
// symbolic ones become immediates: branch targets the slot distance the
// object file will have, everything relocated (map addresses, call targets)
// zero. Calls are then given the shape libbpf gives them at load time.
//
//===----------------------------------------------------------------------===//

#include "MachineFunctionEncoding.h"
#include "../Compat.h"

#include "bpf_nocsr/FastcallCallees.h"

#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/MC/MCCodeEmitter.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCFixup.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

using namespace llvm;

namespace bpf_nocsr {

static Error encodingError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

static bool isEmitted(const MachineInstr &MI) {
  return !MI.isMetaInstruction();
}

/// \p MI as an MCInst; a block operand becomes the slot distance from the
/// next instruction to the start of that block.
static MCInst
lowerToMCInst(const MachineInstr &MI, uint32_t Slot,
              const DenseMap<const MachineBasicBlock *, uint32_t> &BlockSlot) {
  MCInst Inst;
  Inst.setOpcode(MI.getOpcode());
  for (const MachineOperand &MO : MI.operands()) {
    switch (MO.getType()) {
    case MachineOperand::MO_Register:
      if (!MO.isImplicit())
        Inst.addOperand(MCOperand::createReg(MO.getReg()));
      break;
    case MachineOperand::MO_Immediate:
      Inst.addOperand(MCOperand::createImm(MO.getImm()));
      break;
    case MachineOperand::MO_MachineBasicBlock: {
      auto It = BlockSlot.find(MO.getMBB());
      int64_t Target = It == BlockSlot.end() ? Slot + 1 : It->second;
      Inst.addOperand(MCOperand::createImm(Target - int64_t(Slot) - 1));
      break;
    }
    case MachineOperand::MO_RegisterMask:
    case MachineOperand::MO_Metadata:
    case MachineOperand::MO_MCSymbol:
      break;
    default: // Relocated in the object file.
      Inst.addOperand(MCOperand::createImm(0));
      break;
    }
  }
  return Inst;
}

namespace {

struct CallPatch {
  uint32_t Index;
  const MachineOperand *Target;
};

} // namespace

Expected<EncodedFunction> encodeMachineFunction(const MachineFunction &MF) {
  const TargetMachine &TM = MF.getTarget();
  std::unique_ptr<MCCodeEmitter> Emitter(
      BPF_NOCSR_CREATE_MC_CODE_EMITTER(TM, MF.getContext()));
  if (!Emitter)
    return encodingError("the BPF target has no MC code emitter");
  const MCSubtargetInfo &STI = MF.getSubtarget();
  const TargetInstrInfo &TII = *MF.getSubtarget().getInstrInfo();
  const bool LittleEndian = MF.getDataLayout().isLittleEndian();

  EncodedFunction Out;
  DenseMap<const MachineBasicBlock *, uint32_t> BlockSlot;
  SmallVector<char, 16> Bytes;
  SmallVector<MCFixup, 2> Fixups;
  auto Encode = [&](const MachineInstr &MI, uint32_t Slot) -> Error {
    if (MI.isInlineAsm() || MI.isPseudo())
      return encodingError("cannot encode '" + TII.getName(MI.getOpcode()) +
                           "'");
    Bytes.clear();
    Fixups.clear();
#if BPF_NOCSR_ENCODE_TO_VECTOR
    Emitter->encodeInstruction(lowerToMCInst(MI, Slot, BlockSlot), Bytes,
                               Fixups, STI);
#else
    raw_svector_ostream OS(Bytes);
    Emitter->encodeInstruction(lowerToMCInst(MI, Slot, BlockSlot), OS, Fixups,
                               STI);
#endif
    if (Bytes.empty() || Bytes.size() % nocsr::InsnSize)
      return encodingError("'" + TII.getName(MI.getOpcode()) + "' encodes to " +
                           Twine(Bytes.size()) + " bytes");
    return Error::success();
  };

  // Layout: the slot of every block and instruction (ldimm64 takes two).
  uint32_t Slots = 0;
  for (const MachineBasicBlock &MBB : MF) {
    BlockSlot[&MBB] = Slots;
    for (const MachineInstr &MI : MBB) {
      if (!isEmitted(MI))
        continue;
      if (Error E = Encode(MI, Slots))
        return Expected<EncodedFunction>(std::move(E));
      Out.IndexOf[&MI] = Slots;
      Slots += uint32_t(Bytes.size() / nocsr::InsnSize);
    }
  }

  std::vector<uint8_t> Raw;
  Raw.reserve(size_t(Slots + 2) * nocsr::InsnSize);
  SmallVector<CallPatch, 16> Calls;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB) {
      if (!isEmitted(MI))
        continue;
      const uint32_t Slot = Out.IndexOf[&MI];
      if (Error E = Encode(MI, Slot))
        return Expected<EncodedFunction>(std::move(E));
      Raw.insert(Raw.end(), Bytes.begin(), Bytes.end());
      if (MI.isCall() && MI.getNumOperands() &&
          (MI.getOperand(0).isGlobal() || MI.getOperand(0).isSymbol()))
        Calls.push_back({Slot, &MI.getOperand(0)});
    }

  // Calls to BPF functions go to a stub subprogram `r0 = 0; exit`.
  auto IsSubprogCall = [](const CallPatch &C) {
    const auto *Callee = C.Target->isGlobal()
                             ? dyn_cast<Function>(C.Target->getGlobal())
                             : nullptr;
    return Callee && !Callee->isDeclaration();
  };
  std::vector<uint32_t> Starts{0};
  const uint32_t Stub = Slots;
  if (llvm::any_of(Calls, IsSubprogCall)) {
    Starts.push_back(Stub);
    nocsr::Insn Mov, Exit;
    Mov.Code = nocsr::op::ALU64 | nocsr::op::MOV | nocsr::op::K;
    Exit.Code = nocsr::op::Exit;
    for (const nocsr::Insn &I : {Mov, Exit}) {
      uint8_t Buf[nocsr::InsnSize];
      nocsr::encodeInsn(I, Buf, LittleEndian);
      Raw.insert(Raw.end(), Buf, Buf + nocsr::InsnSize);
    }
  }

  Expected<nocsr::ProgramInput> In =
      nocsr::makeProgramInput(Raw, LittleEndian, std::move(Starts));
  if (!In)
    return In.takeError();
  Out.Program = std::move(*In);
  for (const CallPatch &C : Calls) {
    nocsr::Insn &I = Out.Program.Insns[C.Index];
    if (IsSubprogCall(C)) {
      I.Src = nocsr::op::PseudoCall;
      I.Imm = int32_t(Stub) - int32_t(C.Index) - 1;
      continue;
    }
    I.Src = nocsr::op::PseudoKfuncCall;
    I.Imm = 0;
    const std::string Name = C.Target->isGlobal()
                                 ? C.Target->getGlobal()->getName().str()
                                 : std::string(C.Target->getSymbolName());
    Out.Program.KfuncNames[C.Index] = Name;
    // The kernel takes an unlisted kfunc's shape from its BTF prototype.
    if (const auto *Callee = C.Target->isGlobal()
                                 ? dyn_cast<Function>(C.Target->getGlobal())
                                 : nullptr)
      if (!findKfunc(Name))
        Out.Program.KfuncShapes[Name] = {
            unsigned(Callee->getFunctionType()->getNumParams()),
            Callee->getReturnType()->isVoidTy()};
  }
  const Function &F = MF.getFunction();
  // A program's section gives its type; a .text function may end up in a
  // program of any type.
  if (F.hasSection() && F.getSection() != ".text")
    Out.Program.setSection(
        std::string_view(F.getSection().data(), F.getSection().size()));
  else
    Out.Program.Family = ProgFamily(AllFamilies);
  return Out;
}

} // namespace bpf_nocsr
