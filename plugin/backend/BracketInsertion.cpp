//===- BracketInsertion.cpp - Anchored spill/fill brackets ----------------===//
//
// After frame finalisation, every call that keeps caller-saved registers live
// across it (only relaxed fastcall calls can) gets a bracket: a 64-bit spill
// of each such register right before the call and the mirrored fill right
// after, so kernels that do not inline the callee still see the values
// preserved. Kernels that do recognise the bracket delete it, but only if
// pair i of every bracket sits at anchor + 8i, the anchor being the lowest
// 64-bit r10 store of the subprogram. Upstream (LLVM >= 20) starts every
// bracket at the top of the region instead, so mixed bracket sizes defeat
// the kernel; here all brackets share one region below the frame, sized for
// the largest one, and each starts at its bottom (BracketLayoutPlanner.h).
// On LLVM >= 20 upstream's brackets are recognised and re-placed the same
// way.
//
// Once the module's last function is through, every frame is known: the
// pass's doFinalization checks the limit on BPF-to-BPF call chains.
//
//===----------------------------------------------------------------------===//

#include "../IRInterface.h"
#include "BPFMachineInfo.h"
#include "BracketLayoutPlanner.h"
#include "BracketSelfCheck.h"
#include "CallChainLimit.h"
#include "HostedPass.h"
#include "MachineFunctionEncoding.h"
#include "Passes.h"

#include "bpf_nocsr/BracketMatch.h"
#include "bpf_nocsr/FrameOffset.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/CodeGen/LivePhysRegs.h"
#include "llvm/CodeGen/MachineFrameInfo.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/MachineOptimizationRemarkEmitter.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Debug.h"

#include <algorithm>

#define DEBUG_TYPE "bpf-nocsr-bracket"

using namespace llvm;
using NV = DiagnosticInfoOptimizationBase::Argument;

STATISTIC(NumBrackets, "Calls bracketed");
STATISTIC(NumPairs, "Spill/fill pairs emitted");

#ifdef NDEBUG
static constexpr bool SelfCheckDefault = false;
#else
static constexpr bool SelfCheckDefault = true;
#endif

static cl::opt<bool> SelfCheckOpt(
    "bpf-nocsr-selfcheck",
    cl::desc("Check every bracket against the kernel's recognition rule "
             "after insertion (overrides the selfcheck plugin argument)"),
    cl::init(SelfCheckDefault));

static cl::opt<bool> UpstreamPlacement(
    "bpf-nocsr-upstream-placement", cl::Hidden,
    cl::desc("Start every bracket at the top of the region, as upstream LLVM "
             "does (for comparison and for testing the self-check)"),
    cl::init(false));

namespace bpf_nocsr {
namespace {

struct FastcallSite {
  MachineInstr *Call;
  /// Caller-saved registers live across the call. Private are the ones the
  /// kernel would not accept in this call's bracket (all of them for calls
  /// it cannot take for fastcall; for known callees declared with fewer
  /// parameters or as void, LLVM >= 20 only): they get private slots above
  /// the region, outside the kernel's pattern.
  BracketRegs Regs;
  /// Can the kernel take the call for fastcall (a helper or kfunc)? Only
  /// LLVM >= 20 relaxes other calls (BPF-to-BPF, callx).
  bool KernelVisible = true;
  /// A bracket already around the call (upstream's), to be re-placed.
  SmallVector<MachineInstr *, 12> OldBracket;
};

class BracketInsertion : public HostedPass {
public:
  static char ID;
  explicit BracketInsertion(char *HostID = nullptr) : HostedPass(ID, HostID) {}

  StringRef getPassName() const override {
    return "BPF nocsr bracket insertion";
  }
  bool runOnMachineFunction(MachineFunction &MF) override;
  /// Every frame of the module is known once its last function is through.
  bool doFinalization(Module &M) override {
    Chains.diagnoseChains(M);
    return false;
  }

private:
  CallChainLimit Chains;
  bool bracketFastcalls(MachineFunction &MF);
};

} // namespace

char BracketInsertion::ID = 0;
char &BracketInsertionID = BracketInsertion::ID;

MachineFunctionPass *createBracketInsertionPass(char *HostID) {
  return new BracketInsertion(HostID);
}

/// The bottom of the frame, below which the brackets go: the lowest frame
/// object offset rounded down to a slot. Fixed spill objects are upstream's
/// bracket slots (BPF has no other fixed objects), which the region replaces.
static int computeFrameBottom(const MachineFrameInfo &MFI) {
  int64_t Lowest = 0;
  for (int I = MFI.getObjectIndexBegin(); I < MFI.getObjectIndexEnd(); ++I) {
    if (MFI.isDeadObjectIndex(I) ||
        (MFI.isFixedObjectIndex(I) && MFI.isSpillSlotObjectIndex(I)))
      continue;
    Lowest = std::min(Lowest, MFI.getObjectOffset(I));
  }
  return alignDownToSlot(int(Lowest));
}

static const MachineInstr *emittedNeighbour(const MachineInstr &MI,
                                            bool Before) {
  auto It = MI.getIterator();
  const MachineBasicBlock &MBB = *MI.getParent();
  do {
    if (Before) {
      if (It == MBB.begin())
        return nullptr;
      --It;
    } else {
      ++It;
      if (It == MBB.end())
        return nullptr;
    }
  } while (It->isMetaInstruction());
  return &*It;
}

namespace {
/// The emitted instructions around a call in its block, as matchBracket
/// reads them. Only slots below the frame count: regalloc's spill slots lie
/// inside it.
class MachineInstrsAroundCall {
  SmallVector<MachineInstr *, MaxBracketPairs> Before, After;
  const BPFMachineInfo &Info;
  int FrameBottom;

  static void collect(MachineInstr &Call, bool Before,
                      SmallVectorImpl<MachineInstr *> &Out) {
    const MachineInstr *MI = &Call;
    while (Out.size() < MaxBracketPairs && (MI = emittedNeighbour(*MI, Before)))
      Out.push_back(const_cast<MachineInstr *>(MI));
  }

public:
  MachineInstrsAroundCall(MachineInstr &Call, const BPFMachineInfo &Info,
                          int FrameBottom)
      : Info(Info), FrameBottom(FrameBottom) {
    collect(Call, /*Before=*/true, Before);
    collect(Call, /*Before=*/false, After);
  }

  MachineInstr *spill(unsigned I) const { return Before[I - 1]; }
  MachineInstr *fill(unsigned I) const { return After[I - 1]; }

  bool spillBefore(unsigned I, SlotAccess &S) const {
    return I <= Before.size() && Info.isFrameSpill(*spill(I), S.Reg, S.Off) &&
           S.Off < FrameBottom;
  }
  bool fillAfter(unsigned I, SlotAccess &S) const {
    return I <= After.size() && Info.isFrameFill(*fill(I), S.Reg, S.Off) &&
           S.Off < FrameBottom;
  }
};
} // namespace

/// Pairs already around \p Site.Call in the kernel's shape, at any slot
/// below the frame. Only upstream's bracket insertion produces them.
static void recogniseOldBracket(FastcallSite &Site, const BPFMachineInfo &Info,
                                int FrameBottom) {
  const MachineInstrsAroundCall Around(*Site.Call, Info, FrameBottom);
  const unsigned Pairs =
      matchBracket(Around, RegMask(CallerSavedMask &
                                   ~Info.clobberedCallerSaved(*Site.Call)));
  for (unsigned I = 1; I <= Pairs; ++I) {
    SlotAccess Spill;
    Around.spillBefore(I, Spill);
    Site.Regs.Saved |= regBit(Spill.Reg);
    Site.OldBracket.push_back(Around.spill(I));
    Site.OldBracket.push_back(Around.fill(I));
  }
}

static bool isKernelVisible(const MachineInstr &Call) {
  const MachineOperand &Target = Call.getOperand(0);
  return Target.isImm() ||
         (Target.isGlobal() && Target.getGlobal()->isDeclaration());
}

/// Calls with caller-saved registers live across them (any live 32-bit
/// sub-register counts) and relaxed calls with none.
static void collectFastcallSites(MachineFunction &MF,
                                 const BPFMachineInfo &Info, int FrameBottom,
                                 SmallVectorImpl<FastcallSite> &Sites,
                                 SmallVectorImpl<MachineInstr *> &Unbracketed) {
  LivePhysRegs LiveRegs;
  for (MachineBasicBlock &MBB : MF) {
    const size_t FirstSite = Sites.size(),
                 FirstUnbracketed = Unbracketed.size();
    LiveRegs.init(*Info.TRI);
    LiveRegs.addLiveOuts(MBB);
    for (MachineInstr &MI : llvm::reverse(MBB)) {
      if (MI.isCall()) {
        const RegMask Clobbered = Info.clobberedCallerSaved(MI);
        FastcallSite Site{&MI, {}, isKernelVisible(MI), {}};
        RegMask &Saved = Site.Regs.Saved;
        for (unsigned N = 0; N < NumCallerSavedRegs; ++N)
          for (MCPhysReg R : Info.TRI->subregs_inclusive(Info.Regs[N]))
            if (LiveRegs.contains(R) && !(Clobbered & regBit(N)))
              Saved |= regBit(N);
        recogniseOldBracket(Site, Info, FrameBottom);
        Site.Regs.Private = Site.KernelVisible
                                ? RegMask(Saved & calleeTableClobberMask(MI))
                                : Saved;
        if (Saved)
          Sites.push_back(std::move(Site));
        else if ((Clobbered & CallerSavedMask) != CallerSavedMask)
          Unbracketed.push_back(&MI);
      }
      LiveRegs.stepBackward(MI);
    }
    // Program order, for remarks.
    std::reverse(Sites.begin() + FirstSite, Sites.end());
    std::reverse(Unbracketed.begin() + FirstUnbracketed, Unbracketed.end());
  }
}

static std::string describeCallee(const MachineInstr &Call) {
  const MachineOperand &Target = Call.getOperand(0);
  if (Target.isGlobal())
    return Target.getGlobal()->getName().str();
  if (Target.isImm())
    return "helper " + std::to_string(Target.getImm());
  return "an unknown callee";
}

static bool isSelfCheckEnabled(const Module &M) {
  if (SelfCheckOpt.getNumOccurrences())
    return SelfCheckOpt;
  if (auto *Flag = mdconst::extract_or_null<ConstantInt>(
          M.getModuleFlag(SelfCheckModuleFlag)))
    return !Flag->isZero();
  return SelfCheckOpt;
}

static void remarkCallsNeedingNoBracket(MachineOptimizationRemarkEmitter &ORE,
                                        ArrayRef<MachineInstr *> Calls) {
  for (MachineInstr *Call : Calls)
    ORE.emit([&] {
      return MachineOptimizationRemark(RemarkPassName, "NoBracket",
                                       Call->getDebugLoc(), Call->getParent())
             << "call to " << NV("Callee", describeCallee(*Call))
             << " needs no bracket: no caller-saved register is live "
                "across it";
    });
}

static void reportStackLimitExceeded(const Function &F,
                                     MachineOptimizationRemarkEmitter &ORE,
                                     const BracketLayout &Layout,
                                     ArrayRef<FastcallSite> Sites) {
  const int FrameSize = Layout.frameBytes(), RegionSize = Layout.regionBytes();
  const MachineInstr &FirstCall = *Sites.front().Call;
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F,
      "function '" + F.getName() + "' needs a " + Twine(FrameSize) +
          "-byte frame plus a " + Twine(RegionSize) +
          "-byte bpf_fastcall bracket region, over the BPF stack limit of " +
          Twine(MaxStackDepth) + " bytes",
      DiagnosticLocation(FirstCall.getDebugLoc()), DS_Error));
  for (const FastcallSite &Site : Sites)
    ORE.emit([&] {
      const MachineInstr &Call = *Site.Call;
      return MachineOptimizationRemarkMissed(RemarkPassName, "StackLimit",
                                             Call.getDebugLoc(),
                                             Call.getParent())
             << "call to " << NV("Callee", describeCallee(Call))
             << " not bracketed: frame (" << NV("FrameSize", FrameSize)
             << " bytes) plus bracket region (" << NV("RegionSize", RegionSize)
             << " bytes) exceed " << NV("StackLimit", MaxStackDepth)
             << " bytes";
    });
}

/// Replaces any old bracket around the call by the planned one: each pair's
/// spill goes before the spills so far, its fill after the fills so far.
static void emitBracket(const FastcallSite &Site, const PlannedBracket &B,
                        const BPFMachineInfo &Info) {
  for (MachineInstr *Old : Site.OldBracket)
    Old->eraseFromParent();
  MachineInstr *Call = Site.Call;
  MachineBasicBlock &MBB = *Call->getParent();
  const DebugLoc &DL = Call->getDebugLoc();
  const MCRegister FP = Info.Regs[FramePointerReg];
  MachineBasicBlock::iterator FirstSpill = Call->getIterator();
  MachineBasicBlock::iterator LastFill = Call->getIterator();
  for (const PlannedPair &P : B.Pairs) {
    const MCRegister Reg = Info.Regs[P.Reg];
    FirstSpill = BuildMI(MBB, FirstSpill, DL, Info.TII->get(Info.OpSTD))
                     .addReg(Reg, RegState::Kill)
                     .addReg(FP)
                     .addImm(P.Off)
                     .getInstr()
                     ->getIterator();
    LastFill =
        BuildMI(MBB, std::next(LastFill), DL, Info.TII->get(Info.OpLDD), Reg)
            .addReg(FP)
            .addImm(P.Off)
            .getInstr()
            ->getIterator();
  }
  ++NumBrackets;
  NumPairs += B.Pairs.size();
  LLVM_DEBUG(dbgs() << "bpf-nocsr: bracket of " << B.Pairs.size() << " around "
                    << *Call);
}

static void remarkBracket(MachineOptimizationRemarkEmitter &ORE,
                          const BracketLayout &Layout, const FastcallSite &Site,
                          const PlannedBracket &B) {
  const MachineInstr &Call = *Site.Call;
  const DebugLoc &DL = Call.getDebugLoc();
  const MachineBasicBlock *MBB = Call.getParent();
  const RegMask Saved = Site.Regs.Saved, Private = Site.Regs.Private;
  const unsigned Pairs = popCount(Saved);
  if (!Site.KernelVisible) {
    ORE.emit([&] {
      return MachineOptimizationRemark(RemarkPassName, "PrivateBracket", DL,
                                       MBB)
             << "call to " << NV("Callee", describeCallee(Call)) << " keeps "
             << NV("KeptRegs", Pairs) << " caller-saved register"
             << (Pairs == 1 ? "" : "s") << " (" << NV("Regs", formatRegs(Saved))
             << ") live; no kernel removes a bracket around a BPF-to-BPF "
                "or indirect call, so it gets slots above the region, at "
             << NV("BracketBottom", formatFrameOffset(Layout.RegionTop));
    });
    return;
  }
  ORE.emit([&] {
    MachineOptimizationRemark R(RemarkPassName, "Bracketed", DL, MBB);
    R << "call to " << NV("Callee", describeCallee(Call)) << " keeps "
      << NV("KeptRegs", Pairs) << " caller-saved register"
      << (Pairs == 1 ? "" : "s") << " (" << NV("Regs", formatRegs(Saved))
      << ") live";
    if (B.RegionPairs)
      R << "; bracket at "
        << NV("BracketBottom", formatFrameOffset(Layout.Anchor)) << ".."
        << NV("BracketTop", formatFrameOffset(pairSlotOffset(
                                Layout.Anchor, B.RegionPairs - 1)))
        << ", anchored at the bottom of a "
        << NV("RegionSlots", Layout.RegionPairs) << "-slot region below "
        << NV("RegionTop", formatFrameOffset(Layout.RegionTop));
    if (Private)
      R << "; " << NV("PrivateRegs", formatRegs(Private))
        << " in slots above the region from "
        << NV("PrivateBottom", formatFrameOffset(Layout.RegionTop))
        << ", since the kernel's prototype of the callee clobbers them";
    return R;
  });
}

/// Asks the checker's model whether the kernel recognises the region parts
/// of the brackets around helper and kfunc calls; private slots lie outside
/// its pattern.
static void selfCheckBrackets(const MachineFunction &MF,
                              const BPFMachineInfo &Info,
                              ArrayRef<FastcallSite> Sites) {
  SmallVector<PlacedBracket, 8> Placed;
  for (const FastcallSite &Site : Sites)
    if (Site.KernelVisible && Site.Regs.regionPart())
      Placed.push_back({Site.Call, Site.Regs.regionPart()});
  const std::string Problem = checkBracketPlacement(MF, Info, Placed);
  if (Problem.empty())
    return;
  const Function &F = MF.getFunction();
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F,
      "bpf-nocsr internal error: self-check failed in function '" +
          F.getName() + "': " + Problem,
      DiagnosticLocation(), DS_Error));
}

bool BracketInsertion::runOnMachineFunction(MachineFunction &MF) {
  if (!isBPFFunction(MF))
    return false;
  return bracketFastcalls(MF);
}

bool BracketInsertion::bracketFastcalls(MachineFunction &MF) {
  BPFMachineInfo Info(MF);
  MachineOptimizationRemarkEmitter ORE(MF, nullptr);
  const Function &F = MF.getFunction();
  const int FrameBottom = computeFrameBottom(MF.getFrameInfo());

  SmallVector<FastcallSite, 8> Sites;
  SmallVector<MachineInstr *, 8> Unbracketed;
  collectFastcallSites(MF, Info, FrameBottom, Sites, Unbracketed);
  remarkCallsNeedingNoBracket(ORE, Unbracketed);

  SmallVector<BracketRegs, 8> Regs;
  for (const FastcallSite &Site : Sites)
    Regs.push_back(Site.Regs);
  const BracketLayout Layout =
      planBracketLayout(FrameBottom, Regs,
                        UpstreamPlacement ? BracketPlacement::Upstream
                                          : BracketPlacement::Anchored);
  Chains.recordFrame(MF, Layout.frameBytes(), Layout.regionBytes());
  if (Sites.empty())
    return false;
  if (!Layout.fitsStackLimit()) {
    reportStackLimitExceeded(F, ORE, Layout, Sites);
    return false;
  }

  for (size_t I = 0; I < Sites.size(); ++I)
    emitBracket(Sites[I], Layout.Brackets[I], Info);
  for (size_t I = 0; I < Sites.size(); ++I)
    remarkBracket(ORE, Layout, Sites[I], Layout.Brackets[I]);
  if (isSelfCheckEnabled(*F.getParent()))
    selfCheckBrackets(MF, Info, Sites);
  return true;
}

} // namespace bpf_nocsr
