//===- CallClobberRelaxation.cpp - Fastcall clobber masks before RA -------===//
//
// A call the IR marks "bpf_fastcall" may keep values in caller-saved
// registers r1-r5 across it; each such value costs a spill/fill pair that
// kernels without fastcall run on every call. So each eligible call keeps
// only as many caller-saved registers as the values live across it need:
//
//  - a value joined by copies to a caller-saved register the call does not
//    clobber (an argument of the function or of a later call) keeps that
//    register, saving the copy to r6-r9;
//  - the other values fill the free callee-saved registers r6-r9 first; only
//    those beyond them (which would otherwise be spilled) get a caller-saved
//    register, the highest first, away from the allocator's first choices.
//
// Every other caller-saved register stays clobbered, so the allocator cannot
// move into r1-r5 a value that fits in r6-r9. A call that needs none is not
// relaxed at all. This sizing is a guess made before allocation: when the
// function carries masks chosen by trial compiles (RelaxationSearch.cpp,
// clang with the plugin at -O1 and above), those are used instead. On LLVM 19
// the clobbers are the call's implicit defs of r0-r5, on LLVM >= 21 the
// register mask upstream relaxes for every bpf_fastcall call; both are
// tightened here, before register allocation. BracketInsertion then saves what
// the allocator kept live.
//
//===----------------------------------------------------------------------===//

#include "../HelperCalls.h"
#include "../PluginOptions.h"
#include "BPFMachineInfo.h"
#include "HostedPass.h"
#include "Passes.h"
#include "RelaxationTrials.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
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
#include <climits>

#define DEBUG_TYPE "bpf-nocsr-relax"

using namespace llvm;
using NV = DiagnosticInfoOptimizationBase::Argument;

STATISTIC(NumRelaxed, "Calls whose clobber set was relaxed");
STATISTIC(NumRelaxedRegs, "Caller-saved registers kept across eligible calls");
STATISTIC(NumNoGain, "Eligible calls left alone: relaxing could not save "
                     "an instruction");

static cl::opt<bool> RelaxAlways(
    "bpf-nocsr-relax-always",
    cl::desc("Relax every eligible call for every caller-saved register the "
             "contract allows, as upstream does"),
    cl::init(false), cl::Hidden);

static cl::opt<bool> RelaxTied(
    "bpf-nocsr-relax-tied",
    cl::desc("Keep a value joined to a caller-saved argument register in it "
             "across an eligible call, saving a copy to r6-r9"),
    cl::init(true), cl::Hidden);

static cl::opt<unsigned> RelaxSlack(
    "bpf-nocsr-relax-slack",
    cl::desc("Caller-saved registers kept beyond the count the values live "
             "across an eligible call need, where they fill r6-r9"),
    cl::init(0), cl::Hidden);

namespace bpf_nocsr {

bool isRelaxAlwaysRequested() { return RelaxAlways; }

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

/// Call instruction -> the virtual registers defined before it and used after
/// it. Computed on SSA machine code: each use walks back through the
/// predecessors to the unique def; a PHI's use sits at the end of its
/// incoming block. Calls with nothing live across them have no entry.
using LiveAcrossMap = DenseMap<const MachineInstr *, SmallVector<Register, 8>>;

namespace {
/// Where, in instruction positions of its block, a virtual register is live:
/// from Start (-1: live in) to End (INT_MAX: live out).
struct LocalLiveRange {
  int Start = INT_MAX;
  int End = -1;
};
} // namespace

static LiveAcrossMap computeLiveAcrossCalls(const MachineFunction &MF) {
  DenseMap<const MachineInstr *, int> Position;
  DenseMap<const MachineBasicBlock *,
           SmallVector<std::pair<int, const MachineInstr *>, 2>>
      Calls;
  for (const MachineBasicBlock &MBB : MF) {
    int I = 0;
    for (const MachineInstr &MI : MBB) {
      Position[&MI] = I;
      if (MI.isCall())
        Calls[&MBB].push_back({I, &MI});
      ++I;
    }
  }
  LiveAcrossMap Result;
  if (Calls.empty())
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
      auto It = Calls.find(MBB);
      if (It == Calls.end())
        continue;
      for (const auto &[Pos, Call] : It->second)
        if (R.Start < Pos && Pos < R.End)
          Result[Call].push_back(Reg);
    }
  }
  return Result;
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

/// The callee-saved registers r6-r9 any value live across a call may use.
constexpr unsigned NumCalleeSavedRegs = FramePointerReg - NumCallerSavedRegs;

/// What one eligible call keeps, and why.
struct CallRelaxation {
  /// Caller-saved registers the call no longer clobbers.
  RegMask Kept = 0;
  /// Values live across the call.
  unsigned NumLive = 0;
  /// Of them: kept in the register they are joined to.
  unsigned NumTied = 0;
  /// Of the others: in r6-r9.
  unsigned NumCalleeSaved = 0;
  /// Of the others: beyond r6-r9, with or without a register to keep.
  unsigned NumBeyond = 0;
  unsigned NumUnplaced = 0;
};

static RegMask lowestReg(RegMask M) { return RegMask(M & (~M + 1)); }

/// Sizes the relaxation of one call that may keep \p Bracketable.
static CallRelaxation planRelaxation(ArrayRef<Register> Live,
                                     RegMask Bracketable,
                                     const MachineRegisterInfo &MRI,
                                     const BPFMachineInfo &Info) {
  CallRelaxation Plan;
  Plan.NumLive = Live.size();
  unsigned NeedRegs = 0;
  for (Register Reg : Live) {
    if (RelaxTied) {
      RegMask Tied = RegMask(tiedCallerSavedRegs(Reg, MRI, Info) & Bracketable &
                             ~Plan.Kept);
      if (Tied) {
        Plan.Kept |= lowestReg(Tied);
        ++Plan.NumTied;
        continue;
      }
    }
    ++NeedRegs;
  }
  Plan.NumCalleeSaved = std::min(NeedRegs, NumCalleeSavedRegs);
  Plan.NumBeyond = NeedRegs - Plan.NumCalleeSaved;
  unsigned Overflow = Plan.NumBeyond;
  if (NeedRegs >= NumCalleeSavedRegs)
    Overflow += RelaxSlack;
  for (int N = int(NumCallerSavedRegs) - 1; N >= 0 && Overflow; --N) {
    if ((Bracketable & ~Plan.Kept) & regBit(unsigned(N))) {
      Plan.Kept |= regBit(unsigned(N));
      --Overflow;
    }
  }
  Plan.NumUnplaced = Overflow;
  return Plan;
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
        Call.removeOperand(I);
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
/// An eligible call the pass may relax.
struct RelaxableSite {
  MachineInstr *Call;
  MachineBasicBlock *MBB;
  RegMask Bracketable;
  /// The pass's own sizing, from the values live across the call.
  CallRelaxation Plan;
  std::string CalleeName;
};
} // namespace

/// Says why \p S keeps \p Kept and not more (-Rpass-missed=bpf-nocsr), or
/// that it keeps all it may (-Rpass=bpf-nocsr).
static void remarkRelaxation(MachineOptimizationRemarkEmitter &ORE,
                             const RelaxableSite &S, RegMask Kept,
                             bool Measured, const Function &F) {
  const CallRelaxation &Plan = S.Plan;
  auto Describe = [&](DiagnosticInfoOptimizationBase &R) {
    if (!Kept && !Measured) {
      R << "call to " << NV("Callee", S.CalleeName) << " not relaxed: the "
        << NV("NumLive", Plan.NumLive)
        << " value(s) live across it fit in r6-r9 without a copy, so "
           "relaxing cannot save an instruction";
      return;
    }
    R << "call to " << NV("Callee", S.CalleeName);
    if (Kept)
      R << " relaxed for " << NV("NumKept", popCount(Kept)) << " of "
        << NV("NumBracketable", popCount(S.Bracketable))
        << " caller-saved registers (" << NV("Kept", formatRegs(Kept)) << ")";
    else
      R << " not relaxed";
    R << ": of the " << NV("NumLive", Plan.NumLive)
      << " value(s) live across it " << NV("NumTied", Plan.NumTied)
      << " stay in the argument register they are copied from or to, "
      << NV("NumCalleeSaved", Plan.NumCalleeSaved) << " fit in r6-r9, "
      << NV("NumBeyond", Plan.NumBeyond) << " need another register";
    if (Measured)
      R << "; chosen by trial compiles ("
        << NV("Trials", F.getFnAttribute(TrialSummaryAttr).getValueAsString())
        << ")";
    else if (Kept != S.Bracketable)
      R << "; the other registers stay clobbered, relaxing them cannot "
           "save an instruction";
  };
  if (Kept == S.Bracketable) {
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
                                      Kept ? "PartlyRelaxed" : "NoGain",
                                      S.Call->getDebugLoc(), S.MBB);
    Describe(R);
    return R;
  });
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
  const MachineRegisterInfo &MRI = MF.getRegInfo();
  std::optional<LiveAcrossMap> LiveAcross;
  SmallVector<RelaxableSite, 8> Sites;
  bool Changed = false;
  for (MachineBasicBlock &MBB : MF) {
    for (MachineInstr &MI : MBB) {
      if (MI.getOpcode() != Info.OpJAL)
        continue;
      bool ReturnsVoid = false;
      std::string CalleeName;
      if (!isEligibleCall(MI, Callees, ReturnsVoid, CalleeName))
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
      if (!LiveAcross)
        LiveAcross = computeLiveAcrossCalls(MF);
      auto It = LiveAcross->find(&MI);
      ArrayRef<Register> Live;
      if (It != LiveAcross->end())
        Live = It->second;
      Sites.push_back({&MI, &MBB, Bracketable,
                       planRelaxation(Live, Bracketable, MRI, Info),
                       std::move(CalleeName)});
    }
  }
  if (Sites.empty())
    return Changed;

  // Trial compiles (RelaxationSearch) measured which registers to keep.
  const std::optional<SmallVector<RegMask, 4>> Chosen =
      readKeptRegs(MF.getFunction(), Sites.size());
  TrialRecorder *Recorder = TrialRecorder::active();
  FunctionTrial *Trial = Recorder ? &Recorder->function(MF.getName()) : nullptr;
  for (unsigned I = 0; I < Sites.size(); ++I) {
    RelaxableSite &S = Sites[I];
    const RegMask Kept =
        Chosen ? RegMask((*Chosen)[I] & S.Bracketable) : S.Plan.Kept;
    setKeptRegs(*S.Call, Kept, Info, MF);
    Changed = true;
    if (Trial)
      Trial->Calls.push_back({S.Bracketable, S.Plan.Kept});
    else
      remarkRelaxation(ORE, S, Kept, Chosen.has_value(), MF.getFunction());
    if (Kept) {
      ++NumRelaxed;
      NumRelaxedRegs += popCount(Kept);
    } else {
      ++NumNoGain;
    }
  }
  return Changed;
}

} // namespace bpf_nocsr
