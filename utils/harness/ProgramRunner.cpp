//===- ProgramRunner.cpp - Load, translate back and run BPF programs ------===//

#include "ProgramRunner.h"

#include "bpf_nocsr/FastcallCallees.h"
#include "nocsr/BpfSyscall.h"

#include "llvm/Support/FileSystem.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unistd.h>

namespace bpf_nocsr {
namespace harness {

std::vector<std::uint8_t> fixedPacket() {
  constexpr unsigned PacketSize = 64;
  std::vector<std::uint8_t> P(PacketSize);
  for (unsigned I = 0; I < PacketSize; ++I)
    P[I] = std::uint8_t(I * 37 + 11);
  P[12] = 0x08; // ETH_P_IP
  P[13] = 0x00;
  return P;
}

namespace {

// The fixed arguments every raw tracepoint run sees (packet programs get
// fixedPacket() or --data-in).
constexpr unsigned NumTracepointArgs = 12; // MAX_BPF_FUNC_ARGS

std::vector<std::uint64_t> fixedTracepointArgs() {
  std::vector<std::uint64_t> A(NumTracepointArgs);
  for (unsigned I = 0; I < NumTracepointArgs; ++I)
    A[I] = (0x9e3779b97f4a7c15ull * (I + 1)) ^ (std::uint64_t(I) << 56);
  return A;
}

struct ObjectCloser {
  void operator()(bpf_object *Obj) const { bpf_object__close(Obj); }
};
using ObjectPtr = std::unique_ptr<bpf_object, ObjectCloser>;

bool VerboseLibbpf = false;
// libbpf's last warning, kept even without --verbose: the reason behind an
// error code such as "BPF object format invalid" or -ENOENT.
std::string LastLibbpfWarning;
std::string PendingLibbpfLine;

int libbpfPrint(enum libbpf_print_level Level, const char *Fmt, va_list Args) {
  if (Level == LIBBPF_DEBUG && !VerboseLibbpf)
    return 0;
  va_list Copy;
  va_copy(Copy, Args);
  char Buf[1024];
  int N = std::vsnprintf(Buf, sizeof(Buf), Fmt, Copy);
  va_end(Copy);
  if (N > 0 && Level == LIBBPF_WARN) {
    PendingLibbpfLine += Buf;
    size_t End;
    while ((End = PendingLibbpfLine.find('\n')) != std::string::npos) {
      std::string Line = PendingLibbpfLine.substr(0, End);
      PendingLibbpfLine.erase(0, End + 1);
      if (Line.rfind("libbpf: ", 0) == 0)
        Line.erase(0, std::strlen("libbpf: "));
      if (!Line.empty())
        LastLibbpfWarning = Line;
    }
  }
  // Load failures are reported with the verifier log; libbpf's own messages
  // only on request.
  if (!VerboseLibbpf)
    return 0;
  return std::vfprintf(stderr, Fmt, Args);
}

std::string errorText(int Err) { return std::strerror(Err < 0 ? -Err : Err); }

/// libbpf's text for \p Err: its own codes (LIBBPF_ERRNO__*, from 4000) and
/// errno values alike.
std::string libbpfErrorText(int Err) {
  char Buf[256];
  libbpf_strerror(Err < 0 ? -Err : Err, Buf, sizeof(Buf));
  return Buf;
}

ObjectPtr openObject(const std::string &Path, std::string &Error) {
  LastLibbpfWarning.clear();
  PendingLibbpfLine.clear();
  bpf_object *Obj = bpf_object__open_file(Path.c_str(), nullptr);
  if (!Obj) {
    // libbpf's warning says what is wrong; its error code alone can mislead
    // (a missing BTF is ENOENT, "No such file or directory").
    const std::string Code = libbpfErrorText(errno);
    std::string Why = LastLibbpfWarning;
    while (!Why.empty() && (Why.back() == '.' || Why.back() == ' '))
      Why.pop_back();
    Error = "cannot open '" + Path + "': ";
    if (Why.empty())
      Error += Code;
    else if (Why.find(Code) != std::string::npos)
      Error += Why;
    else
      Error += Why + " (" + Code + ")";
    return nullptr;
  }
  return ObjectPtr(Obj);
}

std::string logTail(const std::string &Log, unsigned Lines) {
  size_t Pos = Log.size();
  while (Pos > 0 && Log[Pos - 1] == '\n')
    --Pos;
  for (unsigned N = 0; Pos > 0 && N <= Lines;)
    if (Log[--Pos] == '\n')
      ++N;
  return Log.substr(Pos == 0 ? 0 : Pos + 1);
}

bool isPacketType(bpf_prog_type T) {
  switch (T) {
  case BPF_PROG_TYPE_XDP:
  case BPF_PROG_TYPE_SCHED_CLS:
  case BPF_PROG_TYPE_SCHED_ACT:
  case BPF_PROG_TYPE_SOCKET_FILTER:
  case BPF_PROG_TYPE_CGROUP_SKB:
  case BPF_PROG_TYPE_LWT_IN:
  case BPF_PROG_TYPE_LWT_OUT:
  case BPF_PROG_TYPE_LWT_XMIT:
    return true;
  default:
    return false;
  }
}

void testRun(int Fd, bpf_prog_type Type, const RunOptions &Opts,
             ProgramReport &R) {
  std::vector<std::uint8_t> Packet =
      Opts.DataIn.empty() ? fixedPacket() : Opts.DataIn;
  // Room for programs that grow the packet (XDP tail, skb head).
  std::vector<std::uint8_t> Out(Packet.size() + 4096);
  std::vector<std::uint64_t> Args = fixedTracepointArgs();
  bpf_test_run_opts Run = {};
  Run.sz = sizeof(Run);
  if (isPacketType(Type)) {
    Run.repeat = Opts.Repeat;
    Run.data_in = Packet.data();
    Run.data_size_in = Packet.size();
    Run.data_out = Out.data();
    Run.data_size_out = Out.size();
  } else if (Type == BPF_PROG_TYPE_RAW_TRACEPOINT) {
    // Raw tracepoints refuse a repeat count; they always run once.
    Run.ctx_in = Args.data();
    Run.ctx_size_in = Args.size() * sizeof(std::uint64_t);
    Run.flags = BPF_F_TEST_RUN_ON_CPU;
    Run.cpu = Opts.Cpu;
  } else {
    R.NotRunReason = std::string("no BPF_PROG_TEST_RUN for ") + R.Type;
    return;
  }
  if (int Err = bpf_prog_test_run_opts(Fd, &Run)) {
    R.RunError = "BPF_PROG_TEST_RUN: " + errorText(Err);
    return;
  }
  R.Ran = true;
  R.Retval = Run.retval;
  R.DurationNs = Run.duration;
}

class CalleeNamer {
public:
  ~CalleeNamer() { btf__free(Vmlinux); }

  /// BTF ids of the kfuncs the verifier rewrites to `r0 = r1`: the fastcall
  /// kfuncs of FastcallCallees.def (all of them are inlined that way).
  std::vector<std::int32_t> movKfuncIds() {
    std::vector<std::int32_t> Ids;
    if (btf *B = vmlinux())
      for (const EligibleCallee &C : EligibleCallees) {
        if (C.Kind != CalleeKind::Kfunc)
          continue;
        std::int32_t Id = btf__find_by_name_kind(B, C.Name, BTF_KIND_FUNC);
        if (Id > 0)
          Ids.push_back(Id);
      }
    return Ids;
  }

  std::string name(const CallSite &Site) {
    switch (Site.Kind) {
    case CallKind::Subprog:
      return "subprog";
    case CallKind::Helper:
      return "helper:" + std::to_string(Site.Imm);
    case CallKind::Kfunc:
      break;
    }
    btf *Vmlinux = vmlinux();
    if (Vmlinux && Site.Imm > 0) {
      if (const btf_type *T = btf__type_by_id(Vmlinux, __u32(Site.Imm)))
        return std::string("kfunc:") +
               btf__name_by_offset(Vmlinux, T->name_off);
    }
    return "kfunc:btf#" + std::to_string(Site.Imm);
  }

private:
  btf *vmlinux() {
    if (!Loaded) {
      Loaded = true;
      Vmlinux = btf__load_vmlinux_btf(); // Null if the kernel has no BTF.
    }
    return Vmlinux;
  }

  bool Loaded = false;
  btf *Vmlinux = nullptr;
};

void loadOne(const std::string &Path, const std::string &Name,
             const RunOptions &Opts, CalleeNamer &Namer, ProgramReport &R) {
  std::string Error;
  ObjectPtr Obj = openObject(Path, Error);
  if (!Obj) {
    R.LoadError = Error;
    return;
  }
  bpf_program *Target = nullptr;
  bpf_program *Prog;
  bpf_object__for_each_program(Prog, Obj.get()) {
    bool IsTarget = Name == bpf_program__name(Prog);
    bpf_program__set_autoload(Prog, IsTarget);
    if (IsTarget)
      Target = Prog;
  }
  // BPF_LOG_STATS (4) for the stack depth; --verbose asks for the whole
  // log of every path (1 | 2 | 4), as bpftool -d does. A log beyond the
  // buffer fails the load with ENOSPC.
  std::string Log(Opts.Verbose ? 1 << 26 : 1 << 16, '\0');
  bpf_program__set_log_buf(Target, Log.data(), Log.size());
  bpf_program__set_log_level(Target, Opts.Verbose ? 1 | 2 | 4 : 4);
  if (int Err = bpf_object__load(Obj.get())) {
    R.LoadError = "load failed: " + libbpfErrorText(Err);
    // Load it again with the full log for the reason.
    ObjectPtr Again = openObject(Path, Error);
    if (!Again)
      return;
    std::string Full(1 << 24, '\0');
    bpf_object__for_each_program(Prog, Again.get()) {
      bool IsTarget = Name == bpf_program__name(Prog);
      bpf_program__set_autoload(Prog, IsTarget);
      if (IsTarget) {
        bpf_program__set_log_buf(Prog, Full.data(), Full.size());
        bpf_program__set_log_level(Prog, 1);
      }
    }
    bpf_object__load(Again.get());
    R.VerifierLog = logTail(Full.c_str(), 25);
    return;
  }
  R.Loaded = true;
  R.StackDepth = nocsr::parseStackDepth(Log.c_str());
  if (Opts.Verbose)
    std::fprintf(stderr, "nocsr-run: verifier log of %s (%s):\n%s\n",
                 Name.c_str(), Path.c_str(), Log.c_str());

  int Fd = bpf_program__fd(Target);
  llvm::ArrayRef<bpf_insn> Insns(bpf_program__insns(Target),
                                 bpf_program__insn_cnt(Target));
  R.LoadedInsns = Insns.size();
  std::vector<bpf_insn> Xlated;
  if (llvm::Error E = nocsr::readXlatedProgram(Fd, Xlated)) {
    R.LoadError = toString(std::move(E));
    R.Loaded = false;
    return;
  }
  R.XlatedInsns = Xlated.size();
  R.LoadedProgram.assign(Insns.begin(), Insns.end());
  R.XlatedProgram = Xlated;
  R.Calls = findCallSites(Insns);
  R.Dead = matchSurvival(Insns, Xlated, Namer.movKfuncIds(), R.Calls);
  for (const CallSite &Site : R.Calls)
    R.CalleeNames.push_back(Namer.name(Site));

  if (Opts.Execute)
    testRun(Fd, bpf_program__type(Target), Opts, R);
  else
    R.NotRunReason = "not requested";
}

} // namespace

/// The programs of \p Obj that \p Opts selects.
static std::vector<bpf_program *> selectedPrograms(bpf_object *Obj,
                                                   const RunOptions &Opts) {
  std::vector<bpf_program *> Selected;
  bpf_program *Prog;
  bpf_object__for_each_program(Prog, Obj) {
    if (Opts.OnlyProgram.empty() || Opts.OnlyProgram == bpf_program__name(Prog))
      Selected.push_back(Prog);
  }
  return Selected;
}

static ObjectPtr openSelected(const std::string &Path, const RunOptions &Opts,
                              std::string &Error) {
  VerboseLibbpf = Opts.Verbose;
  libbpf_set_print(libbpfPrint);
  if (llvm::sys::fs::is_directory(Path)) {
    Error = "'" + Path + "' is a directory; pass its BPF objects (e.g. " +
            Path + "/*.o)";
    return nullptr;
  }
  ObjectPtr Obj = openObject(Path, Error);
  if (Obj && selectedPrograms(Obj.get(), Opts).empty()) {
    Error = Opts.OnlyProgram.empty()
                ? "'" + Path + "' has no programs"
                : "'" + Path + "' has no program '" + Opts.OnlyProgram + "'";
    return nullptr;
  }
  return Obj;
}

bool checkObject(const std::string &Path, const RunOptions &Opts,
                 std::string &Error) {
  return openSelected(Path, Opts, Error) != nullptr;
}

bool runObject(const std::string &Path, const RunOptions &Opts,
               std::vector<ProgramReport> &Reports, std::string &Error) {
  ObjectPtr Obj = openSelected(Path, Opts, Error);
  if (!Obj)
    return false;
  CalleeNamer Namer;
  for (bpf_program *Prog : selectedPrograms(Obj.get(), Opts)) {
    ProgramReport R;
    R.Name = bpf_program__name(Prog);
    R.Section = bpf_program__section_name(Prog);
    const char *Type = libbpf_bpf_prog_type_str(bpf_program__type(Prog));
    R.Type = Type ? Type : "unknown";
    loadOne(Path, R.Name, Opts, Namer, R);
    Reports.push_back(std::move(R));
  }
  return true;
}

} // namespace harness
} // namespace bpf_nocsr
