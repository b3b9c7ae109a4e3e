//===- BracketSelfCheck.cpp - Check brackets against the kernel rule ------===//
//
// The rule itself (lowest_off, pair order, the stack contract) is the
// model's; this file only asks it about the brackets the plugin placed and
// words the answer.
//
//===----------------------------------------------------------------------===//

#include "BracketSelfCheck.h"
#include "BPFMachineInfo.h"
#include "MachineFunctionEncoding.h"

#include "bpf_nocsr/FrameOffset.h"

#include "llvm/CodeGen/MachineBasicBlock.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineInstr.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "bpf-nocsr-bracket"

using namespace llvm;

namespace bpf_nocsr {

static bool hasInlineAsm(const MachineFunction &MF) {
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB)
      if (MI.isInlineAsm())
        return true;
  return false;
}

/// Why the kernel stops matching \p Call's bracket after \p Matched pairs.
static std::string describeMismatch(const nocsr::ProgramInput &In,
                                    const nocsr::SubprogResult &SP,
                                    const nocsr::CallResult &Call,
                                    unsigned Matched, RegMask Saved) {
  const unsigned Reg = pairRegister(Saved, Matched);
  const int Wanted = pairSlotOffset(SP.LowestOff, Matched);
  std::string S = "pair " + std::to_string(Matched + 1) + " (r" +
                  std::to_string(Reg) + ") ";
  const uint32_t SpillIdx = Call.Idx - Matched - 1;
  if (Call.Idx > Matched && In.Insns[SpillIdx].isSpillToFP() &&
      In.Insns[SpillIdx].Src == Reg)
    S += "is at " + formatFrameOffset(In.Insns[SpillIdx].Off) + ", ";
  else
    S += "is not a spill/fill pair the kernel accepts there, ";
  return S + "the kernel wants it at " + formatFrameOffset(Wanted) +
         " (lowest_off " + formatFrameOffset(SP.LowestOff) + ")";
}

/// What keeps a placed bracket from being removed on a kernel of the rules
/// \p Enc's profile carries.
static std::vector<std::string>
problemsUnderRules(StringRef Name, const EncodedFunction &Enc,
                   ArrayRef<PlacedBracket> Brackets) {
  Expected<nocsr::ProgramResult> Res = nocsr::analyzeProgram(Enc.Program);
  if (!Res)
    return {"the model rejects the encoded function: " +
            toString(Res.takeError())};
  const nocsr::ProgramInput &In = Enc.Program;
  const nocsr::SubprogResult &SP = Res->Subprogs.front();

  // A stack access at a fixed offset inside the region is the compiler's
  // doing; a variable-offset one is the program's, and the model may bound
  // it less tightly than the verifier does, so it is only traced.
  const nocsr::Violation *Definite = nullptr;
  for (const nocsr::Violation &V : SP.Violations) {
    if (!V.VarOff) {
      Definite = &V;
      break;
    }
    LLVM_DEBUG(dbgs() << "bpf-nocsr: self-check of " << Name << " ignores insn "
                      << V.Idx << ": " << V.Reason << "\n");
  }

  std::vector<std::string> Problems;
  for (const PlacedBracket &B : Brackets) {
    const nocsr::CallResult *Call = nullptr;
    auto Idx = Enc.IndexOf.find(B.Call);
    if (Idx != Enc.IndexOf.end())
      for (const nocsr::CallResult &C : SP.Calls)
        if (C.Idx == Idx->second)
          Call = &C;
    const unsigned Pairs = popCount(B.Saved);
    if (!Call) {
      Problems.push_back("the model sees no helper or kfunc call where a "
                         "bracket was placed");
      continue;
    }
    const std::string Where =
        "the " + std::to_string(Pairs) + "-pair bracket around the call to " +
        Call->Callee + " at insn " + std::to_string(Call->Idx);
    if (Call->MatchedPairs < Pairs) {
      Problems.push_back(
          "the kernel matches " + std::to_string(Call->MatchedPairs) +
          " pair(s) of " + Where + ": " +
          describeMismatch(In, SP, *Call, Call->MatchedPairs, B.Saved));
      continue;
    }
    if (!Call->KernelFastcall || Call->Removed)
      continue;
    if (Definite)
      Problems.push_back("the kernel would keep " + Where + ": " +
                         Definite->Reason + " (insn " +
                         std::to_string(Definite->Idx) + ")");
    else if (SP.ContractOk)
      Problems.push_back("the kernel would keep " + Where);
  }
  if (Problems.empty() && Definite)
    Problems.push_back(Definite->Reason + " (insn " +
                       std::to_string(Definite->Idx) + ")");
  return Problems;
}

std::string checkBracketPlacement(const MachineFunction &MF,
                                  const BPFMachineInfo &Info,
                                  ArrayRef<PlacedBracket> Brackets) {
  if (Brackets.empty())
    return "";
  if (hasInlineAsm(MF)) {
    // Its instructions are opaque here; the checker sees them in the object.
    LLVM_DEBUG(dbgs() << "bpf-nocsr: self-check skips " << MF.getName()
                      << ": inline assembly\n");
    return "";
  }
  Expected<EncodedFunction> Enc = encodeMachineFunction(MF);
  if (!Enc)
    return "cannot encode the function for the model: " +
           toString(Enc.takeError());
  // Every known kernel build must remove every bracket; a problem that only
  // one build has is named with it.
  std::vector<std::string> Problems;
  for (const FastcallRules &Build : KnownKernelBuilds) {
    Enc->Program.Profile.Rules = Build;
    std::vector<std::string> Found =
        problemsUnderRules(MF.getName(), *Enc, Brackets);
    for (const std::string &P : Found) {
      if (&Build == &KnownKernelBuilds[0])
        Problems.push_back(P);
      else if (llvm::find(Problems, P) == Problems.end())
        Problems.push_back("on kernel build '" + std::string(Build.Name) +
                           "': " + P);
    }
  }
  std::string Out;
  for (const std::string &P : Problems)
    Out += (Out.empty() ? "" : "; ") + P;
  return Out;
}

} // namespace bpf_nocsr
