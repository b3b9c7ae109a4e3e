//===- nocsr-run.cpp - Run BPF programs and report their brackets ---------===//
//
// Usage: nocsr-run [--json] [--cpu=N] [--no-run] [--program=NAME] [--verbose]
//                  [--data-in=FILE] [--repeat=N] OBJECT...
//
// Loads each program of each OBJECT without attaching it, reads the kernel's
// translated program back and runs it with BPF_PROG_TEST_RUN on a fixed (or
// given) input with the calling thread pinned to one CPU. Reports per program
// the return value, the translated instruction count, the verifier's stack
// depth and, for every call, whether the spill/fill bracket around it
// survived.
//
// Exit status (as nocsr-check: 1 for findings, 2 for bad input):
//   0  every program loaded (and ran where possible)
//   1  a program was rejected by the verifier
//   2  usage error, or the object cannot be opened (libbpf's reason shown)
//   3  a test run failed
//   77 bpf() not permitted on this machine (nothing was loaded)
// Every object is opened before bpf() is probed, so an unreadable object
// exits 2 on any machine.
//
//===----------------------------------------------------------------------===//

#include "ProgramRunner.h"
#include "bpf_nocsr/ToolVersion.h"
#include "nocsr/BpfSyscall.h"
#include "nocsr/ToolCommandLine.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <sched.h>

using namespace llvm;
using namespace bpf_nocsr::harness;

namespace {

enum ExitStatus {
  ExitOK = 0,
  ExitLoadFailed = 1,
  ExitUsage = 2,
  ExitRunFailed = 3,
  ExitNotPermitted = 77,
};

cl::OptionCategory RunCategory("nocsr-run options");
cl::extrahelp ReportHelp(
    "\nREPORT:\n"
    "  Each program is reported as NAME (SECTION, TYPE): its ELF section and "
    "the\n"
    "  program type libbpf derives from it, in libbpf's spelling (section "
    "'tc'\n"
    "  loads as type 'sched_cls', 'xdp' as 'xdp', 'kprobe/...' as "
    "'kprobe').\n"
    "  Bracket verdicts: removed, kept, partial (only inner pairs removed),\n"
    "  broken (some of its instructions removed, but not whole inner pairs:\n"
    "  e.g. a spill without its fill), dead (its call went with unreachable\n"
    "  code), unknown (the call became instructions nocsr-run does not\n"
    "  recognise); \"none\" in JSON, \"no bracket\" in text: a call without\n"
    "  a bracket.\n"
    "\nINPUT:\n"
    "  Packet programs (xdp, tc, socket filters, cgroup_skb, lwt) get the "
    "--data-in\n"
    "  file, or by default a 64-byte frame P[i] = 37*i + 11 with Ethernet "
    "type\n"
    "  IPv4 (bytes 12-13 = 08 00). Raw tracepoints get twelve fixed "
    "arguments\n"
    "  and run once. Other types are loaded and translated, not run.\n"
    "\nEXIT STATUS:\n"
    "  0   every program loaded (and ran where possible)\n"
    "  1   a program was rejected by the verifier\n"
    "  2   usage error, or an object cannot be opened\n"
    "  3   a test run failed\n"
    "  77  bpf() not permitted here (nothing was loaded)\n"
    "\nDocumentation: man nocsr-run, man 7 bpf-nocsr\n");
cl::list<std::string> ObjectPaths(cl::Positional, cl::OneOrMore,
                                  cl::desc("<BPF object>..."),
                                  cl::cat(RunCategory));
cl::opt<bool> Json("json", cl::desc("Print the report as JSON"),
                   cl::cat(RunCategory));
cl::opt<unsigned> Cpu("cpu", cl::desc("CPU to pin the test runs to"),
                      cl::init(0), cl::cat(RunCategory));
cl::opt<bool> NoRun("no-run", cl::desc("Load and translate only"),
                    cl::cat(RunCategory));
cl::opt<bool>
    Verbose("verbose",
            cl::desc("Show libbpf's messages, debug level included, and each "
                     "program's verifier log with statistics (as bpftool -d)"),
            cl::cat(RunCategory));
cl::opt<std::string>
    DataIn("data-in",
           cl::desc("Packet for packet programs (default: the 64-byte frame "
                    "below; - reads standard input)"),
           cl::value_desc("file"), cl::cat(RunCategory));
cl::opt<unsigned>
    Repeat("repeat",
           cl::desc("Run packet programs N times (BPF_PROG_TEST_RUN repeat; "
                    "the report adds the average ns per run)"),
           cl::value_desc("N"), cl::init(1), cl::cat(RunCategory));
cl::opt<bool> DumpInsns(
    "dump-insns",
    cl::desc("Print the loaded and translated programs as C++ bpf_insn "
             "arrays (to record unit-test inputs)"),
    cl::Hidden, cl::cat(RunCategory));
cl::opt<std::string> OnlyProgram("program",
                                 cl::desc("Only this program (by name)"),
                                 cl::cat(RunCategory));

struct BracketCounts {
  unsigned Total = 0, Removed = 0, Kept = 0, Partial = 0, Broken = 0, Dead = 0,
           Unknown = 0;
};

BracketCounts countBrackets(const ProgramReport &R) {
  BracketCounts C;
  for (const CallSite &Site : R.Calls) {
    if (Site.State == Survival::NoBracket)
      continue;
    ++C.Total;
    C.Removed += Site.State == Survival::Removed;
    C.Kept += Site.State == Survival::Kept;
    C.Partial += Site.State == Survival::Partial;
    C.Dead += Site.State == Survival::Dead;
    C.Broken += Site.State == Survival::Broken;
    C.Unknown += Site.State == Survival::Unknown;
  }
  return C;
}

json::Value callToJson(const CallSite &Site, const std::string &Callee) {
  json::Array Regs, Offsets;
  for (const nocsr::BracketPair &P : Site.Pairs) {
    Regs.push_back(std::int64_t(P.Reg));
    Offsets.push_back(std::int64_t(P.Off));
  }
  json::Object O{{"insn", std::int64_t(Site.Index)},
                 {"callee", Callee},
                 {"pairs", std::int64_t(Site.Pairs.size())},
                 {"removed_pairs", std::int64_t(Site.RemovedPairs)},
                 {"regs", std::move(Regs)},
                 {"offsets", std::move(Offsets)},
                 {"bracket", survivalName(Site.State)}};
  if (Site.State == Survival::Unknown)
    O["unrecognised_xlated"] =
        json::Object{{"first", std::int64_t(Site.UnknownFirst)},
                     {"count", std::int64_t(Site.UnknownCount)}};
  return json::Value(std::move(O));
}

json::Value programToJson(const ProgramReport &R) {
  json::Object O{{"name", R.Name},
                 {"section", R.Section},
                 {"type", R.Type},
                 {"loaded", R.Loaded}};
  if (!R.Loaded) {
    O["error"] = R.LoadError;
    O["verifier_log"] = R.VerifierLog;
    return json::Value(std::move(O));
  }
  json::Array Depth;
  for (unsigned D : R.StackDepth)
    Depth.push_back(std::int64_t(D));
  json::Array Calls;
  for (unsigned I = 0; I < R.Calls.size(); ++I)
    Calls.push_back(callToJson(R.Calls[I], R.CalleeNames[I]));
  BracketCounts C = countBrackets(R);
  O["insns"] = std::int64_t(R.LoadedInsns);
  O["xlated_insns"] = std::int64_t(R.XlatedInsns);
  O["dead_insns"] = std::int64_t(R.Dead.Insns);
  O["dead_stack_accesses"] = std::int64_t(R.Dead.StackAccesses);
  O["stack_depth"] = std::move(Depth);
  O["ran"] = R.Ran;
  if (R.Ran) {
    O["retval"] = std::int64_t(R.Retval);
    if (Repeat.getNumOccurrences())
      O["duration_ns"] = std::int64_t(R.DurationNs);
  } else if (!R.RunError.empty())
    O["run_error"] = R.RunError;
  else
    O["not_run_reason"] = R.NotRunReason;
  O["calls"] = std::move(Calls);
  O["brackets"] = json::Object{
      {"total", std::int64_t(C.Total)},    {"removed", std::int64_t(C.Removed)},
      {"kept", std::int64_t(C.Kept)},      {"partial", std::int64_t(C.Partial)},
      {"broken", std::int64_t(C.Broken)},  {"dead", std::int64_t(C.Dead)},
      {"unknown", std::int64_t(C.Unknown)}};
  return json::Value(std::move(O));
}

void printText(const std::vector<ProgramReport> &Reports, BracketCounts &All) {
  for (const ProgramReport &R : Reports) {
    outs() << R.Name << " (" << R.Section << ", " << R.Type << "): ";
    if (!R.Loaded) {
      outs() << "NOT LOADED: " << R.LoadError << "\n";
      if (!R.VerifierLog.empty())
        outs() << R.VerifierLog << "\n";
      continue;
    }
    outs() << "insns " << R.LoadedInsns << ", xlated " << R.XlatedInsns;
    if (R.Dead.Insns)
      outs() << ", dead code >= " << R.Dead.Insns;
    outs() << ", stack depth ";
    for (unsigned I = 0; I < R.StackDepth.size(); ++I)
      outs() << (I ? "+" : "") << R.StackDepth[I];
    if (R.StackDepth.empty())
      outs() << "?";
    if (R.Ran) {
      outs() << ", retval " << R.Retval << " (" << format_hex(R.Retval, 10)
             << ")";
      if (Repeat.getNumOccurrences())
        outs() << ", " << R.DurationNs << " ns/run";
      outs() << "\n";
    } else if (!R.RunError.empty())
      outs() << ", RUN FAILED: " << R.RunError << "\n";
    else
      outs() << ", not run: " << R.NotRunReason << "\n";
    for (unsigned I = 0; I < R.Calls.size(); ++I) {
      const CallSite &Site = R.Calls[I];
      outs() << "  insn " << Site.Index << ": call " << R.CalleeNames[I];
      if (Site.Pairs.empty()) {
        outs() << ", no bracket\n";
        continue;
      }
      outs() << ", " << Site.Pairs.size() << " pair(s) [";
      for (unsigned P = 0; P < Site.Pairs.size(); ++P)
        outs() << (P ? " " : "") << "r" << Site.Pairs[P].Reg << "@"
               << Site.Pairs[P].Off;
      outs() << "] " << survivalName(Site.State);
      if (Site.State == Survival::Partial)
        outs() << " (" << Site.RemovedPairs << " inner removed)";
      if (Site.State == Survival::Unknown)
        outs() << " (the call became xlated insns " << Site.UnknownFirst << ".."
               << Site.UnknownFirst + Site.UnknownCount - 1
               << ", a form nocsr-run does not recognise)";
      outs() << "\n";
    }
    BracketCounts C = countBrackets(R);
    All.Total += C.Total;
    All.Removed += C.Removed;
    All.Kept += C.Kept;
    All.Partial += C.Partial;
    All.Dead += C.Dead;
    All.Broken += C.Broken;
    All.Unknown += C.Unknown;
  }
}

void printBracketTotals(const BracketCounts &All) {
  outs() << "brackets: " << All.Total << " total, " << All.Removed
         << " removed, " << All.Kept << " kept, " << All.Partial << " partial";
  if (All.Broken)
    outs() << ", " << All.Broken << " broken";
  if (All.Dead)
    outs() << ", " << All.Dead << " in dead code";
  if (All.Unknown)
    outs() << ", " << All.Unknown << " unknown";
  outs() << "\n";
}

void dumpInsns(StringRef Name, ArrayRef<bpf_insn> Insns) {
  outs() << "const bpf_insn " << Name << "[] = {\n";
  for (const bpf_insn &I : Insns)
    outs() << formatv("    {{{0:x2}, {1}, {2}, {3}, {4}},\n", I.code, I.dst_reg,
                      I.src_reg, I.off, I.imm);
  outs() << "};\n";
}

bool pinToCpu(unsigned N, std::string &Error) {
  cpu_set_t Set;
  CPU_ZERO(&Set);
  CPU_SET(N, &Set);
  if (sched_setaffinity(0, sizeof(Set), &Set) != 0) {
    Error =
        "cannot pin to CPU " + std::to_string(N) + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

json::Value objectToJson(const std::string &Path,
                         const std::vector<ProgramReport> &Reports) {
  json::Array Programs;
  for (const ProgramReport &R : Reports)
    Programs.push_back(programToJson(R));
  return json::Object{{"object", Path},
                      {"cpu", std::int64_t(Cpu)},
                      {"programs", std::move(Programs)}};
}

} // namespace

int main(int argc, char **argv) {
  cl::HideUnrelatedOptions(RunCategory);
  cl::SetVersionPrinter(bpf_nocsr::versionPrinter("nocsr-run"));
  if (!nocsr::parseToolCommandLine(
          argc, argv,
          "load BPF programs, run them and report their brackets\n"))
    return ExitUsage;

  RunOptions Opts;
  Opts.Cpu = Cpu;
  Opts.Execute = !NoRun;
  Opts.OnlyProgram = OnlyProgram;
  Opts.Verbose = Verbose;
  Opts.Repeat = Repeat;
  if (NoRun && (DataIn.getNumOccurrences() || Repeat.getNumOccurrences())) {
    errs() << "nocsr-run: --no-run runs nothing; drop --data-in and --repeat\n";
    return ExitUsage;
  }
  if (Repeat == 0) {
    errs() << "nocsr-run: --repeat must be at least 1\n";
    return ExitUsage;
  }
  if (!DataIn.empty()) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFileOrSTDIN(DataIn, /*IsText=*/false);
    if (!Buf) {
      errs() << "nocsr-run: --data-in '" << DataIn
             << "': " << Buf.getError().message() << "\n";
      return ExitUsage;
    }
    StringRef Bytes = (*Buf)->getBuffer();
    if (Bytes.empty()) {
      errs() << "nocsr-run: --data-in '" << DataIn << "' is empty\n";
      return ExitUsage;
    }
    Opts.DataIn.assign(Bytes.bytes_begin(), Bytes.bytes_end());
  }
  std::string Error;
  for (const std::string &Path : ObjectPaths)
    if (!checkObject(Path, Opts, Error)) {
      errs() << "nocsr-run: " << Error << "\n";
      return ExitUsage;
    }
  if (!pinToCpu(Cpu, Error)) {
    errs() << "nocsr-run: " << Error << "\n";
    return ExitUsage;
  }
  if (llvm::Error E = nocsr::checkBpfPermitted(/*TestRun=*/true)) {
    errs() << "nocsr-run: " << toString(std::move(E)) << "\n";
    return ExitNotPermitted;
  }

  std::vector<std::vector<ProgramReport>> PerObject;
  for (const std::string &Path : ObjectPaths) {
    std::vector<ProgramReport> Reports;
    if (!runObject(Path, Opts, Reports, Error)) {
      errs() << "nocsr-run: " << Error << "\n";
      return ExitUsage;
    }
    PerObject.push_back(std::move(Reports));
  }

  if (DumpInsns)
    for (const std::vector<ProgramReport> &Reports : PerObject)
      for (const ProgramReport &R : Reports) {
        dumpInsns(R.Name + "Loaded", R.LoadedProgram);
        dumpInsns(R.Name + "Xlated", R.XlatedProgram);
      }
  bool Several = ObjectPaths.size() > 1;
  if (Json) {
    // One object: its report; several: {"objects": [report...]}.
    json::Value Doc = objectToJson(ObjectPaths[0], PerObject[0]);
    if (Several) {
      json::Array Objects;
      for (size_t I = 0; I < ObjectPaths.size(); ++I)
        Objects.push_back(objectToJson(ObjectPaths[I], PerObject[I]));
      Doc = json::Object{{"objects", std::move(Objects)}};
    }
    outs() << formatv("{0:2}", Doc) << "\n";
  } else {
    BracketCounts All;
    for (size_t I = 0; I < ObjectPaths.size(); ++I) {
      if (Several)
        outs() << ObjectPaths[I] << ":\n";
      printText(PerObject[I], All);
    }
    printBracketTotals(All);
  }

  int Status = ExitOK;
  for (const std::vector<ProgramReport> &Reports : PerObject)
    for (const ProgramReport &R : Reports) {
      if (!R.Loaded)
        return ExitLoadFailed;
      if (!R.RunError.empty())
        Status = ExitRunFailed;
    }
  return Status;
}
