//===- CallClobberRelaxation.cpp - Fastcall clobber masks before RA -------===//
//
// A call the IR marks "bpf_fastcall" may keep values in caller-saved
// registers r1-r5 across it; each kept register costs a spill/fill pair that
// kernels without fastcall run on every call. So each eligible call keeps only
// the registers the relaxation planner (RelaxationPlanner.h) finds worth a
// pair: those joined by copies to a value live across it, and those that take
// values off r6-r9 where more values live across calls than r6-r9 hold.
// Every other caller-saved register stays clobbered, so the allocator cannot
// move into r1-r5 a value that fits in r6-r9.
//
// On LLVM 19 the clobbers are the call's implicit defs of r0-r5, on LLVM >= 21
// the register mask upstream relaxes for every bpf_fastcall call; both are
// tightened here, after instruction selection and before register
// allocation. BracketInsertion then saves what the allocator kept live.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"
#include "../HelperCalls.h"
#include "BPFMachineInfo.h"
#include "CallCrossingValues.h"
#include "HostedPass.h"
#include "Passes.h"
#include "RelaxationPlanner.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineOptimizationRemarkEmitter.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Debug.h"
#include "llvm/Target/TargetMachine.h"

#include <algorithm>

#define DEBUG_TYPE "bpf-nocsr-relax"

using namespace llvm;
using NV = DiagnosticInfoOptimizationBase::Argument;

STATISTIC(NumRelaxed, "Calls whose clobber set was relaxed");
STATISTIC(NumRelaxedRegs, "Caller-saved registers kept across marked calls");
STATISTIC(NumNoGain, "Marked calls left alone: relaxing could not save "
                     "an instruction");

static cl::opt<bool> RelaxAlways(
    "bpf-nocsr-relax-always",
    cl::desc("Relax every eligible call for every caller-saved register the "
             "contract allows, as upstream does"),
    cl::init(false), cl::Hidden);

namespace bpf_nocsr {

namespace {

/// The callees of one function's calls marked in the IR, as it names them.
struct MarkedCallees {
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
  bool doInitialization(Module &) override {
    RemarkedUnmarked.clear();
    return false;
  }
  bool runOnMachineFunction(MachineFunction &MF) override;

private:
  /// Callees already named by the opt-in remark in this module.
  StringSet<> RemarkedUnmarked;
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

/// The first kernel version, on x86-64, that treats \p C as fastcall.
static std::string fastcallSinceVersion(const EligibleCallee &C) {
  for (const FastcallSupport &S : FastcallSupportTable)
    if (S.A == Arch::X86_64 && std::string_view(S.Name) == C.Name)
      return std::to_string(S.Since.Major) + "." +
             std::to_string(S.Since.Minor);
  return "?";
}

/// Says, once per callee and module, how to make a call to a callee that
/// kernels treat as fastcall: adding the plugin to unchanged code
/// relaxes nothing, and without this nothing would say why.
static void remarkUnmarkedFastcall(MachineFunction &MF,
                                   MachineOptimizationRemarkEmitter &ORE,
                                   const CallBase &CB, StringSet<> &Remarked) {
  const EligibleCallee *C = findTableCallee(CB);
  if (!C || !Remarked.insert(C->Name).second)
    return;
  ORE.emit([&] {
    MachineOptimizationRemarkMissed R(RemarkPassName, "NotMarked",
                                      CB.getDebugLoc(),
                                      findMachineBlock(MF, CB.getParent()));
    R << "call to " << NV("Callee", C->Name);
    if (C->Kind == CalleeKind::Helper)
      R << " (helper " << NV("Helper", C->HelperNumber) << ")";
    R << " not relaxed: not marked eligible, although kernels since "
      << NV("Since", fastcallSinceVersion(*C)) << " treat it as fastcall\n  ";
    StringRef Short = C->Name;
    Short.consume_front("bpf_");
    if (C->Kind == CalleeKind::Helper)
      R << "to opt in, call bpf_nocsr_" << Short
        << "() from bpf_nocsr.h, define BPF_NOCSR_REPLACE_HELPERS before "
           "including it, or ";
    else
      R << "to opt in, declare it __bpf_fastcall (bpf_nocsr.h declares it) "
           "or ";
    R << "pass -fplugin-arg-BPFNoCSR-eligible=profile:latest";
    return R;
  });
}

/// Collects the marked callees of \p MF's IR and diagnoses marked calls
/// through a non-constant pointer, which cannot be relaxed. Without
/// optimisation even libbpf's constant helper pointers are loaded and called
/// with callx, and nothing is relaxed anyway: a remark, not a warning.
static MarkedCallees collectMarkedCallees(MachineFunction &MF,
                                          MachineOptimizationRemarkEmitter &ORE,
                                          bool OptDisabled,
                                          StringSet<> &RemarkedUnmarked) {
  MarkedCallees Result;
  const Function &F = MF.getFunction();
  for (const Instruction &I : instructions(F)) {
    const auto *CB = dyn_cast<CallBase>(&I);
    if (!CB)
      continue;
    if (!hasFastcallMark(*CB)) {
      if (!OptDisabled)
        remarkUnmarkedFastcall(MF, ORE, *CB, RemarkedUnmarked);
      continue;
    }
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

/// Is \p Call marked in the IR (itself or its callee), and if so, does its
/// callee return void and what is it called (for remarks)?
static bool isMarkedCall(const MachineInstr &Call, const MarkedCallees &Callees,
                         bool &ReturnsVoid, std::string &CalleeName) {
  const MachineOperand &Target = Call.getOperand(0);
  if (Target.isGlobal()) {
    const auto *Callee = dyn_cast<Function>(Target.getGlobal());
    if (!Callee ||
        !(hasFastcallMark(*Callee) || Callees.Functions.count(Callee)))
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

/// The caller-saved registers (r0-r5) that \p Reg is joined to by copies,
/// PHIs or two-address ties: the coalescer or the allocator's copy hints may
/// give it one of them to save a copy.
static RegMask tiedCallerSavedRegs(Register Reg, const MachineRegisterInfo &MRI,
                                   const BPFMachineInfo &Info) {
  RegMask Tied = 0;
  SmallVector<Register, 8> Worklist = {Reg};
  DenseSet<unsigned> Seen;
  Seen.insert(Reg.id());
  auto Visit = [&](Register R) {
    if (R.isPhysical()) {
      unsigned N = Info.regNumber(R);
      if (isCallerSaved(N))
        Tied |= regBit(N);
    } else if (R.isVirtual() && Seen.insert(R.id()).second) {
      Worklist.push_back(R);
    }
  };
  while (!Worklist.empty()) {
    Register R = Worklist.pop_back_val();
    if (const MachineInstr *Def = MRI.getUniqueVRegDef(R)) {
      if (Def->isCopyLike() || Def->isPHI()) {
        for (const MachineOperand &MO : Def->uses())
          if (MO.isReg())
            Visit(MO.getReg());
      } else {
        for (const MachineOperand &MO : Def->uses())
          if (MO.isReg() && MO.isTied())
            Visit(MO.getReg());
      }
    }
    for (const MachineOperand &UseMO : MRI.use_nodbg_operands(R)) {
      const MachineInstr &Use = *UseMO.getParent();
      if (Use.isCopyLike() || Use.isPHI()) {
        Visit(Use.getOperand(0).getReg());
      } else if (UseMO.isTied()) {
        unsigned DefIdx = Use.findTiedOperandIdx(Use.getOperandNo(&UseMO));
        Visit(Use.getOperand(DefIdx).getReg());
      }
    }
  }
  return Tied;
}

/// The caller-saved registers \p Reg is copied from where it is defined,
/// through copies and PHIs: where the value arrives, e.g. a parameter.
static RegMask arrivalCallerSavedRegs(Register Reg,
                                      const MachineRegisterInfo &MRI,
                                      const BPFMachineInfo &Info) {
  RegMask Arrival = 0;
  SmallVector<Register, 4> Worklist = {Reg};
  DenseSet<unsigned> Seen;
  Seen.insert(Reg.id());
  while (!Worklist.empty()) {
    const MachineInstr *Def = MRI.getUniqueVRegDef(Worklist.pop_back_val());
    if (!Def || !(Def->isCopyLike() || Def->isPHI()))
      continue;
    for (const MachineOperand &MO : Def->uses()) {
      if (!MO.isReg())
        continue;
      const Register Src = MO.getReg();
      if (Src.isPhysical()) {
        const unsigned N = Info.regNumber(Src);
        if (isCallerSaved(N))
          Arrival |= regBit(N);
      } else if (Src.isVirtual() && Seen.insert(Src.id()).second) {
        Worklist.push_back(Src);
      }
    }
  }
  return Arrival;
}

/// Makes \p Call clobber every caller-saved register but \p Kept: on LLVM
/// 19 through its implicit defs of r0-r5, on later versions through the
/// register mask that upstream's bpf_fastcall lowering relaxed.
static void setKeptRegs(MachineInstr &Call, RegMask Kept,
                        const BPFMachineInfo &Info, MachineFunction &MF) {
  for (unsigned I = Call.getNumOperands(); I-- > 0;) {
    MachineOperand &MO = Call.getOperand(I);
    if (MO.isReg() && MO.isDef() && MO.isImplicit()) {
      unsigned N = Info.regNumber(MO.getReg());
      if (isCallerSaved(N) && (Kept & regBit(N)))
        BPF_NOCSR_REMOVE_OPERAND(Call, I);
      continue;
    }
    if (!MO.isRegMask())
      continue;
    RegMask Clobber = 0;
    for (unsigned N = 0; N < NumCallerSavedRegs; ++N)
      if (!(Kept & regBit(N)) && !MO.clobbersPhysReg(Info.Regs[N]))
        Clobber |= regBit(N);
    if (!Clobber)
      continue;
    const TargetRegisterInfo &TRI = *Info.TRI;
    unsigned Words = MachineOperand::getRegMaskSize(TRI.getNumRegs());
    uint32_t *Mask = MF.allocateRegMask();
    std::copy_n(MO.getRegMask(), Words, Mask);
    for (unsigned N = 0; N < NumCallerSavedRegs; ++N)
      if (Clobber & regBit(N))
        for (MCPhysReg Sub : TRI.subregs_inclusive(Info.Regs[N]))
          Mask[Sub / 32] &= ~(1u << (Sub % 32));
    MO.setRegMask(Mask);
  }
}

/// Is \p Call relaxed by the target already (LLVM >= 21: a register mask
/// that preserves some caller-saved register)?
static bool isNativelyRelaxed(const MachineInstr &Call,
                              const BPFMachineInfo &Info) {
  for (const MachineOperand &MO : Call.operands())
    if (MO.isRegMask())
      for (unsigned N = 1; N < NumCallerSavedRegs; ++N)
        if (!MO.clobbersPhysReg(Info.Regs[N]))
          return true;
  return false;
}

namespace {
/// A marked helper or kfunc call the pass may relax.
struct RelaxableSite {
  MachineInstr *Call;
  MachineBasicBlock *MBB;
  RegMask Bracketable;
  std::string CalleeName;
};
} // namespace

/// Says what \p S may keep and why: -Rpass=bpf-nocsr where it keeps every
/// register the contract allows, -Rpass-missed=bpf-nocsr otherwise. The first
/// line says what was decided, the second counts the values behind it.
static void remarkRelaxation(MachineOptimizationRemarkEmitter &ORE,
                             const RelaxableSite &S, const CallPlan &Plan) {
  auto Describe = [&](DiagnosticInfoOptimizationBase &R) {
    R << "call to " << NV("Callee", S.CalleeName);
    if (Plan.Kept)
      R << " may keep " << NV("Kept", formatRegs(Plan.Kept)) << " across it";
    else
      R << " clobbers r0-r5 as without fastcall";
    R << "\n  " << NV("NumLive", Plan.NumLive)
      << " value(s) live across it: " << NV("NumTied", Plan.NumTied)
      << " in the argument register they are copied from or to, "
      << NV("NumMoved", Plan.NumMoved)
      << " off r6-r9 where they are full; the rest fit in r6-r9";
  };
  if (Plan.Kept == S.Bracketable) {
    ORE.emit([&] {
      MachineOptimizationRemark R(RemarkPassName, "Relaxed",
                                  S.Call->getDebugLoc(), S.MBB);
      Describe(R);
      return R;
    });
    return;
  }
  ORE.emit([&] {
    MachineOptimizationRemarkMissed R(RemarkPassName,
                                      Plan.Kept ? "PartlyRelaxed" : "NoGain",
                                      S.Call->getDebugLoc(), S.MBB);
    Describe(R);
    return R;
  });
}

/// The planner's view of \p MF's relaxable calls.
static SmallVector<CallPlan, 4> planSites(MachineFunction &MF,
                                          ArrayRef<RelaxableSite> Sites,
                                          const BPFMachineInfo &Info) {
  DenseMap<const MachineInstr *, unsigned> SiteIndex;
  SmallVector<RelaxableCall, 8> Calls;
  for (const RelaxableSite &S : Sites) {
    SiteIndex[S.Call] = Calls.size();
    Calls.push_back({S.Bracketable});
  }
  CallCrossingValues Crossing = findCallCrossingValues(MF, SiteIndex);
  const MachineRegisterInfo &MRI = MF.getRegInfo();
  for (unsigned V = 0; V < Crossing.Values.size(); ++V)
    if (!Crossing.Values[V].RelaxableCalls.empty()) {
      Crossing.Values[V].Tied =
          tiedCallerSavedRegs(Crossing.Regs[V], MRI, Info);
      Crossing.Values[V].Arrival =
          arrivalCallerSavedRegs(Crossing.Regs[V], MRI, Info);
    }
  return planRelaxation(Calls, Crossing.Values, Crossing.NumPoints);
}

bool CallClobberRelaxation::runOnMachineFunction(MachineFunction &MF) {
  if (!isBPFFunction(MF))
    return false;
  MachineOptimizationRemarkEmitter ORE(MF, nullptr);
  // Without optimisation upstream relaxes but never brackets, which breaks
  // programs on kernels that do not inline the callee; we do neither.
  const bool OptDisabled =
      MF.getFunction().hasOptNone() ||
      MF.getTarget().getOptLevel() == BPF_NOCSR_CODEGEN_OPT_NONE;
  MarkedCallees Callees =
      collectMarkedCallees(MF, ORE, OptDisabled, RemarkedUnmarked);
  if (Callees.Functions.empty() && Callees.Helpers.empty())
    return false;

  BPFMachineInfo Info(MF);
  SmallVector<RelaxableSite, 8> Sites;
  bool Changed = false;
  for (MachineBasicBlock &MBB : MF) {
    for (MachineInstr &MI : MBB) {
      if (MI.getOpcode() != Info.OpJAL)
        continue;
      bool ReturnsVoid = false;
      std::string CalleeName;
      if (!isMarkedCall(MI, Callees, ReturnsVoid, CalleeName))
        continue;
      // Upstream's relaxed mask stays where we would not relax ourselves:
      // without optimisation the bracket pass leaves such calls alone.
      const bool Native = isNativelyRelaxed(MI, Info);
      if (OptDisabled) {
        if (!Native)
          ORE.emit([&] {
            return MachineOptimizationRemarkMissed(
                       RemarkPassName, "OptDisabled", MI.getDebugLoc(), &MBB)
                   << "call to " << NV("Callee", CalleeName)
                   << " not relaxed: optimisation is disabled (-O0 or "
                      "optnone); it clobbers r0-r5 and gets no bracket";
          });
        continue;
      }
      // Upstream's mask, as it was before the plugin tightened it.
      if (RelaxAlways && Native)
        continue;
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
        if (Native) {
          setKeptRegs(MI, 0, Info, MF);
          Changed = true;
        }
        continue;
      }
      const RegMask Bracketable =
          RegMask(bracketableMask(countArgumentRegs(MI, Info), ReturnsVoid) &
                  ~calleeTableClobberMask(MI));
      if (RelaxAlways) {
        setKeptRegs(MI, Bracketable, Info, MF);
        ++NumRelaxed;
        Changed = true;
        continue;
      }
      Sites.push_back({&MI, &MBB, Bracketable, std::move(CalleeName)});
    }
  }
  if (Sites.empty())
    return Changed;

  const SmallVector<CallPlan, 4> Plans = planSites(MF, Sites, Info);
  for (unsigned I = 0; I < Sites.size(); ++I) {
    setKeptRegs(*Sites[I].Call, Plans[I].Kept, Info, MF);
    remarkRelaxation(ORE, Sites[I], Plans[I]);
    if (Plans[I].Kept) {
      ++NumRelaxed;
      NumRelaxedRegs += popCount(Plans[I].Kept);
    } else {
      ++NumNoGain;
    }
  }
  return true;
}

} // namespace bpf_nocsr
