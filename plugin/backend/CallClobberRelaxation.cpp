//===- CallClobberRelaxation.cpp - Fastcall clobber masks before RA -------===//
//
// On LLVM 19 every BPF call carries implicit defs of r0-r5 from the JAL
// instruction description, so the register allocator never keeps a value in
// a caller-saved register across a call. For calls the IR marks
// "bpf_fastcall" this pass drops the defs the contract says the callee does
// not clobber (everything but r0, unless it returns void, and its argument
// registers), so regalloc may keep values there; BracketInsertion later
// saves them around the call for kernels that do not inline the callee.
//
// Relaxing only pays when regalloc has something to gain: a value live across
// a call that would otherwise be spilled (more such values than r6-r9) or
// copied (it comes from or goes to an argument or result register). When no
// value of the function is in either case, the unrelaxed allocation already
// keeps them all in r6-r9 without a copy; relaxing then saves nothing and
// only perturbs the allocator's choices, so the function is left alone.
//
//===----------------------------------------------------------------------===//

#include "../HelperCalls.h"
#include "../PluginOptions.h"
#include "BPFMachineInfo.h"
#include "HostedPass.h"
#include "Passes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineOptimizationRemarkEmitter.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Debug.h"
#include "llvm/Target/TargetMachine.h"

#define DEBUG_TYPE "bpf-nocsr-relax"

using namespace llvm;
using NV = DiagnosticInfoOptimizationBase::Argument;

STATISTIC(NumRelaxed, "Calls whose clobber set was relaxed");
STATISTIC(NumNoGain, "Eligible calls left alone: relaxing could not save "
                     "an instruction");

static cl::opt<bool> RelaxAlways(
    "bpf-nocsr-relax-always",
    cl::desc("Relax every eligible call, as upstream does, even in functions "
             "where relaxing cannot save an instruction"),
    cl::init(false), cl::Hidden);

namespace bpf_nocsr {
namespace {

/// The eligible callees of one function, as the IR names them.
struct AttributedCallees {
  SmallPtrSet<const Function *, 4> Functions;
  /// Helper number -> does the call return void.
  DenseMap<uint64_t, bool> Helpers;
};

class CallClobberRelaxation : public HostedPass {
public:
  static char ID;
  explicit CallClobberRelaxation(char *HostID = nullptr)
      : HostedPass(ID, HostID) {}

  StringRef getPassName() const override {
    return "BPF nocsr call clobber relaxation";
  }
  bool runOnMachineFunction(MachineFunction &MF) override;
};

} // namespace

char CallClobberRelaxation::ID = 0;
char &CallClobberRelaxationID = CallClobberRelaxation::ID;

MachineFunctionPass *createCallClobberRelaxationPass(char *HostID) {
  return new CallClobberRelaxation(HostID);
}

static MachineBasicBlock *findMachineBlock(MachineFunction &MF,
                                           const BasicBlock *BB) {
  for (MachineBasicBlock &MBB : MF)
    if (MBB.getBasicBlock() == BB)
      return &MBB;
  return &MF.front();
}

/// Collects the attributed callees of \p MF's IR and diagnoses attributed
/// calls through a non-constant pointer, which cannot be relaxed. Without
/// optimisation even libbpf's constant helper pointers are loaded and called
/// with callx, and nothing is relaxed anyway: a remark, not a warning.
static AttributedCallees
collectEligibleCallees(MachineFunction &MF,
                       MachineOptimizationRemarkEmitter &ORE,
                       bool OptDisabled) {
  AttributedCallees Result;
  const Function &F = MF.getFunction();
  for (const Instruction &I : instructions(F)) {
    const auto *CB = dyn_cast<CallBase>(&I);
    if (!CB || !CB->hasFnAttr(FastcallIRAttr))
      continue;
    if (const Function *Callee = CB->getCalledFunction()) {
      Result.Functions.insert(Callee);
    } else if (std::optional<unsigned> N = getHelperNumber(*CB)) {
      Result.Helpers[*N] = CB->getType()->isVoidTy();
    } else if (OptDisabled) {
      ORE.emit([&] {
        return MachineOptimizationRemarkMissed(
                   RemarkPassName, "OptDisabled", CB->getDebugLoc(),
                   findMachineBlock(MF, CB->getParent()))
               << "call through a pointer not relaxed: optimisation is "
                  "disabled (-O0 or optnone); it clobbers r0-r5 and gets no "
                  "bracket";
      });
    } else if (!CB->isInlineAsm()) {
      F.getContext().diagnose(DiagnosticInfoUnsupported(
          F,
          "bpf_fastcall call through a non-constant pointer (callx) is not "
          "eligible; it clobbers r0-r5",
          DiagnosticLocation(CB->getDebugLoc()), DS_Warning));
      ORE.emit([&] {
        return MachineOptimizationRemarkMissed(
                   RemarkPassName, "IndirectCall", CB->getDebugLoc(),
                   findMachineBlock(MF, CB->getParent()))
               << "call through a non-constant pointer not relaxed: an "
                  "indirect call (callx) cannot be fastcall";
      });
    }
  }
  return Result;
}

/// Is \p Call eligible, and if so, does its callee return void and what is
/// it called (for remarks)?
static bool isEligibleCall(const MachineInstr &Call,
                           const AttributedCallees &Callees, bool &ReturnsVoid,
                           std::string &CalleeName) {
  const MachineOperand &Target = Call.getOperand(0);
  if (Target.isGlobal()) {
    const auto *Callee = dyn_cast<Function>(Target.getGlobal());
    if (!Callee || !(Callee->hasFnAttribute(FastcallIRAttr) ||
                     Callees.Functions.count(Callee)))
      return false;
    ReturnsVoid = Callee->getReturnType()->isVoidTy();
    CalleeName = Callee->getName().str();
    return true;
  }
  if (Target.isImm()) {
    auto It = Callees.Helpers.find(uint64_t(Target.getImm()));
    if (It == Callees.Helpers.end())
      return false;
    ReturnsVoid = It->second;
    CalleeName = "helper " + std::to_string(Target.getImm());
    return true;
  }
  return false;
}

/// The number of argument registers r1..r5 the call reads.
static unsigned countArgumentRegs(const MachineInstr &Call,
                                  const BPFMachineInfo &Info) {
  RegMask Args = 0;
  for (const MachineOperand &MO : Call.operands())
    if (MO.isReg() && MO.isUse()) {
      unsigned N = Info.regNumber(MO.getReg());
      if (N >= FirstArgReg && N < FirstArgReg + MaxArgRegs)
        Args |= regBit(N);
    }
  unsigned NumParams = 0;
  while (NumParams < MaxArgRegs && (Args & regBit(FirstArgReg + NumParams)))
    ++NumParams;
  return NumParams;
}

/// The callee-saved registers r6-r9 any value live across a call may use.
constexpr unsigned NumCalleeSavedRegs = FramePointerReg - NumCallerSavedRegs;

/// Where, in instruction positions of its block, a virtual register is live:
/// from Start (-1: live in) to End (INT_MAX: live out).
struct LocalLiveRange {
  int Start = INT_MAX;
  int End = -1;
};

/// Virtual registers live across some call (any call: they all compete for
/// r6-r9), computed on SSA machine code: each use walks back through the
/// predecessors to the def; a PHI's use sits at the end of its incoming block.
static SetVector<Register> collectValuesLiveAcrossCalls(MachineFunction &MF) {
  DenseMap<const MachineInstr *, int> Position;
  DenseMap<const MachineBasicBlock *, SmallVector<int, 2>> CallPositions;
  for (MachineBasicBlock &MBB : MF) {
    int I = 0;
    for (MachineInstr &MI : MBB) {
      Position[&MI] = I;
      if (MI.isCall())
        CallPositions[&MBB].push_back(I);
      ++I;
    }
  }
  SetVector<Register> Result;
  if (CallPositions.empty())
    return Result;
  const MachineRegisterInfo &MRI = MF.getRegInfo();
  for (unsigned Idx = 0, E = MRI.getNumVirtRegs(); Idx != E; ++Idx) {
    Register Reg = Register::index2VirtReg(Idx);
    const MachineInstr *Def = MRI.getUniqueVRegDef(Reg);
    if (!Def || MRI.use_nodbg_empty(Reg))
      continue;
    const MachineBasicBlock *DefBB = Def->getParent();
    DenseMap<const MachineBasicBlock *, LocalLiveRange> Ranges;
    Ranges[DefBB].Start = Position[Def];
    Ranges[DefBB].End = Position[Def];
    SmallVector<const MachineBasicBlock *, 8> LiveOutOf;
    for (const MachineInstr &Use : MRI.use_nodbg_instructions(Reg)) {
      if (Use.isPHI()) {
        for (unsigned Op = 1; Op + 1 < Use.getNumOperands(); Op += 2)
          if (Use.getOperand(Op).getReg() == Reg)
            LiveOutOf.push_back(Use.getOperand(Op + 1).getMBB());
        continue;
      }
      const MachineBasicBlock *UseBB = Use.getParent();
      LocalLiveRange &R = Ranges[UseBB];
      R.End = std::max(R.End, Position[&Use]);
      if (UseBB != DefBB) {
        R.Start = -1;
        append_range(LiveOutOf, UseBB->predecessors());
      }
    }
    SmallPtrSet<const MachineBasicBlock *, 8> Visited;
    while (!LiveOutOf.empty()) {
      const MachineBasicBlock *MBB = LiveOutOf.pop_back_val();
      if (!Visited.insert(MBB).second)
        continue;
      LocalLiveRange &R = Ranges[MBB];
      R.End = INT_MAX;
      if (MBB == DefBB)
        continue;
      R.Start = -1;
      append_range(LiveOutOf, MBB->predecessors());
    }
    for (const auto &[MBB, R] : Ranges) {
      auto It = CallPositions.find(MBB);
      if (It == CallPositions.end())
        continue;
      if (any_of(It->second, [&](int C) { return R.Start < C && C < R.End; }))
        Result.insert(Reg);
    }
  }
  return Result;
}

/// Is \p Reg joined, by copies, PHIs or two-address ties that the coalescer
/// may merge, to a physical register (an argument, the result, r10)? Then
/// keeping it in a caller-saved register may save a copy.
static bool isCopyRelatedToPhysReg(Register Reg,
                                   const MachineRegisterInfo &MRI) {
  SmallVector<Register, 8> Worklist = {Reg};
  DenseSet<unsigned> Seen;
  Seen.insert(Reg.id());
  auto Visit = [&](Register R) {
    if (R.isPhysical())
      return true;
    if (R.isVirtual() && Seen.insert(R.id()).second)
      Worklist.push_back(R);
    return false;
  };
  while (!Worklist.empty()) {
    Register R = Worklist.pop_back_val();
    if (const MachineInstr *Def = MRI.getUniqueVRegDef(R)) {
      if (Def->isCopyLike() || Def->isPHI()) {
        for (const MachineOperand &MO : Def->uses())
          if (MO.isReg() && Visit(MO.getReg()))
            return true;
      } else {
        for (const MachineOperand &MO : Def->uses())
          if (MO.isReg() && MO.isTied() && Visit(MO.getReg()))
            return true;
      }
    }
    for (const MachineOperand &UseMO : MRI.use_nodbg_operands(R)) {
      const MachineInstr &Use = *UseMO.getParent();
      if (Use.isCopyLike() || Use.isPHI()) {
        if (Visit(Use.getOperand(0).getReg()))
          return true;
      } else if (UseMO.isTied()) {
        unsigned DefIdx = Use.findTiedOperandIdx(Use.getOperandNo(&UseMO));
        if (Visit(Use.getOperand(DefIdx).getReg()))
          return true;
      }
    }
  }
  return false;
}

/// Can relaxing the eligible calls of \p MF save an instruction? Only if some
/// value live across a call would be spilled or copied without it. Sets
/// \p NumLiveAcross to the number of values live across calls.
static bool canRelaxationSave(MachineFunction &MF, unsigned &NumLiveAcross) {
  SetVector<Register> Live = collectValuesLiveAcrossCalls(MF);
  NumLiveAcross = Live.size();
  // With nothing live across a call relaxing changes nothing either; keep the
  // upstream mask (and the remark that no bracket is needed).
  if (Live.empty() || Live.size() > NumCalleeSavedRegs)
    return true;
  const MachineRegisterInfo &MRI = MF.getRegInfo();
  return any_of(Live,
                [&](Register R) { return isCopyRelatedToPhysReg(R, MRI); });
}

bool CallClobberRelaxation::runOnMachineFunction(MachineFunction &MF) {
  if (!isBPFFunction(MF))
    return false;
  MachineOptimizationRemarkEmitter ORE(MF, nullptr);
  // Without optimisation upstream relaxes but never brackets, which breaks
  // programs on kernels that do not inline the callee; we do neither.
  const bool OptDisabled =
      MF.getFunction().hasOptNone() ||
      MF.getTarget().getOptLevel() == CodeGenOptLevel::None;
  AttributedCallees Callees = collectEligibleCallees(MF, ORE, OptDisabled);
  if (Callees.Functions.empty() && Callees.Helpers.empty())
    return false;

  BPFMachineInfo Info(MF);
  bool Changed = false;
  // Computed at the first call that would otherwise be relaxed.
  std::optional<bool> CanSave;
  unsigned NumLiveAcross = 0;
  for (MachineBasicBlock &MBB : MF) {
    for (MachineInstr &MI : MBB) {
      if (MI.getOpcode() != Info.OpJAL)
        continue;
      bool ReturnsVoid = false;
      std::string CalleeName;
      if (!isEligibleCall(MI, Callees, ReturnsVoid, CalleeName))
        continue;
      if (OptDisabled) {
        ORE.emit([&] {
          return MachineOptimizationRemarkMissed(RemarkPassName, "OptDisabled",
                                                 MI.getDebugLoc(), &MBB)
                 << "call to " << NV("Callee", CalleeName)
                 << " not relaxed: optimisation is disabled (-O0 or "
                    "optnone); it clobbers r0-r5 and gets no bracket";
        });
        continue;
      }
      // Only helpers and kfuncs can be fastcall; the kernel would treat a
      // bracket around a BPF-to-BPF call as a stray access to the region
      // and keep every bracket of the subprogram.
      if (MI.getOperand(0).isGlobal() &&
          !MI.getOperand(0).getGlobal()->isDeclaration()) {
        ORE.emit([&] {
          return MachineOptimizationRemarkMissed(RemarkPassName, "Subprogram",
                                                 MI.getDebugLoc(), &MBB)
                 << "call to " << NV("Callee", CalleeName)
                 << " not relaxed: it is a BPF subprogram, not a helper or "
                    "kfunc, so no kernel treats it as fastcall";
        });
        continue;
      }
      if (!CanSave)
        CanSave = RelaxAlways || canRelaxationSave(MF, NumLiveAcross);
      if (!*CanSave) {
        ORE.emit([&] {
          return MachineOptimizationRemarkMissed(RemarkPassName, "NoGain",
                                                 MI.getDebugLoc(), &MBB)
                 << "call to " << NV("Callee", CalleeName)
                 << " not relaxed: the " << NV("NumLiveAcross", NumLiveAcross)
                 << " value(s) live across calls in this function fit in "
                    "r6-r9 without a copy, so relaxing cannot save an "
                    "instruction";
        });
        ++NumNoGain;
        continue;
      }
      const RegMask Clobbers =
          fastcallClobberMask(countArgumentRegs(MI, Info), ReturnsVoid) |
          profileClobberMask(MI);
      for (unsigned I = MI.getNumOperands(); I-- > 0;) {
        const MachineOperand &MO = MI.getOperand(I);
        if (!MO.isReg() || !MO.isDef() || !MO.isImplicit())
          continue;
        unsigned N = Info.regNumber(MO.getReg());
        if (isCallerSaved(N) && !(Clobbers & regBit(N)))
          MI.removeOperand(I);
      }
      LLVM_DEBUG(dbgs() << "bpf-nocsr: relaxed " << MI);
      ++NumRelaxed;
      Changed = true;
    }
  }
  return Changed;
}

} // namespace bpf_nocsr
