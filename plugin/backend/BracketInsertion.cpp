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
#include "CallChainStack.h"
#include "HostedPass.h"
#include "Passes.h"

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
  bool doFinalization(Module &M) override {
    Chains.diagnose(M);
    return MachineFunctionPass::doFinalization(M);
  }

private:
  CallChainStack Chains;
  void recordFrame(const MachineFunction &MF, int RegionTop, int RegionBytes);
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
                           ? RegMask(Site.Saved & profileClobberMask(MI))
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

static std::string formatOffset(int Off) {
  if (Off == 0)
    return "r10";
  return Off < 0 ? "r10" + std::to_string(Off) : "r10+" + std::to_string(Off);
}

static bool isSelfCheckEnabled(const Module &M) {
  if (SelfCheckOpt.getNumOccurrences())
    return SelfCheckOpt;
  if (auto *Flag = mdconst::extract_or_null<ConstantInt>(
          M.getModuleFlag(SelfCheckModuleFlag)))
    return !Flag->isZero();
  return SelfCheckOpt;
}

void BracketInsertion::recordFrame(const MachineFunction &MF, int RegionTop,
                                   int RegionBytes) {
  CallChainStack::Frame Frame;
  Frame.FrameBytes = -RegionTop;
  Frame.RegionBytes = RegionBytes;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB)
      if (MI.isCall() && MI.getOperand(0).isGlobal())
        if (const auto *Callee =
                dyn_cast<Function>(MI.getOperand(0).getGlobal()))
          if (!Callee->isDeclaration())
            Frame.Callees.push_back(Callee);
  Chains.record(MF.getFunction(), std::move(Frame));
}

bool BracketInsertion::runOnMachineFunction(MachineFunction &MF) {
  if (!isBPFFunction(MF))
    return false;
  BPFMachineInfo Info(MF);
  MachineOptimizationRemarkEmitter ORE(MF, nullptr);
  const Function &F = MF.getFunction();
  const int FrameTop = computeRegionTop(MF.getFrameInfo());

  SmallVector<FastcallSite, 8> Sites;
  SmallVector<MachineInstr *, 8> Unbracketed;
  collectFastcallSites(MF, Info, FrameTop, Sites, Unbracketed);
  for (MachineInstr *Call : Unbracketed)
    ORE.emit([&] {
      return MachineOptimizationRemark(RemarkPassName, "NoBracket",
                                       Call->getDebugLoc(), Call->getParent())
             << "call to " << NV("Callee", describeCallee(*Call))
             << " keeps no caller-saved register live; no bracket needed";
    });
  // Brackets of calls the kernel never takes for fastcall get private slots
  // between the frame and the region: inside the region their accesses
  // would make the kernel keep every bracket of the subprogram.
  unsigned RegionPairs = 0, PrivatePairs = 0;
  for (const FastcallSite &Site : Sites) {
    RegionPairs = std::max(RegionPairs, popCount(Site.regionPart()));
    PrivatePairs = std::max(PrivatePairs, popCount(Site.Private));
  }
  const int PrivateAnchor = regionAnchor(FrameTop, PrivatePairs);
  const int RegionTop = PrivateAnchor;
  const int Anchor = regionAnchor(RegionTop, RegionPairs);
  const int FrameSize = -FrameTop;
  const int RegionSize = FrameTop - Anchor;
  recordFrame(MF, FrameTop, RegionSize);
  if (Sites.empty())
    return false;

  if (FrameSize + RegionSize > MaxStackDepth) {
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F,
        "function '" + F.getName() + "' needs a " + Twine(FrameSize) +
            "-byte frame plus a " + Twine(RegionSize) +
            "-byte bpf_fastcall bracket region, over the BPF stack limit of " +
            Twine(MaxStackDepth) + " bytes",
        DiagnosticLocation(Sites.front().Call->getDebugLoc()), DS_Error));
    for (const FastcallSite &Site : Sites)
      ORE.emit([&] {
        return MachineOptimizationRemarkMissed(RemarkPassName, "StackLimit",
                                               Site.Call->getDebugLoc(),
                                               Site.Call->getParent())
               << "call to " << NV("Callee", describeCallee(*Site.Call))
               << " not bracketed: frame (" << NV("FrameSize", FrameSize)
               << " bytes) plus bracket region ("
               << NV("RegionSize", RegionSize) << " bytes) exceed "
               << NV("StackLimit", MaxStackDepth) << " bytes";
      });
    return false;
  }

  SmallVector<PlacedBracket, 8> Placed;
  for (FastcallSite &Site : Sites) {
    for (MachineInstr *Old : Site.OldBracket)
      Old->eraseFromParent();
    MachineInstr *Call = Site.Call;
    MachineBasicBlock &MBB = *Call->getParent();
    const DebugLoc &DL = Call->getDebugLoc();
    MachineBasicBlock::iterator SpillPos = Call->getIterator();
    MachineBasicBlock::iterator LastFill = Call->getIterator();
    // Region pairs next to the call, private ones outside them.
    auto insertPair = [&](unsigned BPFReg, int Off) {
      const MCRegister Reg = Info.Regs[BPFReg];
      SpillPos = BuildMI(MBB, SpillPos, DL, Info.TII->get(Info.OpSTD))
                     .addReg(Reg, RegState::Kill)
                     .addReg(Info.Regs[FramePointerReg])
                     .addImm(Off)
                     .getInstr()
                     ->getIterator();
      LastFill =
          BuildMI(MBB, std::next(LastFill), DL, Info.TII->get(Info.OpLDD), Reg)
              .addReg(Info.Regs[FramePointerReg])
              .addImm(Off)
              .getInstr()
              ->getIterator();
    };
    const RegMask RegionRegs = Site.regionPart();
    const unsigned RegionPairsHere = popCount(RegionRegs);
    for (unsigned I = 0; I < RegionPairsHere; ++I)
      insertPair(
          pairRegister(RegionRegs, I),
          UpstreamPlacement
              ? pairSlotOffset(regionAnchor(RegionTop, RegionPairsHere), I)
              : pairSlotOffset(Anchor, I));
    for (unsigned I = 0, E = popCount(Site.Private); I < E; ++I)
      insertPair(pairRegister(Site.Private, I),
                 pairSlotOffset(PrivateAnchor, I));
    const unsigned Pairs = popCount(Site.Saved);
    ++NumBrackets;
    NumPairs += Pairs;
    LLVM_DEBUG(dbgs() << "bpf-nocsr: bracket of " << Pairs << " around "
                      << *Call);
    if (!Site.KernelVisible) {
      ORE.emit([&] {
        return MachineOptimizationRemark(RemarkPassName, "PrivateBracket", DL,
                                         &MBB)
               << "call to " << NV("Callee", describeCallee(*Call)) << " keeps "
               << NV("KeptRegs", Pairs) << " caller-saved register"
               << (Pairs == 1 ? "" : "s") << " ("
               << NV("Regs", formatRegs(Site.Saved))
               << ") live; no kernel removes a bracket around a BPF-to-BPF "
                  "or indirect call, so it gets slots above the region, at "
               << NV("BracketBottom", formatOffset(PrivateAnchor));
      });
      continue;
    }
    if (RegionRegs)
      Placed.push_back({Call, RegionRegs});
    ORE.emit([&] {
      MachineOptimizationRemark R(RemarkPassName, "Bracketed", DL, &MBB);
      R << "call to " << NV("Callee", describeCallee(*Call)) << " keeps "
        << NV("KeptRegs", Pairs) << " caller-saved register"
        << (Pairs == 1 ? "" : "s") << " (" << NV("Regs", formatRegs(Site.Saved))
        << ") live";
      if (RegionPairsHere)
        R << "; bracket at " << NV("BracketBottom", formatOffset(Anchor))
          << ".."
          << NV("BracketTop",
                formatOffset(pairSlotOffset(Anchor, RegionPairsHere - 1)))
          << ", anchored at the bottom of a " << NV("RegionSlots", RegionPairs)
          << "-slot region below " << NV("RegionTop", formatOffset(RegionTop));
      if (Site.Private)
        R << "; " << NV("PrivateRegs", formatRegs(Site.Private))
          << " in slots above the region from "
          << NV("PrivateBottom", formatOffset(PrivateAnchor))
          << ", since the kernel's prototype of the callee clobbers them";
      return R;
    });
  }

  if (isSelfCheckEnabled(*F.getParent())) {
    std::string Problem = checkBracketPlacement(MF, Info, Placed);
    if (!Problem.empty())
      F.getContext().diagnose(DiagnosticInfoUnsupported(
          F,
          "bpf-nocsr internal error: self-check failed in function '" +
              F.getName() + "': " + Problem,
          DiagnosticLocation(), DS_Error));
  }
  return true;
}

} // namespace bpf_nocsr
