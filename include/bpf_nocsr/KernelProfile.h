//===- bpf_nocsr/KernelProfile.h - Kernel fastcall profiles -----*- C++ -*-===//
//
// Lookup over FastcallCallees.def: is a callee fastcall on a given kernel
// version, architecture and program type family, and what is its signature.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_KERNELPROFILE_H
#define BPF_NOCSR_KERNELPROFILE_H

#include "bpf_nocsr/Contract.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

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

/// A kernel to predict: version and architecture.
struct KernelProfile {
  KernelVersion Version = KernelVersion::latest();
  Arch A = Arch::X86_64;

  /// Does this kernel treat \p C as fastcall in a program of \p Family?
  bool isFastcall(const EligibleCallee &C, ProgFamily Family) const {
    for (const FastcallSupport &S : FastcallSupportTable)
      if (S.A == A && std::strcmp(S.Name, C.Name) == 0 &&
          Version.atLeast(S.Since.Major, S.Since.Minor) &&
          (S.Families & Family))
        return true;
    return false;
  }

  /// Is \p C fastcall for any program type on this kernel?
  bool isFastcallAnywhere(const EligibleCallee &C) const {
    for (const FastcallSupport &S : FastcallSupportTable)
      if (S.A == A && std::strcmp(S.Name, C.Name) == 0 &&
          Version.atLeast(S.Since.Major, S.Since.Minor))
        return true;
    return false;
  }
};

} // namespace bpf_nocsr

#endif // BPF_NOCSR_KERNELPROFILE_H
