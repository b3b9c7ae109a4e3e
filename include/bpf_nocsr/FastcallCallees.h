//===- bpf_nocsr/FastcallCallees.h - The fastcall callee table --*- C++ -*-===//
//
// Lookup over FastcallCallees.def: which helpers and kfuncs the contract may
// treat as fastcall, their signatures, and from which kernel version, on
// which architecture and in which program types the verifier does.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_FASTCALLCALLEES_H
#define BPF_NOCSR_FASTCALLCALLEES_H

#include "bpf_nocsr/Contract.h"
#include "bpf_nocsr/KernelSpec.h"
#include "bpf_nocsr/ProgTypes.h"

#include <cstdint>
#include <string_view>

namespace bpf_nocsr {

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

/// The program types in which kernel \p V on \p A treats helper \p Number
/// (Kind Helper) or kfunc \p Name (Kind Kfunc) as fastcall, by the table.
inline ProgTypeSet tableFastcallTypes(KernelVersion V, Arch A, CalleeKind Kind,
                                      unsigned Number, std::string_view Name) {
  if (Kind == CalleeKind::Helper) {
    const EligibleCallee *C = findHelper(Number);
    Name = C ? C->Name : "";
  }
  ProgTypeSet Types = 0;
  for (const FastcallSupport &S : FastcallSupportTable)
    if (!Name.empty() && S.A == A && std::string_view(S.Name) == Name &&
        V.atLeast(S.Since.Major, S.Since.Minor))
      Types |= S.Types;
  return Types;
}

/// The newest kernel version the table distinguishes.
inline KernelVersion newestTableVersion() {
  KernelVersion Newest{0, 0};
  for (const FastcallSupport &S : FastcallSupportTable)
    if (S.Since.atLeast(Newest.Major, Newest.Minor))
      Newest = S.Since;
  return Newest;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_FASTCALLCALLEES_H
