//===- NocsrCheck.cpp - nocsr-check command line --------------------------===//
//
// Predicts what the Linux verifier does with every bpf_fastcall bracket of
// the BPF objects given on the command line: which pairs it removes, which
// subprograms break the stack contract, the new stack depths and instruction
// counts, plus lints. Every report starts with the kernel it answers for
// (CheckTarget.h). Exit status: 0 no error-level finding, 1 error-level
// findings, 2 usage error or unreadable input, 77 --probe-kernel where bpf()
// is not permitted.
//
//===----------------------------------------------------------------------===//

#include "CheckTarget.h"
#include "bpf_nocsr/ToolVersion.h"
#include "nocsr/BpfSyscall.h"
#include "nocsr/FastcallModel.h"
#include "nocsr/KernelProbe.h"
#include "nocsr/ObjectReader.h"
#include "nocsr/ProfileFile.h"
#include "nocsr/ToolCommandLine.h"

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
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace nocsr;
using namespace bpf_nocsr;

extern "C" void LLVMInitializeBPFTargetInfo();
extern "C" void LLVMInitializeBPFTargetMC();
extern "C" void LLVMInitializeBPFDisassembler();

static cl::OptionCategory Cat("nocsr-check options");
static cl::list<std::string> Inputs(cl::Positional, cl::ZeroOrMore,
                                    cl::desc("<bpf object files>"),
                                    cl::cat(Cat));
enum class OutputFormat { Text, JSON };
static cl::opt<OutputFormat>
    Format("format", cl::desc("Output format"),
           cl::values(clEnumValN(OutputFormat::Text, "text",
                                 "findings and a table (default)"),
                      clEnumValN(OutputFormat::JSON, "json",
                                 "stable JSON (schema: see below)")),
           cl::init(OutputFormat::Text), cl::cat(Cat));
static cl::opt<std::string> KernelOpt(
    "kernel",
    cl::desc("Kernel to predict: 'host' (the default: probe the running "
             "kernel where bpf() is permitted, else its version in the "
             "table), VERSION (6.12: the table) or 'latest' (the table's "
             "newest; what builds should use)"),
    cl::init("host"), cl::cat(Cat));
static cl::opt<std::string> KernelBuildOpt(
    "kernel-build",
    cl::desc("With --kernel=VERSION or latest: the fastcall rules of this "
             "known kernel build (lowest-top, highest-top) instead of "
             "reporting where builds differ"),
    cl::cat(Cat));
static cl::opt<std::string> KernelProfileOpt(
    "kernel-profile",
    cl::desc("Predict the kernel saved in this profile (--probe-kernel "
             "--format=json output); excludes --kernel, --kernel-build and "
             "--arch"),
    cl::value_desc("file"), cl::cat(Cat));
static cl::opt<bool> ProbeKernel(
    "probe-kernel",
    cl::desc("Probe the running kernel's fastcall behaviour (loads a few tiny "
             "programs, leaves nothing behind), print the profile and exit; "
             "takes no objects and only --format"),
    cl::cat(Cat));
static cl::opt<std::string> ArchOpt(
    "arch",
    cl::desc("With a table kernel: x86_64, arm64, riscv64, powerpc64 or "
             "'host' (default)"),
    cl::init("host"), cl::cat(Cat));
static cl::opt<bool> PrintXlated("print-xlated",
                                 cl::desc("Print the kernel-view program"),
                                 cl::cat(Cat));
static cl::opt<bool> NoTable("no-table", cl::desc("Omit the per-object table"),
                             cl::cat(Cat));

namespace {

/// A prediction under another known kernel build's rules that differs from
/// the main one: per subprogram, the stack depth after removal and the
/// brackets removed.
struct BuildOutcome {
  const FastcallRules *Build;
  std::vector<int> StackDepthAfter;
  std::vector<unsigned> Removed;
};

struct AnalyzedProgram {
  const ObjProgram *Prog;
  ProgramResult Result;
  /// Set when the rules were not measured and known builds disagree: the
  /// outcome under each build, the main prediction's first.
  std::vector<BuildOutcome> BuildDependent;
};

struct AnalyzedFile {
  std::string Path;
  ObjFile Obj;
  std::vector<AnalyzedProgram> Programs;
};

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

/// Where the rules were not measured, the outcome under every known build
/// when they disagree on a stack depth or a removal.
std::vector<BuildOutcome> outcomesOfKnownBuilds(const ProgramInput &In,
                                                const ProgramResult &Main) {
  auto OutcomeOf = [](const FastcallRules &B, const ProgramResult &R) {
    BuildOutcome O{&B, {}, {}};
    for (const SubprogResult &SP : R.Subprogs) {
      O.StackDepthAfter.push_back(SP.StackDepthAfter);
      unsigned Removed = 0;
      for (const CallResult &C : SP.Calls)
        Removed += C.Removed;
      O.Removed.push_back(Removed);
    }
    return O;
  };
  bool AnyPattern = false;
  for (const SubprogResult &SP : Main.Subprogs)
    AnyPattern |= SP.HasPattern;
  if (In.Profile.RulesMeasured || !AnyPattern)
    return {};
  const FastcallRules *MainBuild = knownBuildOf(In.Profile.Rules);
  if (!MainBuild)
    return {};
  std::vector<BuildOutcome> Outcomes{OutcomeOf(*MainBuild, Main)};
  bool Differ = false;
  for (const FastcallRules &B : KnownKernelBuilds) {
    if (&B == MainBuild)
      continue;
    ProgramInput Other = In;
    Other.Profile.Rules = B;
    Expected<ProgramResult> R = analyzeProgram(Other);
    if (!R) {
      consumeError(R.takeError());
      continue;
    }
    Outcomes.push_back(OutcomeOf(B, *R));
    Differ |= Outcomes.back().StackDepthAfter != Outcomes[0].StackDepthAfter ||
              Outcomes.back().Removed != Outcomes[0].Removed;
  }
  return Differ ? Outcomes : std::vector<BuildOutcome>();
}

void printProfile(const SavedProfile &P) {
  if (Format == OutputFormat::JSON) {
    outs() << formatv("{0:2}", profileToJSON(P)) << "\n";
    return;
  }
  const KernelProfile &K = P.Profile;
  outs() << "kernel " << (P.Release.empty() ? "?" : P.Release) << " ("
         << archName(K.A) << "), probed\n";
  outs() << "fastcall rules: "
         << (K.RulesMeasured ? describeRules(K.Rules)
                             : "not measured (helper 8 is not fastcall in "
                               "tracing programs)")
         << "\n";
  outs() << "fastcall callees:";
  if (!K.Callees || K.Callees->empty())
    outs() << " none";
  outs() << "\n";
  if (K.Callees)
    for (const ProbedFastcall &C : *K.Callees)
      outs() << "  " << calleeKey(C) << " in " << progTypesByFamily(C.Types)
             << "\n";
  for (const std::string &N : P.NewFastcall)
    outs() << "new fastcall callee (not in the contract table): " << N << "\n";
}

std::string renderFinding(const AnalyzedFile &F, const ObjProgram &P,
                          const Finding &Fd) {
  if (Fd.Related < 0 || Fd.Related >= int64_t(P.Input.Insns.size()))
    return Fd.Message + Fd.Tail;
  return Fd.Message +
         std::to_string(sectionInsn(F.Obj, P, uint32_t(Fd.Related))) + Fd.Tail;
}

const ObjFunction &funcOfSubprog(const AnalyzedFile &F, const ObjProgram &P,
                                 size_t S) {
  return F.Obj.Functions[P.SubprogFuncs[S]];
}

/// Function holding linked insn \p Idx.
const ObjFunction &funcOfInsn(const AnalyzedFile &F, const ObjProgram &P,
                              uint32_t Idx) {
  const auto &Starts = P.Input.SubprogStarts;
  size_t S = size_t(std::upper_bound(Starts.begin(), Starts.end(), Idx) -
                    Starts.begin()) -
             1;
  return funcOfSubprog(F, P, S);
}

void printText(raw_ostream &OS, const AnalyzedFile &F) {
  for (const AnalyzedProgram &AP : F.Programs)
    for (const Finding &Fd : AP.Result.Findings)
      OS << F.Path << ": " << funcOfInsn(F, *AP.Prog, Fd.Idx).Name << "+"
         << sectionInsn(F.Obj, *AP.Prog, Fd.Idx) << ": " << severityName(Fd.Sev)
         << ": " << renderFinding(F, *AP.Prog, Fd) << "\n";
  for (const AnalyzedProgram &AP : F.Programs) {
    if (AP.BuildDependent.empty())
      continue;
    OS << F.Path << ": " << AP.Prog->Name << "+"
       << sectionInsn(F.Obj, *AP.Prog, 0)
       << ": note: kernel builds differ on this program and the kernel was "
          "not probed:";
    for (const BuildOutcome &B : AP.BuildDependent) {
      OS << " '" << B.Build->Name << "': removed ";
      for (size_t S = 0; S < B.Removed.size(); ++S)
        OS << (S ? "+" : "") << B.Removed[S];
      OS << ", stack ";
      for (size_t S = 0; S < B.StackDepthAfter.size(); ++S)
        OS << (S ? "+" : "") << B.StackDepthAfter[S];
      OS << (&B == &AP.BuildDependent.back() ? "\n" : ";");
    }
  }
  if (NoTable)
    return;
  OS << F.Path << ":\n";
  OS << formatv("  {0,-20} {1,-20} {2,8} {3,8} {4,10} {5,7} {6,12} {7,14}\n",
                "program", "subprogram", "eligible", "brackets", "recognised",
                "removed", "stack", "insns");
  for (const AnalyzedProgram &AP : F.Programs) {
    const ProgramResult &R = AP.Result;
    for (size_t S = 0; S < R.Subprogs.size(); ++S) {
      const SubprogResult &SP = R.Subprogs[S];
      unsigned Eligible = 0, Brackets = 0, Recognised = 0, Removed = 0;
      for (const CallResult &C : SP.Calls) {
        Eligible += C.Eligible;
        Brackets += C.BracketPairs > 0;
        Recognised += C.AcceptedPairs > 0;
        Removed += C.Removed;
      }
      std::string Stack =
          formatv("{0} -> {1}", SP.StackDepthBefore, SP.StackDepthAfter);
      std::string Count =
          S == 0
              ? std::string(formatv("{0} -> {1}", R.InsnsBefore, R.InsnsAfter))
              : std::string();
      OS << formatv(
          "  {0,-20} {1,-20} {2,8} {3,8} {4,10} {5,7} {6,12} {7,14}\n",
          S == 0 ? AP.Prog->Name : "", funcOfSubprog(F, *AP.Prog, S).Name,
          Eligible, Brackets, Recognised, Removed, Stack, Count);
    }
  }
}

/// Stream one object in the README's schema; json::OStream keeps memory flat
/// on large objects.
void writeJSON(json::OStream &J, const AnalyzedFile &F) {
  J.object([&] {
    J.attribute("file", F.Path);
    J.attributeArray("programs", [&] {
      for (const AnalyzedProgram &AP : F.Programs) {
        const ProgramResult &R = AP.Result;
        const ObjProgram &P = *AP.Prog;
        J.object([&] {
          J.attribute("name", P.Name);
          J.attribute("section", P.Section);
          J.attribute("insns_before", int64_t(R.InsnsBefore));
          J.attribute("insns_after", int64_t(R.InsnsAfter));
          J.attribute("nops_removed", int64_t(R.NopsRemoved));
          J.attributeArray("subprograms", [&] {
            for (size_t S = 0; S < R.Subprogs.size(); ++S) {
              const SubprogResult &SP = R.Subprogs[S];
              J.object([&] {
                J.attribute("name", funcOfSubprog(F, P, S).Name);
                J.attribute("start", int64_t(funcOfSubprog(F, P, S).SecStart));
                J.attribute("stack_depth_before", SP.StackDepthBefore);
                J.attribute("stack_depth_after", SP.StackDepthAfter);
                J.attribute("contract_ok", SP.ContractOk);
                J.attributeArray("violations", [&] {
                  for (const Violation &V : SP.Violations)
                    J.object([&] {
                      J.attribute("insn",
                                  int64_t(sectionInsn(F.Obj, P, V.Idx)));
                      J.attribute("reason", V.Reason);
                    });
                });
                J.attributeArray("calls", [&] {
                  for (const CallResult &C : SP.Calls)
                    J.object([&] {
                      J.attribute("insn",
                                  int64_t(sectionInsn(F.Obj, P, C.Idx)));
                      J.attribute("callee", C.Callee);
                      J.attribute("kernel_fastcall", C.KernelFastcall);
                      J.attribute("pairs", int64_t(C.AcceptedPairs));
                      J.attribute("removed", C.Removed);
                    });
                });
              });
            }
          });
          J.attributeArray("findings", [&] {
            for (const Finding &Fd : R.Findings)
              J.object([&] {
                J.attribute("insn", int64_t(sectionInsn(F.Obj, P, Fd.Idx)));
                J.attribute("severity", severityName(Fd.Sev));
                J.attribute("message", renderFinding(F, P, Fd));
              });
          });
          if (!AP.BuildDependent.empty())
            J.attributeArray("build_dependent", [&] {
              for (const BuildOutcome &B : AP.BuildDependent)
                J.object([&] {
                  J.attribute("kernel_build", B.Build->Name);
                  J.attributeArray("stack_depth_after", [&] {
                    for (int D : B.StackDepthAfter)
                      J.value(D);
                  });
                  J.attributeArray("removed", [&] {
                    for (unsigned N : B.Removed)
                      J.value(int64_t(N));
                  });
                });
            });
        });
      }
    });
  });
}

void printXlated(raw_ostream &OS, const AnalyzedFile &F, Disassembler &D) {
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

} // namespace

/// Where the installed documentation lives, relative to this executable
/// (bin/../share/doc/bpf-nocsr), for --help.
static std::string installedDocDir(const char *Argv0) {
  static int Anchor;
  std::string Exe = sys::fs::getMainExecutable(Argv0, &Anchor);
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Dir, "share", "doc", "bpf-nocsr");
  return std::string(Dir);
}

/// Options that make no sense with --probe-kernel, by name, or empty.
static std::string optionsBesideProbe() {
  std::string Given;
  for (cl::Option *O : std::initializer_list<cl::Option *>{
           &KernelOpt, &KernelBuildOpt, &KernelProfileOpt, &ArchOpt,
           &PrintXlated, &NoTable})
    if (O->getNumOccurrences())
      Given += (Given.empty() ? "--" : ", --") + O->ArgStr.str();
  return Given;
}

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(Cat);
  cl::SetVersionPrinter(bpf_nocsr::versionPrinter("nocsr-check"));
  std::string Doc = installedDocDir(argv[0]);
  std::string Help =
      "\nEXIT STATUS:\n"
      "  0   no error-level finding (also: a valid object without programs)\n"
      "  1   error-level findings\n"
      "  2   usage error, or an unreadable or invalid object\n"
      "  77  --probe-kernel: bpf() not permitted here\n"
      "\nEvery report starts with the kernel it answers for and how that was "
      "chosen\n(text: a 'target:' line; JSON: the \"target\" object).\n"
      "\nDocumentation: man nocsr-check, man 7 bpf-nocsr; JSON schema:\n  " +
      Doc + "/nocsr-check.schema.json\n";
  cl::extrahelp ExtraHelp(Help.c_str());
  if (!parseToolCommandLine(argc, argv,
                            "nocsr-check: predict what the verifier does "
                            "with bpf_fastcall brackets\n"))
    return 2;
  auto Fail = [](const Twine &Msg) {
    errs() << "nocsr-check: error: " << Msg << "\n";
  };

  if (ProbeKernel) {
    std::string Beside = optionsBesideProbe();
    if (!Inputs.empty()) {
      Fail("--probe-kernel takes no objects (probe first, then check with "
           "--kernel-profile)");
      return 2;
    }
    if (!Beside.empty()) {
      Fail("--probe-kernel takes only --format, not " + Beside);
      return 2;
    }
    if (Error E = checkBpfPermitted()) {
      Fail("cannot probe the kernel: " + toString(std::move(E)));
      return 77;
    }
    Expected<SavedProfile> P = probedHostProfile(/*UseCache=*/false);
    if (!P) {
      Fail("cannot probe the kernel: " + toString(P.takeError()));
      return 2;
    }
    printProfile(*P);
    return 0;
  }
  if (Inputs.empty()) {
    Fail("no input files (see --help)");
    return 2;
  }
  TargetChoice TO;
  TO.Kernel = KernelOpt;
  TO.KernelGiven = KernelOpt.getNumOccurrences() > 0;
  TO.KernelBuild = KernelBuildOpt;
  TO.KernelProfile = KernelProfileOpt;
  TO.Arch = ArchOpt;
  TO.ArchGiven = ArchOpt.getNumOccurrences() > 0;
  Expected<CheckTarget> Target = resolveCheckTarget(TO);
  if (!Target) {
    Fail(toString(Target.takeError()));
    return 2;
  }
  const KernelProfile &Profile = Target->Profile;
  if (!Target->Note.empty())
    errs() << "nocsr-check: note: " << Target->Note << "\n";

  bool Unreadable = false, AnyError = false;
  std::vector<AnalyzedFile> Files;
  for (const std::string &Path : Inputs) {
    if (Path != "-" && sys::fs::is_directory(Path)) {
      Fail(Path + ": is a directory; pass its BPF objects (e.g. " + Path +
           "/*.o)");
      Unreadable = true;
      continue;
    }
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFileOrSTDIN(Path, /*IsText=*/false,
                                     /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Fail(Path + ": " + Buf.getError().message());
      Unreadable = true;
      continue;
    }
    Expected<ObjFile> Obj = readBpfObject((*Buf)->getMemBufferRef());
    if (!Obj) {
      Fail(Path + ": " + toString(Obj.takeError()));
      Unreadable = true;
      continue;
    }
    if (Obj->Programs.empty())
      errs() << "nocsr-check: note: " << Path
             << ": no BPF programs (no non-empty function in an executable "
                "section other than .text); nothing to check\n";
    AnalyzedFile AF;
    AF.Path = Path;
    AF.Obj = std::move(*Obj);
    bool Bad = false;
    for (ObjProgram &P : AF.Obj.Programs) {
      P.Input.Profile = Profile;
      P.Input.setSection(P.Section);
      Expected<ProgramResult> R = analyzeProgram(P.Input);
      if (!R) {
        Fail(Path + ": program '" + P.Name + "': " + toString(R.takeError()));
        Bad = true;
        break;
      }
      for (const Finding &Fd : R->Findings)
        AnyError |= Fd.Sev == Severity::Error;
      std::vector<BuildOutcome> Outcomes = outcomesOfKnownBuilds(P.Input, *R);
      AF.Programs.push_back({&P, std::move(*R), std::move(Outcomes)});
    }
    if (Bad) {
      Unreadable = true;
      continue;
    }
    Files.push_back(std::move(AF));
  }

  // Programs point into their ObjFile; Files no longer moves from here on.
  if (Format == OutputFormat::JSON) {
    json::OStream J(outs(), /*IndentSize=*/2);
    J.object([&] {
      writeTargetJSON(J, *Target);
      J.attributeArray("objects", [&] {
        for (const AnalyzedFile &F : Files)
          writeJSON(J, F);
      });
    });
    outs() << "\n";
  } else {
    outs() << "target: " << describeTarget(*Target) << "\n";
    for (const AnalyzedFile &F : Files)
      printText(outs(), F);
  }
  if (PrintXlated) {
    for (const AnalyzedFile &F : Files) {
      Disassembler D;
      if (!D.init(F.Obj.LittleEndian)) {
        Fail("cannot set up the BPF disassembler");
        return 2;
      }
      printXlated(outs(), F, D);
    }
  }
  outs().flush();
  if (Unreadable)
    return 2;
  return AnyError ? 1 : 0;
}
