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
#include "Report.h"
#include "bpf_nocsr/ToolVersion.h"
#include "nocsr/BpfSyscall.h"
#include "nocsr/FastcallModel.h"
#include "nocsr/KernelBuildOutcomes.h"
#include "nocsr/KernelProbe.h"
#include "nocsr/ObjectReader.h"
#include "nocsr/ProfileFile.h"
#include "nocsr/ToolCommandLine.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace nocsr;
using namespace bpf_nocsr;

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
    if (Format == OutputFormat::JSON)
      printProfileJSON(outs(), *P);
    else
      printProfileText(outs(), *P);
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
      printText(outs(), F, !NoTable);
  }
  if (PrintXlated) {
    for (const AnalyzedFile &F : Files)
      if (Error E = printXlated(outs(), F)) {
        Fail(toString(std::move(E)));
        return 2;
      }
  }
  outs().flush();
  if (Unreadable)
    return 2;
  return AnyError ? 1 : 0;
}
