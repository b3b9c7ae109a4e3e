//===- XlatedListing.cpp - The kernel view, disassembled ------------------===//
//
// --print-xlated: every program as the kernel keeps it after its rewrite,
// printed by LLVM's BPF disassembler.
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDisassembler/MCDisassembler.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCInstPrinter.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

extern "C" void LLVMInitializeBPFTargetInfo();
extern "C" void LLVMInitializeBPFTargetMC();
extern "C" void LLVMInitializeBPFDisassembler();

namespace nocsr {

namespace {

/// LLVM's BPF disassembler and printer, for --print-xlated.
class Disassembler {
public:
  bool init(bool LittleEndian) {
    LLVMInitializeBPFTargetInfo();
    LLVMInitializeBPFTargetMC();
    LLVMInitializeBPFDisassembler();
    TT = Triple(LittleEndian ? "bpfel" : "bpfeb");
    std::string Err;
    MCTargetOptions Opts;
    // LLVM 21 moved these factories from triple strings to Triple.
#if LLVM_VERSION_MAJOR >= 21
    const Triple &TTArg = TT;
#else
    const std::string TTArg = TT.str();
#endif
    const Target *T = TargetRegistry::lookupTarget(TTArg, Err);
    if (!T)
      return false;
    MRI.reset(T->createMCRegInfo(TTArg));
    MAI.reset(T->createMCAsmInfo(*MRI, TTArg, Opts));
    STI.reset(T->createMCSubtargetInfo(TTArg, "v4", ""));
    MII.reset(T->createMCInstrInfo());
    if (!MRI || !MAI || !STI || !MII)
      return false;
    Ctx = std::make_unique<MCContext>(TT, MAI.get(), MRI.get(), STI.get());
    DisAsm.reset(T->createMCDisassembler(*STI, *Ctx));
    IP.reset(T->createMCInstPrinter(TT, 0, *MAI, *MII, *MRI));
    return DisAsm && IP;
  }

  std::string print(ArrayRef<uint8_t> Bytes) {
    MCInst Inst;
    uint64_t Size;
    std::string S;
    raw_string_ostream OS(S);
    if (DisAsm->getInstruction(Inst, Size, Bytes, 0, nulls()) !=
        MCDisassembler::Success)
      return "<unknown>";
    IP->printInst(&Inst, 0, "", *STI, OS);
    StringRef R = StringRef(S).trim();
    return R.str();
  }

private:
  Triple TT;
  std::unique_ptr<MCRegisterInfo> MRI;
  std::unique_ptr<MCAsmInfo> MAI;
  std::unique_ptr<MCSubtargetInfo> STI;
  std::unique_ptr<MCInstrInfo> MII;
  std::unique_ptr<MCContext> Ctx;
  std::unique_ptr<MCDisassembler> DisAsm;
  std::unique_ptr<MCInstPrinter> IP;
};

} // namespace

static void printXlated(raw_ostream &OS, const AnalyzedFile &F,
                        Disassembler &D) {
  for (const AnalyzedProgram &AP : F.Programs) {
    const ProgramResult &R = AP.Result;
    OS << formatv("; {0}: program {1} (section {2}): {3} -> {4} insns\n",
                  F.Path, AP.Prog->Name, AP.Prog->Section, R.InsnsBefore,
                  R.InsnsAfter);
    for (size_t I = 0; I < R.Xlated.size(); ++I) {
      uint8_t Bytes[16] = {0};
      encodeInsn(R.Xlated[I], Bytes, F.Obj.LittleEndian);
      bool Wide = R.Xlated[I].isLdImm64() && I + 1 < R.Xlated.size();
      if (Wide)
        encodeInsn(R.Xlated[I + 1], Bytes + 8, F.Obj.LittleEndian);
      OS << format("%6zu:", I);
      for (unsigned B = 0; B < InsnSize; ++B)
        OS << format(" %02x", Bytes[B]);
      const uint32_t From = R.XlatedOrigin[I];
      OS << "\t" << D.print(ArrayRef<uint8_t>(Bytes, Wide ? 16 : 8)) << "\t; "
         << funcOfInsn(F, *AP.Prog, From).Name << "+"
         << sectionInsn(F.Obj, *AP.Prog, From) << "\n";
      if (Wide) {
        ++I;
        OS << format("%6zu:", I);
        for (unsigned B = 8; B < 16; ++B)
          OS << format(" %02x", Bytes[B]);
        OS << "\n";
      }
    }
  }
}

Error printXlated(raw_ostream &OS, const AnalyzedFile &F) {
  Disassembler D;
  if (!D.init(F.Obj.LittleEndian))
    return createStringError(inconvertibleErrorCode(),
                             "cannot set up the BPF disassembler");
  printXlated(OS, F, D);
  return Error::success();
}

} // namespace nocsr
