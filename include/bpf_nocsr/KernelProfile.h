//===- bpf_nocsr/KernelProfile.h - Kernel fastcall profiles -----*- C++ -*-===//
//
// Lookup over FastcallCallees.def: is a callee fastcall on a given kernel
// version, architecture and program type family, and what is its signature.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_KERNELPROFILE_H
#define BPF_NOCSR_KERNELPROFILE_H

#include "bpf_nocsr/Contract.h"
#include "bpf_nocsr/KernelBuilds.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpf_nocsr {

enum class Arch : std::uint8_t { X86_64, ARM64, RISCV64, PPC64 };

/// Program type families, as far as they matter to the verifier's choice of
/// helper prototype.
enum ProgFamily : std::uint32_t {
  FamilyTracing = 1u << 0, // kprobe, tracepoint, raw_tp, tracing, perf_event
  FamilyTC = 1u << 1,      // sched_cls, sched_act
  FamilyXDP = 1u << 2,
  FamilyLwtOut = 1u << 3,
  FamilySocketFilter = 1u << 4,
  FamilyCgroupSkb = 1u << 5,
  FamilyOther = 1u << 6,
};

constexpr std::uint32_t FullHelperProtoFamilies =
    FamilyTracing | FamilyTC | FamilyXDP | FamilyLwtOut;
constexpr std::uint32_t AllFamilies = ~0u;

/// A kernel version; {~0u, ~0u} stands for "latest".
struct KernelVersion {
  unsigned Major = 0;
  unsigned Minor = 0;
  static constexpr KernelVersion latest() { return {~0u, ~0u}; }
  constexpr bool atLeast(unsigned M, unsigned N) const {
    return Major > M || (Major == M && Minor >= N);
  }
};

enum class CalleeKind : std::uint8_t { Helper, Kfunc };

struct EligibleCallee {
  CalleeKind Kind;
  unsigned HelperNumber; // 0 for kfuncs
  const char *Name;
  unsigned NumParams;
  bool ReturnsVoid;
  RegMask clobberMask() const {
    return fastcallClobberMask(NumParams, ReturnsVoid);
  }
};

inline constexpr EligibleCallee EligibleCallees[] = {
#define FASTCALL_HELPER(Number, Name, NumParams, ReturnsVoid)                  \
  {CalleeKind::Helper, Number, #Name, NumParams, ReturnsVoid},
#define FASTCALL_KFUNC(Name, NumParams, ReturnsVoid)                           \
  {CalleeKind::Kfunc, 0, #Name, NumParams, ReturnsVoid},
#include "bpf_nocsr/FastcallCallees.def"
};

struct FastcallSupport {
  const char *Name;
  Arch A;
  KernelVersion Since;
  std::uint32_t Families;
};

inline constexpr FastcallSupport FastcallSupportTable[] = {
#define FASTCALL_SUPPORT(Name, A, SinceMajor, SinceMinor, Families)            \
  {#Name, Arch::A, {SinceMajor, SinceMinor}, Families},
#include "bpf_nocsr/FastcallCallees.def"
};

inline const EligibleCallee *findHelper(unsigned Number) {
  for (const EligibleCallee &C : EligibleCallees)
    if (C.Kind == CalleeKind::Helper && C.HelperNumber == Number)
      return &C;
  return nullptr;
}

inline const EligibleCallee *findKfunc(std::string_view Name) {
  for (const EligibleCallee &C : EligibleCallees)
    if (C.Kind == CalleeKind::Kfunc && Name == C.Name)
      return &C;
  return nullptr;
}

/// A callee the kernel was measured to treat as fastcall, and where. Helpers
/// by number (Name may be empty), kfuncs by name.
struct ProbedFastcall {
  CalleeKind Kind = CalleeKind::Helper;
  unsigned HelperNumber = 0;
  std::string Name;
  std::uint32_t Families = 0;
};

/// A kernel to predict: version, architecture, the fastcall rules of its
/// build and, when it was probed, the callees it treats as fastcall.
struct KernelProfile {
  KernelVersion Version = KernelVersion::latest();
  Arch A = Arch::X86_64;
  FastcallRules Rules = defaultFastcallRules();
  /// The rules were measured on the kernel (probe or saved profile), not
  /// taken from the version table; where known builds disagree, the table
  /// cannot say which applies.
  bool RulesMeasured = false;
  /// Measured fastcall callees; when set it replaces FastcallSupportTable.
  std::optional<std::vector<ProbedFastcall>> Callees;

  /// The version table's view of kernel \p V on \p Arch.
  static KernelProfile fromTable(KernelVersion V, Arch Ar) {
    KernelProfile P;
    P.Version = V;
    P.A = Ar;
    return P;
  }

  /// Does this kernel treat helper \p Number or kfunc \p Name as fastcall in
  /// a program of \p Family?
  bool isFastcall(CalleeKind Kind, unsigned Number, std::string_view Name,
                  std::uint32_t Family) const {
    if (Callees) {
      for (const ProbedFastcall &P : *Callees)
        if (P.Kind == Kind &&
            (Kind == CalleeKind::Helper ? P.HelperNumber == Number
                                        : P.Name == Name) &&
            (P.Families & Family))
          return true;
      return false;
    }
    if (Kind == CalleeKind::Helper) {
      if (const EligibleCallee *C = findHelper(Number))
        Name = C->Name;
      else
        return false;
    }
    for (const FastcallSupport &S : FastcallSupportTable)
      if (S.A == A && std::string_view(S.Name) == Name &&
          Version.atLeast(S.Since.Major, S.Since.Minor) &&
          (S.Families & Family))
        return true;
    return false;
  }
  bool isFastcall(const EligibleCallee &C, std::uint32_t Family) const {
    return isFastcall(C.Kind, C.HelperNumber, C.Name, Family);
  }

  /// Is \p C fastcall for any program type on this kernel?
  bool isFastcallAnywhere(const EligibleCallee &C) const {
    return isFastcall(C, AllFamilies);
  }
};

/// The prototype shape of helper \p Number as the verifier's call summary sees
/// it (HelperProtos.def), or nullptr when the table does not know it.
struct HelperProto {
  unsigned Number;
  const char *Name;
  unsigned NumParams;
  bool ReturnsVoid;
  unsigned UninitMemArg; // 1-5, or 0.
};

inline constexpr HelperProto HelperProtos[] = {
#define HELPER_PROTO(Number, Name, NumParams, ReturnsVoid, UninitMemArg)       \
  {Number, #Name, NumParams, ReturnsVoid, UninitMemArg},
#include "bpf_nocsr/HelperProtos.def"
};

inline const HelperProto *findHelperProto(unsigned Number) {
  for (const HelperProto &P : HelperProtos)
    if (P.Number == Number)
      return &P;
  return nullptr;
}

/// The program type family libbpf gives an ELF section name (SEC("...")).
inline ProgFamily progFamilyFromSection(std::string_view Sec) {
  auto Is = [&](std::string_view Prefix) {
    if (Sec.substr(0, Prefix.size()) != Prefix)
      return false;
    if (Sec.size() == Prefix.size())
      return true;
    char C = Sec[Prefix.size()];
    return C == '/' || C == '.';
  };
  for (std::string_view P :
       {"kprobe", "kretprobe", "uprobe", "uretprobe", "ksyscall", "kretsyscall",
        "usdt", "tracepoint", "tp", "raw_tracepoint", "raw_tp", "tp_btf",
        "fentry", "fexit", "fmod_ret", "iter", "perf_event", "lsm"})
    if (Is(P))
      return FamilyTracing;
  for (std::string_view P : {"tc", "tcx", "classifier", "action", "netkit"})
    if (Is(P))
      return FamilyTC;
  if (Is("xdp"))
    return FamilyXDP;
  for (std::string_view P : {"lwt_in", "lwt_out", "lwt_xmit", "lwt_seg6local"})
    if (Is(P))
      return FamilyLwtOut;
  if (Is("socket"))
    return FamilySocketFilter;
  if (Is("cgroup_skb") || Sec == "cgroup/skb")
    return FamilyCgroupSkb;
  return FamilyOther;
}

inline const char *progFamilyName(ProgFamily F) {
  switch (F) {
  case FamilyTracing:
    return "tracing";
  case FamilyTC:
    return "tc";
  case FamilyXDP:
    return "xdp";
  case FamilyLwtOut:
    return "lwt";
  case FamilySocketFilter:
    return "socket_filter";
  case FamilyCgroupSkb:
    return "cgroup_skb";
  default:
    return "other";
  }
}

/// Parse "6.12", "6.18.44-foo" or "latest".
inline std::optional<KernelVersion> parseKernelVersion(std::string_view S) {
  if (S == "latest")
    return KernelVersion::latest();
  unsigned Parts[2] = {0, 0};
  size_t I = 0;
  for (unsigned P = 0; P < 2; ++P) {
    size_t Begin = I;
    while (I < S.size() && S[I] >= '0' && S[I] <= '9' && I - Begin < 6)
      Parts[P] = Parts[P] * 10 + unsigned(S[I++] - '0');
    if (I == Begin)
      return std::nullopt;
    if (P == 0) {
      if (I >= S.size() || S[I] != '.')
        return std::nullopt;
      ++I;
    }
  }
  if (I < S.size() && S[I] != '.' && S[I] != '-' && S[I] != '+')
    return std::nullopt;
  return KernelVersion{Parts[0], Parts[1]};
}

inline std::optional<Arch> parseArch(std::string_view S) {
  if (S == "x86_64" || S == "x86-64" || S == "amd64")
    return Arch::X86_64;
  if (S == "arm64" || S == "aarch64")
    return Arch::ARM64;
  if (S == "riscv64")
    return Arch::RISCV64;
  if (S == "powerpc64" || S == "ppc64" || S == "ppc64le" || S == "powerpc64le")
    return Arch::PPC64;
  return std::nullopt;
}

inline const char *archName(Arch A) {
  switch (A) {
  case Arch::X86_64:
    return "x86_64";
  case Arch::ARM64:
    return "arm64";
  case Arch::RISCV64:
    return "riscv64";
  case Arch::PPC64:
    return "powerpc64";
  }
  return "?";
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_KERNELPROFILE_H
