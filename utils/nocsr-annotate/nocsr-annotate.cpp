//===- nocsr-annotate.cpp - Mark fastcall callees in BPF headers ----------===//
//
// nocsr-annotate [--profile=latest|X.Y] [--arch=A]
//                [-i | -o OUT | --output-dir DIR] HEADER
//   Rewrites libbpf's bpf_helper_defs.h or a bpftool vmlinux.h so that the
//   helpers and kfuncs the profile treats as fastcall carry __bpf_fastcall;
//   --output-dir writes a drop-in include directory (IncludeDir.h).
// nocsr-annotate --emit-header [-o OUT]
//   Writes include/bpf_nocsr.h from the kernel profile table.
// Instead of --profile/--arch, --kernel-profile=FILE takes a kernel probed
// elsewhere (nocsr-check --probe-kernel --format=json).
// nocsr-annotate --list-eligible [--profile=...] [--arch=...]
//                [--format=json [--section=SEC]...]
//   Prints the callees the profile treats as fastcall, one per line; or, as
//   JSON, every callee of the table with its signature and the program
//   families it is fastcall for (and the family of each SEC), so that scripts
//   read these facts instead of spelling them out.
//
// Exit status: 0 done, 2 usage error or a header it cannot read or annotate
// (nothing written).
//
//===----------------------------------------------------------------------===//

#include "HeaderAnnotator.h"
#include "HeaderEmitter.h"
#include "IncludeDir.h"
#include "bpf_nocsr/KernelSpec.h"
#include "bpf_nocsr/ToolVersion.h"
#include "nocsr/ProfileFile.h"
#include "nocsr/ToolCommandLine.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <memory>

using namespace llvm;
using namespace bpf_nocsr;

static cl::OptionCategory Category("nocsr-annotate options");

static cl::opt<std::string> InputFile(cl::Positional,
                                      cl::desc("<bpf_helper_defs.h|vmlinux.h>"),
                                      cl::cat(Category));
static cl::opt<std::string> OutputFile("o",
                                       cl::desc("Output file (- = stdout)"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(Category));
static cl::opt<bool> InPlace("i", cl::desc("Rewrite the input file in place"),
                             cl::cat(Category));
static cl::opt<std::string> OutputDir(
    "output-dir",
    cl::desc("Write a drop-in include directory: DIR/bpf/ with libbpf's "
             "headers from beside HEADER and the annotated "
             "bpf_helper_defs.h (or DIR/vmlinux.h); compile with -IDIR"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string>
    Profile("profile",
            cl::desc("Kernel version: 'latest' (the default) or "
                     "MAJOR.MINOR"),
            cl::init("latest"), cl::cat(Category));
static cl::opt<std::string> KernelProfileFile(
    "kernel-profile",
    cl::desc("Use the kernel saved in this profile (nocsr-check "
             "--probe-kernel --format=json) instead of --profile and --arch"),
    cl::value_desc("file"), cl::cat(Category));
static const std::string ArchHelp =
    "Architecture: " + archList() + " (default x86_64)";
static cl::opt<std::string> ArchName("arch", cl::desc(ArchHelp),
                                     cl::init("x86_64"), cl::cat(Category));
static cl::opt<bool> EmitHeader("emit-header",
                                cl::desc("Write bpf_nocsr.h and exit"),
                                cl::cat(Category));
static cl::opt<bool>
    ListEligible("list-eligible",
                 cl::desc("Print the callees the profile treats as fastcall"),
                 cl::cat(Category));
enum class ListFormat { Text, JSON };
static cl::opt<ListFormat>
    Format("format", cl::desc("Output format of --list-eligible"),
           cl::values(clEnumValN(ListFormat::Text, "text",
                                 "the fastcall callees, one per line"),
                      clEnumValN(ListFormat::JSON, "json",
                                 "every callee of the table, with its "
                                 "signature and program families")),
           cl::init(ListFormat::Text), cl::cat(Category));
static cl::list<std::string>
    Sections("section",
             cl::desc("With --format=json: also name the program family of "
                      "this ELF section (repeatable)"),
             cl::value_desc("name"), cl::cat(Category));
static cl::opt<bool> Quiet("q", cl::desc("Do not report what was marked"),
                           cl::cat(Category));

static int fail(const Twine &Message) {
  WithColor::error(errs(), "nocsr-annotate") << Message << "\n";
  return 2;
}

/// The first option of \p Opts the user gave, as "--name", or empty.
static std::string givenOption(std::initializer_list<cl::Option *> Opts) {
  for (cl::Option *O : Opts)
    if (O->getNumOccurrences())
      return (O->ArgStr.size() == 1 ? "-" : "--") + O->ArgStr.str();
  return "";
}

/// Options that contradict each other or the mode, as one line; empty when
/// the command line is consistent.
static std::string conflictingOptions() {
  if (EmitHeader) {
    std::string O = givenOption({&InPlace, &OutputDir, &Profile,
                                 &KernelProfileFile, &ArchName, &ListEligible,
                                 &Format, std::addressof(Sections)});
    if (!O.empty() || !InputFile.empty())
      return "--emit-header writes the header from the table and takes no " +
             (O.empty() ? std::string("input file") : O);
    return "";
  }
  if (!KernelProfileFile.empty()) {
    std::string O = givenOption({&Profile, &ArchName});
    if (!O.empty())
      return "--kernel-profile already names the kernel; drop " + O;
  }
  if (ListEligible) {
    std::string O = givenOption({&InPlace, &OutputFile, &OutputDir});
    if (!O.empty() || !InputFile.empty())
      return "--list-eligible prints the table and takes no " +
             (O.empty() ? std::string("input file") : O);
    if (Sections.getNumOccurrences() && Format != ListFormat::JSON)
      return "--section needs --format=json";
    return "";
  }
  std::string O = givenOption({&Format, std::addressof(Sections)});
  if (!O.empty())
    return O + " applies to --list-eligible";
  unsigned Outputs = (InPlace ? 1 : 0) +
                     (OutputFile.getNumOccurrences() ? 1 : 0) +
                     (OutputDir.getNumOccurrences() ? 1 : 0);
  if (Outputs > 1)
    return "-i, -o and --output-dir are exclusive";
  return "";
}

static int writeOutput(StringRef Path, StringRef Text) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_None);
  if (EC)
    return fail(Path + ": " + EC.message());
  Out.os() << Text;
  Out.keep();
  return 0;
}

/// --profile as parsed: a version, with or without the plugin's "profile:"
/// prefix.
static Expected<KernelSpec> profileSpec() {
  std::string Error;
  std::optional<KernelSpec> Spec =
      parseKernelSpec(Profile, /*Forms=*/0, "--profile", Error);
  if (!Spec)
    return createStringError(inconvertibleErrorCode(), Error);
  return *Spec;
}

static Expected<nocsr::KernelProfile> selectedProfile() {
  if (!KernelProfileFile.empty()) {
    Expected<nocsr::SavedProfile> Saved =
        nocsr::readProfileFile(KernelProfileFile);
    if (!Saved)
      return Saved.takeError();
    return Saved->Profile;
  }
  Expected<KernelSpec> Spec = profileSpec();
  if (!Spec)
    return Spec.takeError();
  std::optional<Arch> A = parseArch(ArchName);
  if (!A)
    return createStringError(inconvertibleErrorCode(),
                             invalidArchMessage("--arch", ArchName));
  return nocsr::KernelProfile::fromTable(Spec->Version, *A);
}

/// The table in a fixed schema and order: the .def's order, families in
/// ProgFamily order, program types in the kernel's order. A callee is
/// fastcall in a section's program when the section's type is among its
/// types; families are for presentation.
static void printEligibleJSON(const nocsr::KernelProfile &P) {
  json::OStream J(outs(), 2);
  J.object([&] {
    if (KernelProfileFile.empty())
      J.attribute("profile", kernelVersionText(P.Version));
    else
      J.attribute("profile", "file:" + KernelProfileFile);
    J.attribute("arch", archName(P.A));
    J.attributeArray("callees", [&] {
      for (const EligibleCallee &C : EligibleCallees) {
        bool Helper = C.Kind == CalleeKind::Helper;
        J.object([&] {
          J.attribute("callee", nocsr::calleeKey(C));
          J.attribute("kind", Helper ? "helper" : "kfunc");
          if (Helper)
            J.attribute("helper_number", int64_t(C.HelperNumber));
          else
            J.attribute("helper_number", nullptr);
          J.attribute("name", C.Name);
          J.attribute("num_params", int64_t(C.NumParams));
          J.attribute("returns_void", C.ReturnsVoid);
          J.attribute("fastcall", P.isFastcallAnywhere(C));
          J.attributeArray("families", [&] {
            for (ProgFamily F : nocsr::ProgFamilies)
              if (P.isFastcall(C, F))
                J.value(progFamilyName(F));
          });
          J.attributeArray("types", [&] {
            for (const ProgTypeInfo &T : ProgTypeInfos)
              if (P.isFastcall(C, T.Type))
                J.value(T.Name);
          });
        });
      }
    });
    if (!Sections.empty())
      J.attributeObject("sections", [&] {
        StringSet<> Seen;
        for (const std::string &Sec : Sections)
          if (Seen.insert(Sec).second)
            J.attribute(Sec, progFamilyName(progFamilyFromSection(Sec)));
      });
    if (!Sections.empty())
      J.attributeObject("section_types", [&] {
        StringSet<> Seen;
        for (const std::string &Sec : Sections)
          if (Seen.insert(Sec).second)
            J.attribute(Sec, progTypeName(progTypeFromSection(Sec)));
      });
  });
  outs() << "\n";
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(bpf_nocsr::versionPrinter("nocsr-annotate"));
  cl::extrahelp ExitHelp(
      "\nEXIT STATUS:\n"
      "  0   done\n"
      "  2   usage error, or a header it cannot read or annotate (nothing "
      "written)\n"
      "\nDocumentation: man nocsr-annotate, man 7 bpf-nocsr\n");
  if (!nocsr::parseToolCommandLine(
          argc, argv,
          "Mark the helpers and kfuncs a kernel treats as fastcall in "
          "libbpf's bpf_helper_defs.h or a bpftool vmlinux.h\n"))
    return 2;
  std::string Conflict = conflictingOptions();
  if (!Conflict.empty())
    return fail(Conflict);

  if (EmitHeader) {
    std::string Text;
    raw_string_ostream OS(Text);
    emitNoCSRHeader(OS);
    return writeOutput(OutputFile, Text);
  }

  Expected<nocsr::KernelProfile> P = selectedProfile();
  if (!P)
    return fail(toString(P.takeError()));

  if (ListEligible && Format == ListFormat::JSON) {
    printEligibleJSON(*P);
    return 0;
  }
  if (ListEligible) {
    for (const EligibleCallee &C : EligibleCallees) {
      if (!P->isFastcallAnywhere(C))
        continue;
      if (C.Kind == CalleeKind::Helper)
        outs() << "helper " << C.HelperNumber << " " << C.Name << "\n";
      else
        outs() << "kfunc " << C.Name << "\n";
    }
    return 0;
  }

  if (InputFile.empty())
    return fail("no input header (see --help)");
  if (InputFile != "-" && sys::fs::is_directory(InputFile))
    return fail(InputFile + ": is a directory; pass the header itself (e.g. " +
                InputFile + "/bpf_helper_defs.h)");
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
      MemoryBuffer::getFileOrSTDIN(InputFile, /*IsText=*/true);
  if (!Buf)
    return fail(InputFile + ": " + Buf.getError().message());

  Expected<AnnotatedHeader> H = annotateBPFHeader((*Buf)->getBuffer(), *P);
  if (!H)
    return fail(InputFile + ": " + toString(H.takeError()));

  if (!Quiet) {
    StringRef Kind =
        H->Kind == BPFHeaderKind::Vmlinux ? "vmlinux.h" : "bpf_helper_defs.h";
    errs() << "nocsr-annotate: " << InputFile << " (" << Kind << "): ";
    if (H->Marked.empty())
      errs() << "nothing to mark";
    else
      errs() << "marked " << join(H->Marked, ", ");
    errs() << "\n";
    for (const std::string &S : H->Skipped)
      errs() << "nocsr-annotate: note: " << S << "\n";
  }
  if (!OutputDir.empty()) {
    Expected<std::string> Wrote = writeIncludeDir(OutputDir, InputFile, *H);
    if (!Wrote)
      return fail(toString(Wrote.takeError()));
    if (!Quiet)
      errs() << "nocsr-annotate: " << *Wrote << "\n";
    return 0;
  }
  return writeOutput(InPlace ? InputFile : OutputFile, H->Text);
}
