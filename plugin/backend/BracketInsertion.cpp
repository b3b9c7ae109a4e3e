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
// the largest one, and each starts at its bottom. On LLVM >= 20 upstream's
// brackets are recognised and re-placed the same way.
//
//===----------------------------------------------------------------------===//

#include "../PluginOptions.h"
#include "BPFMachineInfo.h"
#include "BracketSelfCheck.h"
#include "CallChainLimit.h"
#include "HostedPass.h"
#include "MachineFunctionEncoding.h"
#include "Passes.h"

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
  /// Caller-saved registers live across the call.
  RegMask Saved;
  /// A bracket already around the call (upstream's), to be re-placed.
  SmallVector<MachineInstr *, 12> OldBracket;
  /// Can the kernel take the call for fastcall (a helper or kfunc)? Only
  /// LLVM >= 20 relaxes other calls (BPF-to-BPF, callx).
  bool KernelVisible = true;
  /// Saved registers the kernel would not accept in this call's bracket
  /// (all of them for calls it cannot take for fastcall; for known callees
  /// declared with fewer parameters or as void, LLVM >= 20 only). They get
  /// private slots above the region, outside the kernel's pattern.
  RegMask Private = 0;

  RegMask regionPart() const { return RegMask(Saved & ~Private); }
};

class BracketInsertion : public HostedPass {
public:
  static char ID;
  explicit BracketInsertion(char *HostID = nullptr) : HostedPass(ID, HostID) {}

  StringRef getPassName() const override {
    return "BPF nocsr bracket insertion";
  }
  bool runOnMachineFunction(MachineFunction &MF) override;

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

/// The top of the bracket region: the lowest frame object offset rounded
/// down to a slot. Fixed spill objects are upstream's bracket slots (BPF has
/// no other fixed objects), which the region replaces.
static int computeRegionTop(const MachineFrameInfo &MFI) {
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

/// Pairs already around \p Site.Call in the kernel's shape (spill at c-i,
/// fill at c+i, same register and slot below the frame). Only upstream's
/// bracket insertion produces them; regalloc's slots lie inside the frame.
static void recogniseOldBracket(FastcallSite &Site, const BPFMachineInfo &Info,
                                int RegionTop) {
  const RegMask Clobbered = Info.clobberedCallerSaved(*Site.Call);
  const MachineInstr *Spill = Site.Call, *Fill = Site.Call;
  RegMask Seen = 0;
  while (true) {
    Spill = emittedNeighbour(*Spill, /*Before=*/true);
    Fill = emittedNeighbour(*Fill, /*Before=*/false);
    unsigned SpillReg, FillReg;
    int SpillOff, FillOff;
    if (!Spill || !Fill || !Info.isFrameSpill(*Spill, SpillReg, SpillOff) ||
        !Info.isFrameFill(*Fill, FillReg, FillOff) || SpillReg != FillReg ||
        SpillOff != FillOff || SpillOff >= RegionTop ||
        !isCallerSaved(SpillReg) || (Clobbered & regBit(SpillReg)) ||
        (Seen & regBit(SpillReg)))
      return;
    Seen |= regBit(SpillReg);
    Site.Saved |= regBit(SpillReg);
    Site.OldBracket.push_back(const_cast<MachineInstr *>(Spill));
    Site.OldBracket.push_back(const_cast<MachineInstr *>(Fill));
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
                                 const BPFMachineInfo &Info, int RegionTop,
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
        FastcallSite Site{&MI, 0, {}, isKernelVisible(MI)};
        for (unsigned N = 0; N < NumCallerSavedRegs; ++N)
          for (MCPhysReg R : Info.TRI->subregs_inclusive(Info.Regs[N]))
            if (LiveRegs.contains(R) && !(Clobbered & regBit(N)))
              Site.Saved |= regBit(N);
        recogniseOldBracket(Site, Info, RegionTop);
        Site.Private = Site.KernelVisible
                           ? RegMask(Site.Saved & calleeTableClobberMask(MI))
                           : Site.Saved;
        if (Site.Saved)
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

namespace {

/// One spill/fill pair of a planned bracket.
struct PlannedPair {
  unsigned Reg;
  int Off;
};

/// One call's bracket: its pairs in emission order, each further from the
/// call than the one before (region pairs first, then private ones).
struct PlannedBracket {
  FastcallSite *Site;
  SmallVector<PlannedPair, MaxBracketPairs> Pairs;
  /// How many of Pairs lie in the shared region.
  unsigned RegionPairs = 0;
};

/// Where the brackets of one subprogram go, decided before anything is
/// emitted. Offsets are from r10; from the top down lie the frame, the
/// private slots and the region.
struct LayoutPlan {
  /// The lowest frame object rounded down to a slot.
  int FrameTop = 0;
  /// The bottom of the private slots, which is also the region's top.
  int PrivateAnchor = 0;
  /// The bottom of the region, where pair 0 of every bracket sits.
  int Anchor = 0;
  /// Slots of the region: the largest region part of any bracket.
  unsigned RegionPairs = 0;
  SmallVector<PlannedBracket, 8> Brackets;

  int regionTop() const { return PrivateAnchor; }
  int frameBytes() const { return -FrameTop; }
  /// Private slots and region together.
  int regionBytes() const { return FrameTop - Anchor; }
  bool fitsStackLimit() const {
    return frameBytes() + regionBytes() <= MaxStackDepth;
  }
};

} // namespace

/// Brackets of calls the kernel never takes for fastcall get private slots
/// between the frame and the region: inside the region their accesses would
/// make the kernel keep every bracket of the subprogram.
static LayoutPlan planLayout(int FrameTop,
                             MutableArrayRef<FastcallSite> Sites) {
  LayoutPlan Plan;
  Plan.FrameTop = FrameTop;
  unsigned PrivatePairs = 0;
  for (const FastcallSite &Site : Sites) {
    Plan.RegionPairs = std::max(Plan.RegionPairs, popCount(Site.regionPart()));
    PrivatePairs = std::max(PrivatePairs, popCount(Site.Private));
  }
  Plan.PrivateAnchor = regionAnchor(FrameTop, PrivatePairs);
  Plan.Anchor = regionAnchor(Plan.regionTop(), Plan.RegionPairs);

  for (FastcallSite &Site : Sites) {
    PlannedBracket B{&Site, {}, popCount(Site.regionPart())};
    const int Anchor = UpstreamPlacement
                           ? regionAnchor(Plan.regionTop(), B.RegionPairs)
                           : Plan.Anchor;
    for (unsigned I = 0; I < B.RegionPairs; ++I)
      B.Pairs.push_back(
          {pairRegister(Site.regionPart(), I), pairSlotOffset(Anchor, I)});
    for (unsigned I = 0, E = popCount(Site.Private); I < E; ++I)
      B.Pairs.push_back({pairRegister(Site.Private, I),
                         pairSlotOffset(Plan.PrivateAnchor, I)});
    Plan.Brackets.push_back(std::move(B));
  }
  return Plan;
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
                                     const LayoutPlan &Plan) {
  const int FrameSize = Plan.frameBytes(), RegionSize = Plan.regionBytes();
  const MachineInstr &FirstCall = *Plan.Brackets.front().Site->Call;
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F,
      "function '" + F.getName() + "' needs a " + Twine(FrameSize) +
          "-byte frame plus a " + Twine(RegionSize) +
          "-byte bpf_fastcall bracket region, over the BPF stack limit of " +
          Twine(MaxStackDepth) + " bytes",
      DiagnosticLocation(FirstCall.getDebugLoc()), DS_Error));
  for (const PlannedBracket &B : Plan.Brackets)
    ORE.emit([&] {
      const MachineInstr &Call = *B.Site->Call;
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
static void emitBracket(const PlannedBracket &B, const BPFMachineInfo &Info) {
  for (MachineInstr *Old : B.Site->OldBracket)
    Old->eraseFromParent();
  MachineInstr *Call = B.Site->Call;
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
                          const LayoutPlan &Plan, const PlannedBracket &B) {
  const FastcallSite &Site = *B.Site;
  const MachineInstr &Call = *Site.Call;
  const DebugLoc &DL = Call.getDebugLoc();
  const MachineBasicBlock *MBB = Call.getParent();
  const unsigned Pairs = popCount(Site.Saved);
  if (!Site.KernelVisible) {
    ORE.emit([&] {
      return MachineOptimizationRemark(RemarkPassName, "PrivateBracket", DL,
                                       MBB)
             << "call to " << NV("Callee", describeCallee(Call)) << " keeps "
             << NV("KeptRegs", Pairs) << " caller-saved register"
             << (Pairs == 1 ? "" : "s") << " ("
             << NV("Regs", formatRegs(Site.Saved))
             << ") live; no kernel removes a bracket around a BPF-to-BPF "
                "or indirect call, so it gets slots above the region, at "
             << NV("BracketBottom", formatFrameOffset(Plan.PrivateAnchor));
    });
    return;
  }
  ORE.emit([&] {
    MachineOptimizationRemark R(RemarkPassName, "Bracketed", DL, MBB);
    R << "call to " << NV("Callee", describeCallee(Call)) << " keeps "
      << NV("KeptRegs", Pairs) << " caller-saved register"
      << (Pairs == 1 ? "" : "s") << " (" << NV("Regs", formatRegs(Site.Saved))
      << ") live";
    if (B.RegionPairs)
      R << "; bracket at "
        << NV("BracketBottom", formatFrameOffset(Plan.Anchor)) << ".."
        << NV("BracketTop",
              formatFrameOffset(pairSlotOffset(Plan.Anchor, B.RegionPairs - 1)))
        << ", anchored at the bottom of a "
        << NV("RegionSlots", Plan.RegionPairs) << "-slot region below "
        << NV("RegionTop", formatFrameOffset(Plan.regionTop()));
    if (Site.Private)
      R << "; " << NV("PrivateRegs", formatRegs(Site.Private))
        << " in slots above the region from "
        << NV("PrivateBottom", formatFrameOffset(Plan.PrivateAnchor))
        << ", since the kernel's prototype of the callee clobbers them";
    return R;
  });
}

/// Asks the checker's model whether the kernel recognises the region parts
/// of the brackets around helper and kfunc calls; private slots lie outside
/// its pattern.
static void selfCheckBrackets(const MachineFunction &MF,
                              const BPFMachineInfo &Info,
                              const LayoutPlan &Plan) {
  SmallVector<PlacedBracket, 8> Placed;
  for (const PlannedBracket &B : Plan.Brackets)
    if (B.Site->KernelVisible && B.Site->regionPart())
      Placed.push_back({B.Site->Call, B.Site->regionPart()});
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
  const bool Changed = bracketFastcalls(MF);
  // Every frame of the module is known once its last function is through.
  if (isLastCodegenFunction(MF.getFunction()))
    Chains.diagnoseChains(*MF.getFunction().getParent());
  return Changed;
}

bool BracketInsertion::bracketFastcalls(MachineFunction &MF) {
  BPFMachineInfo Info(MF);
  MachineOptimizationRemarkEmitter ORE(MF, nullptr);
  const Function &F = MF.getFunction();
  const int FrameTop = computeRegionTop(MF.getFrameInfo());

  SmallVector<FastcallSite, 8> Sites;
  SmallVector<MachineInstr *, 8> Unbracketed;
  collectFastcallSites(MF, Info, FrameTop, Sites, Unbracketed);
  remarkCallsNeedingNoBracket(ORE, Unbracketed);

  const LayoutPlan Plan = planLayout(FrameTop, Sites);
  Chains.recordFrame(MF, Plan.frameBytes(), Plan.regionBytes());
  if (Plan.Brackets.empty())
    return false;
  if (!Plan.fitsStackLimit()) {
    reportStackLimitExceeded(F, ORE, Plan);
    return false;
  }

  for (const PlannedBracket &B : Plan.Brackets)
    emitBracket(B, Info);
  for (const PlannedBracket &B : Plan.Brackets)
    remarkBracket(ORE, Plan, B);
  if (isSelfCheckEnabled(*F.getParent()))
    selfCheckBrackets(MF, Info, Plan);
  return true;
}

} // namespace bpf_nocsr
