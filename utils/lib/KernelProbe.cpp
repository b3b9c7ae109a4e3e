//===- KernelProbe.cpp - Measure the running kernel's fastcall ------------===//
//
// Each probe is a few raw instructions loaded with bpf_prog_load() as a
// program that needs no attach target; the verifier's log (BPF_LOG_STATS)
// gives the stack depth, bpf_obj_get_info_by_fd() the translated program.
// The file descriptor is closed right away: nothing stays in the kernel.
//
//===----------------------------------------------------------------------===//

#include "nocsr/KernelProbe.h"
#include "bpf_nocsr/HelperProtos.h"
#include "bpf_nocsr/KernelSpec.h"
#include "nocsr/InsnBuilders.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <unistd.h>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static std::vector<bpf_insn> toKernelInsns(ArrayRef<Insn> Program) {
  std::vector<bpf_insn> Insns;
  for (const Insn &I : Program)
    Insns.push_back({I.Code, I.Dst, I.Src, I.Off, I.Imm});
  return Insns;
}

namespace {
using namespace build;

Error probeError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

constexpr int HelperTracePrintk = 6;
constexpr int HelperPrandom = 7;
constexpr int HelperSmpProcessorId = 8;
constexpr int HelperProbeReadKernel = 113;

struct Loaded {
  bool Ok = false;
  std::vector<bpf_insn> Xlated;
  int StackDepth = -1; // First subprogram's.
};

/// A program type to load probes as, with what loading it needs besides
/// instructions.
struct ProbeTarget {
  bpf_prog_type Type;
  bpf_attach_type Attach = bpf_attach_type(0);
  unsigned Flags = 0;
};

Loaded loadProbe(ProbeTarget T, const std::vector<Insn> &Program) {
  const std::vector<bpf_insn> Insns = toKernelInsns(Program);
  Loaded L;
  static char Log[1 << 16];
  Log[0] = 0;
  LIBBPF_OPTS(bpf_prog_load_opts, Opts, .log_level = 4 /* BPF_LOG_STATS */,
              .log_size = sizeof(Log), .log_buf = Log);
  Opts.expected_attach_type = T.Attach;
  Opts.prog_flags = T.Flags;
  int Fd = bpf_prog_load(T.Type, "nocsr_probe", "GPL", Insns.data(),
                         Insns.size(), &Opts);
  if (Fd < 0)
    return L;
  if (Error E = readXlatedProgram(Fd, L.Xlated))
    consumeError(std::move(E));
  else
    L.Ok = true;
  close(Fd);
  std::vector<unsigned> Depths = parseStackDepth(Log);
  if (!Depths.empty())
    L.StackDepth = int(Depths.front());
  return L;
}

/// Whether the spill at r10 + \p Off survived the load.
std::optional<bool> spillKept(ProbeTarget T, const std::vector<Insn> &Insns,
                              int Off = -8) {
  Loaded L = loadProbe(T, Insns);
  if (!L.Ok)
    return std::nullopt;
  for (const bpf_insn &I : L.Xlated)
    if (I.code == (BPF_STX | BPF_MEM | BPF_DW) && I.dst_reg == 10 &&
        I.off == Off)
      return true;
  return false;
}

/// A helper-8 bracket of \p Reg at r10-8, then \p Rest.
std::vector<Insn> bracketThen(std::vector<Insn> Rest) {
  std::vector<Insn> P = {movImm(1, 1), spill(1, -8),
                         helper(HelperSmpProcessorId), fill(1, -8)};
  P.insert(P.end(), Rest.begin(), Rest.end());
  return P;
}

std::vector<Insn> controlProbe() {
  return bracketThen({movImm(0, 0), exitInsn()});
}

/// CONTRACT.md's two-sizes program (test/checker/region-top-two-sizes.s).
std::vector<Insn> twoSizesProbe() {
  return {movImm(1, 1), spill(1, -8), spill(1, -32), helper(8),
          fill(1, -32), movImm(2, 2), spill(2, -24), spill(1, -32),
          helper(8),    fill(1, -32), fill(2, -24),  fill(0, -8),
          addReg(0, 2), addReg(0, 1), andImm(0, 1),  exitInsn()};
}

std::vector<Insn> helperReadProbe() {
  return bracketThen({movReg(1, 10), addImm(1, -8), movImm(2, 8),
                      helper(HelperTracePrintk), movImm(0, 0), exitInsn()});
}

std::vector<Insn> helperWriteProbe() {
  return bracketThen({movReg(1, 10), addImm(1, -8), movImm(2, 8), movImm(3, 0),
                      helper(HelperProbeReadKernel), movImm(0, 0), exitInsn()});
}

/// The subprogram (two insns) goes after the main program.
std::vector<Insn> calleeProbe(bool Writes) {
  std::vector<Insn> P = bracketThen(
      {movReg(1, 10), addImm(1, -8), subCall(2), movImm(0, 0), exitInsn()});
  if (Writes)
    P.insert(P.end(), {movImm(0, 1), stxDW(1, 0, 0), exitInsn()});
  else
    P.insert(P.end(), {ldxDW(0, 1, 0), andImm(0, 1), exitInsn()});
  return P;
}

/// A jump into a pattern (kernel builds differ on whether it breaks the
/// contract): the branch skips the spill.
std::vector<Insn> jumpIntoProbe() {
  return {helper(HelperPrandom), movReg(2, 0), movImm(1, 1), jeqImm(2, 0, 1),
          spill(1, -8),          helper(8),    fill(1, -8),  movReg(0, 1),
          andImm(0, 1),          exitInsn()};
}

/// How to load a probe as program type \p T, or nullopt for the types that
/// need an attach target (a BTF id) to load at all, and netfilter (its
/// attach type is newer than some libbpf headers).
std::optional<ProbeTarget> probeTarget(ProgType T) {
  ProbeTarget P{bpf_prog_type(unsigned(T))};
  switch (T) {
  case ProgType::Tracing:
  case ProgType::Lsm:
  case ProgType::Ext:
  case ProgType::StructOps:
  case ProgType::Netfilter:
    return std::nullopt;
  case ProgType::CgroupSockAddr:
    P.Attach = BPF_CGROUP_INET4_CONNECT;
    break;
  case ProgType::CgroupSockopt:
    P.Attach = BPF_CGROUP_GETSOCKOPT;
    break;
  case ProgType::SkLookup:
    P.Attach = BPF_SK_LOOKUP;
    break;
  case ProgType::Syscall:
    P.Flags = BPF_F_SLEEPABLE;
    break;
  default:
    break;
  }
  return P;
}

/// A one-pair bracket around \p Call, of the lowest register the callee
/// does not clobber (r1 is the context, kept for kfuncs that take it).
std::vector<Insn> oneCallProbe(Insn Call, unsigned NumParams,
                               std::vector<Insn> Setup = {}) {
  uint8_t Reg = uint8_t(FirstArgReg + NumParams);
  std::vector<Insn> P = std::move(Setup);
  P.insert(P.end(), {movImm(Reg, 1), spill(Reg, -8), Call, fill(Reg, -8),
                     movImm(0, 0), exitInsn()});
  return P;
}

/// The program types this kernel loads a trivial program of.
ProgTypeSet loadableProgTypes() {
  ProgTypeSet Types = 0;
  for (const ProgTypeInfo &TI : ProgTypeInfos)
    if (std::optional<ProbeTarget> T = probeTarget(TI.Type))
      if (loadProbe(*T, {movImm(0, 0), exitInsn()}).Ok)
        Types |= progTypeBit(TI.Type);
  return Types;
}

void probeCallees(ProbeAnswers &A) {
  A.ProbedTypes = loadableProgTypes();
  // Every zero-argument helper the prototype table knows, and every callee
  // of the contract table.
  std::vector<unsigned> Helpers;
  for (const HelperProto &P : HelperProtos)
    if (P.NumParams == 0)
      Helpers.push_back(P.Number);
  for (const EligibleCallee &C : EligibleCallees)
    if (C.Kind == CalleeKind::Helper &&
        std::find(Helpers.begin(), Helpers.end(), C.HelperNumber) ==
            Helpers.end())
      Helpers.push_back(C.HelperNumber);
  for (unsigned N : Helpers) {
    const HelperProto *Proto = findHelperProto(N);
    unsigned Params = Proto ? Proto->NumParams : 0;
    if (Params >= MaxArgRegs)
      continue;
    ProbedFastcall F;
    F.HelperNumber = N;
    for (const ProgTypeInfo &TI : ProgTypeInfos) {
      if (!(A.ProbedTypes & progTypeBit(TI.Type)))
        continue;
      std::optional<bool> Kept = spillKept(
          *probeTarget(TI.Type), oneCallProbe(helper(int32_t(N)), Params));
      if (Kept && !*Kept)
        F.Types |= progTypeBit(TI.Type);
    }
    if (F.Types)
      A.Fastcall.push_back(F);
  }

  btf *Vmlinux = btf__load_vmlinux_btf();
  if (!Vmlinux)
    return;
  int TaskStruct =
      btf__find_by_name_kind(Vmlinux, "task_struct", BTF_KIND_STRUCT);
  for (const EligibleCallee &C : EligibleCallees) {
    if (C.Kind != CalleeKind::Kfunc || C.NumParams >= MaxArgRegs)
      continue;
    int Id = btf__find_by_name_kind(Vmlinux, C.Name, BTF_KIND_FUNC);
    if (Id <= 0)
      continue;
    // r1 stays the context (a valid pointer for any first argument); a
    // second argument gets a valid BTF type id.
    std::vector<Insn> Setup;
    if (C.NumParams >= 2)
      Setup.push_back(movImm(2, TaskStruct > 0 ? TaskStruct : 1));
    ProbedFastcall F;
    F.Kind = CalleeKind::Kfunc;
    F.Name = C.Name;
    for (const ProgTypeInfo &TI : ProgTypeInfos) {
      if (!(A.ProbedTypes & progTypeBit(TI.Type)))
        continue;
      std::optional<bool> Kept = spillKept(
          *probeTarget(TI.Type), oneCallProbe(kfunc(Id), C.NumParams, Setup));
      if (Kept && !*Kept)
        F.Types |= progTypeBit(TI.Type);
    }
    if (F.Types)
      A.Fastcall.push_back(F);
  }
  btf__free(Vmlinux);
}

int silentPrint(enum libbpf_print_level, const char *, va_list) { return 0; }

} // namespace

Error readXlatedProgram(int Fd, std::vector<bpf_insn> &Xlated) {
  bpf_prog_info Info = {};
  __u32 Len = sizeof(Info);
  if (bpf_obj_get_info_by_fd(Fd, &Info, &Len))
    return probeError(Twine("bpf_obj_get_info_by_fd: ") + std::strerror(errno));
  Xlated.resize(Info.xlated_prog_len / sizeof(bpf_insn));
  __u32 XlatedLen = Info.xlated_prog_len;
  Info = {};
  Info.xlated_prog_len = XlatedLen;
  Info.xlated_prog_insns = reinterpret_cast<__u64>(Xlated.data());
  Len = sizeof(Info);
  if (bpf_obj_get_info_by_fd(Fd, &Info, &Len))
    return probeError(Twine("bpf_obj_get_info_by_fd: ") + std::strerror(errno));
  if (Xlated.empty() || Info.xlated_prog_insns == 0)
    return probeError("the kernel did not return the translated program");
  return Error::success();
}

std::vector<unsigned> parseStackDepth(StringRef Log) {
  std::vector<unsigned> Depths;
  size_t Pos = Log.rfind("stack depth ");
  if (Pos == StringRef::npos)
    return Depths;
  StringRef Rest = Log.drop_front(Pos + std::strlen("stack depth "));
  while (true) {
    unsigned V;
    if (Rest.consumeInteger(10, V))
      break;
    Depths.push_back(V);
    if (!Rest.consume_front("+"))
      break;
  }
  return Depths;
}

Error checkBpfPermitted(bool TestRun) {
  const std::vector<bpf_insn> Trivial =
      toKernelInsns({build::movImm(0, 0), build::exitInsn()});
  int Fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, nullptr, "GPL",
                         Trivial.data(), Trivial.size(), nullptr);
  if (Fd < 0)
    return probeError(Twine("bpf() not permitted: BPF_PROG_LOAD: ") +
                      std::strerror(errno));
  int Err = 0;
  if (TestRun) {
    std::uint8_t Packet[64] = {}; // At least an Ethernet header.
    LIBBPF_OPTS(bpf_test_run_opts, Run, .data_in = Packet,
                .data_size_in = sizeof(Packet), .repeat = 1);
    Err = bpf_prog_test_run_opts(Fd, &Run) ? errno : 0;
  }
  close(Fd);
  if (Err)
    return probeError(Twine("bpf() not permitted: BPF_PROG_TEST_RUN: ") +
                      std::strerror(Err));
  return Error::success();
}

Expected<ProbeAnswers> probeRunningKernel() {
  libbpf_print_fn_t Old = libbpf_set_print(silentPrint);
  ProbeAnswers A;
  if (std::optional<HostKernel> H = hostKernel()) {
    A.Release = H->Release;
    if (H->Version)
      A.Version = *H->Version;
    if (H->A)
      A.A = *H->A;
  }
  if (Error E = checkBpfPermitted()) {
    libbpf_set_print(Old);
    return E;
  }

  const ProbeTarget Tracing{BPF_PROG_TYPE_RAW_TRACEPOINT};
  A.ControlKept = spillKept(Tracing, controlProbe());
  Loaded Two = loadProbe(Tracing, twoSizesProbe());
  if (Two.Ok && Two.StackDepth >= 0)
    A.TwoSizesDepth = Two.StackDepth;
  A.HelperReadKept = spillKept(Tracing, helperReadProbe());
  A.HelperWriteKept = spillKept(Tracing, helperWriteProbe());
  A.CalleeReadKept = spillKept(Tracing, calleeProbe(false));
  A.CalleeWriteKept = spillKept(Tracing, calleeProbe(true));
  A.JumpIntoKept = spillKept(Tracing, jumpIntoProbe());
  probeCallees(A);
  libbpf_set_print(Old);
  return A;
}

/// /run/bpf-nocsr/kernel-profile-BOOTID.json, or "" without a boot id.
static std::string cachePath() {
  // procfs reports size 0: read as a stream.
  ErrorOr<std::unique_ptr<MemoryBuffer>> Id =
      MemoryBuffer::getFileAsStream("/proc/sys/kernel/random/boot_id");
  if (!Id)
    return "";
  std::string Boot = (*Id)->getBuffer().trim().str();
  if (Boot.empty())
    return "";
  return formatv("/run/bpf-nocsr/kernel-profile-v{0}-{1}.json",
                 ProfileFormatVersion, Boot)
      .str();
}

Expected<SavedProfile> probedHostProfile(bool UseCache) {
  std::string Cache = cachePath();
  if (UseCache && !Cache.empty() && sys::fs::exists(Cache)) {
    Expected<SavedProfile> P = readProfileFile(Cache);
    if (P)
      return P;
    consumeError(P.takeError()); // Stale format: probe again.
  }
  Expected<ProbeAnswers> A = probeRunningKernel();
  if (!A)
    return A.takeError();
  Expected<SavedProfile> P = deriveProfile(*A);
  if (!P || Cache.empty())
    return P;
  if (!sys::fs::create_directories(sys::path::parent_path(Cache))) {
    // Concurrent probes each write their own file; the rename is atomic.
    std::string Tmp = Cache + ".tmp." + std::to_string(getpid());
    std::error_code EC;
    raw_fd_ostream OS(Tmp, EC);
    if (!EC) {
      OS << formatv("{0:2}", profileToJSON(*P)) << "\n";
      OS.close();
      if (OS.has_error() || sys::fs::rename(Tmp, Cache))
        sys::fs::remove(Tmp);
    }
  }
  return P;
}

} // namespace nocsr
