//===- bpf_nocsr/KernelProfile.h - Kernel fastcall profiles -----*- C++ -*-===//
//
// Lookup over FastcallCallees.def: is a callee fastcall on a given kernel
// version, architecture and program type, and what is its signature.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_KERNELPROFILE_H
#define BPF_NOCSR_KERNELPROFILE_H

#include "bpf_nocsr/Contract.h"
#include "bpf_nocsr/KernelBuilds.h"
#include "bpf_nocsr/ProgTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpf_nocsr {

enum class Arch : std::uint8_t { X86_64, ARM64, RISCV64, PPC64 };

/// Program types whose helper 8 is bpf_get_smp_processor_id_proto, the
/// prototype with allow_fastcall: measured on 6.18 x86-64 by loading a
/// bracket in every type that loads without an attach target
/// (nocsr-check --probe-kernel); types that need one (tracing, lsm, ext,
/// struct_ops) are assumed like their kernel/trace relatives. Socket
/// filters, cgroup_skb and the other socket-level types get the raw
/// prototype without the flag.
constexpr ProgTypeSet FullHelperProtoTypes =
    progTypeBit(ProgType::Kprobe) | progTypeBit(ProgType::SchedCls) |
    progTypeBit(ProgType::SchedAct) | progTypeBit(ProgType::Tracepoint) |
    progTypeBit(ProgType::Xdp) | progTypeBit(ProgType::PerfEvent) |
    progTypeBit(ProgType::LwtIn) | progTypeBit(ProgType::LwtOut) |
    progTypeBit(ProgType::LwtXmit) | progTypeBit(ProgType::RawTracepoint) |
    progTypeBit(ProgType::LwtSeg6local) |
    progTypeBit(ProgType::RawTracepointWritable) |
    progTypeBit(ProgType::Tracing) | progTypeBit(ProgType::Lsm) |
    progTypeBit(ProgType::Syscall);

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
  ProgTypeSet Types;
};

inline constexpr FastcallSupport FastcallSupportTable[] = {
#define FASTCALL_SUPPORT(Name, A, SinceMajor, SinceMinor, Types)               \
  {#Name, Arch::A, {SinceMajor, SinceMinor}, Types},
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

/// A callee the kernel was measured to treat as fastcall, and in which
/// program types. Helpers by number (Name may be empty), kfuncs by name.
struct ProbedFastcall {
  CalleeKind Kind = CalleeKind::Helper;
  unsigned HelperNumber = 0;
  std::string Name;
  ProgTypeSet Types = 0;
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
  /// Measured fastcall callees; when set it replaces FastcallSupportTable
  /// for the program types in ProbedTypes (the ones the probe could load).
  std::optional<std::vector<ProbedFastcall>> Callees;
  ProgTypeSet ProbedTypes = AllProgTypes;

  /// The version table's view of kernel \p V on \p Arch.
  static KernelProfile fromTable(KernelVersion V, Arch Ar) {
    KernelProfile P;
    P.Version = V;
    P.A = Ar;
    return P;
  }

  /// Does this kernel treat helper \p Number or kfunc \p Name as fastcall in
  /// a program of type \p T?
  bool isFastcall(CalleeKind Kind, unsigned Number, std::string_view Name,
                  ProgType T) const {
    return fastcallTypes(Kind, Number, Name) & progTypeBit(T);
  }
  bool isFastcall(const EligibleCallee &C, ProgType T) const {
    return isFastcall(C.Kind, C.HelperNumber, C.Name, T);
  }
  /// ... in a program of any type of the families \p Families?
  bool isFastcall(CalleeKind Kind, unsigned Number, std::string_view Name,
                  std::uint32_t Families) const {
    return fastcallTypes(Kind, Number, Name) & progTypesOfFamilies(Families);
  }
  bool isFastcall(const EligibleCallee &C, std::uint32_t Families) const {
    return isFastcall(C.Kind, C.HelperNumber, C.Name, Families);
  }

  /// Is \p C fastcall for any program type on this kernel?
  bool isFastcallAnywhere(const EligibleCallee &C) const {
    return fastcallTypes(C.Kind, C.HelperNumber, C.Name) != 0;
  }

  /// The program types in which the callee is fastcall: measured where the
  /// probe measured, the version table elsewhere.
  ProgTypeSet fastcallTypes(CalleeKind Kind, unsigned Number,
                            std::string_view Name) const {
    ProgTypeSet Measured = 0, FromTable = 0;
    if (Callees)
      for (const ProbedFastcall &P : *Callees)
        if (P.Kind == Kind &&
            (Kind == CalleeKind::Helper ? P.HelperNumber == Number
                                        : P.Name == Name))
          Measured |= P.Types;
    if (Kind == CalleeKind::Helper) {
      const EligibleCallee *C = findHelper(Number);
      Name = C ? C->Name : "";
    }
    for (const FastcallSupport &S : FastcallSupportTable)
      if (!Name.empty() && S.A == A && std::string_view(S.Name) == Name &&
          Version.atLeast(S.Since.Major, S.Since.Minor))
        FromTable |= S.Types;
    if (!Callees)
      return FromTable;
    return (Measured & ProbedTypes) | (FromTable & ~ProbedTypes);
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
