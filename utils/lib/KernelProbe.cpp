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
#include "nocsr/BpfSyscall.h"
#include "nocsr/InsnBuilders.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include <algorithm>
#include <cstdint>
#include <unistd.h>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

namespace {
using namespace build;

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

/// Brackets of one and two pairs, both anchored at r10-32, and other stack
/// use at r10-8: the stack depth left after removal is where the verifier
/// ends the fastcall region (ProbeDecision.cpp reads it; the same program is
/// test/checker/region-top-two-sizes.s).
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

} // namespace nocsr
