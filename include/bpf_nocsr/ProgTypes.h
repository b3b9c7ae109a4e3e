//===- bpf_nocsr/ProgTypes.h - BPF program types and families ---*- C++ -*-===//
//
// The verifier picks a helper's prototype per program type, so whether a
// callee is fastcall is a per-type answer (ProgTypeSet). Families group
// types for presentation only. libbpf's section names (SEC("...")) map to a
// type as libbpf loads them.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PROGTYPES_H
#define BPF_NOCSR_PROGTYPES_H

#include <cstdint>
#include <optional>
#include <string_view>

namespace bpf_nocsr {

/// Program type families: a way to present per-type answers.
enum ProgFamily : std::uint32_t {
  FamilyTracing = 1u << 0, // kprobe, tracepoint, raw_tp, tracing, perf_event
  FamilyTC = 1u << 1,      // sched_cls, sched_act
  FamilyXDP = 1u << 2,
  FamilyLwtOut = 1u << 3,
  FamilySocketFilter = 1u << 4,
  FamilyCgroupSkb = 1u << 5,
  FamilyOther = 1u << 6,
};
constexpr std::uint32_t AllFamilies = ~0u;

/// The kernel's enum bpf_prog_type; Unspec for a section libbpf cannot load.
enum class ProgType : std::uint8_t {
  Unspec = 0,
#define PROG_TYPE(Enum, Number, Name, Family) Enum = Number,
#include "bpf_nocsr/ProgTypes.def"
};

/// A set of program types, bit N for type number N.
using ProgTypeSet = std::uint64_t;
constexpr ProgTypeSet AllProgTypes = ~ProgTypeSet(0);
constexpr ProgTypeSet progTypeBit(ProgType T) {
  return ProgTypeSet(1) << unsigned(T);
}

struct ProgTypeInfo {
  ProgType Type;
  const char *Name;
  ProgFamily Family;
};

inline constexpr ProgTypeInfo ProgTypeInfos[] = {
#define PROG_TYPE(Enum, Number, Name, Family) {ProgType::Enum, #Name, Family},
#include "bpf_nocsr/ProgTypes.def"
};

inline const ProgTypeInfo *findProgType(ProgType T) {
  for (const ProgTypeInfo &I : ProgTypeInfos)
    if (I.Type == T)
      return &I;
  return nullptr;
}

inline const char *progTypeName(ProgType T) {
  const ProgTypeInfo *I = findProgType(T);
  return I ? I->Name : "unspec";
}

inline std::optional<ProgType> parseProgTypeName(std::string_view S) {
  for (const ProgTypeInfo &I : ProgTypeInfos)
    if (S == I.Name)
      return I.Type;
  return std::nullopt;
}

inline ProgFamily progFamilyOf(ProgType T) {
  const ProgTypeInfo *I = findProgType(T);
  return I ? I->Family : FamilyOther;
}

/// Every program type of the families \p Families.
inline ProgTypeSet progTypesOfFamilies(std::uint32_t Families) {
  ProgTypeSet S = 0;
  for (const ProgTypeInfo &I : ProgTypeInfos)
    if (I.Family & Families)
      S |= progTypeBit(I.Type);
  if (Families & FamilyOther)
    S |= progTypeBit(ProgType::Unspec);
  return S;
}

/// The program type libbpf loads a program of section \p Sec as.
inline ProgType progTypeFromSection(std::string_view Sec) {
  auto Is = [&](std::string_view Prefix) {
    if (Sec.substr(0, Prefix.size()) != Prefix)
      return false;
    if (Sec.size() == Prefix.size())
      return true;
    char C = Sec[Prefix.size()];
    return C == '/' || C == '.';
  };
  struct Prefix {
    std::string_view Name;
    ProgType Type;
  };
  // Longer names first where one is a prefix of another (raw_tp.w).
  static constexpr Prefix Prefixes[] = {
      {"socket", ProgType::SocketFilter},
      {"sk_reuseport", ProgType::SkReuseport},
      {"kprobe", ProgType::Kprobe},
      {"kretprobe", ProgType::Kprobe},
      {"uprobe", ProgType::Kprobe},
      {"uretprobe", ProgType::Kprobe},
      {"ksyscall", ProgType::Kprobe},
      {"kretsyscall", ProgType::Kprobe},
      {"usdt", ProgType::Kprobe},
      {"tc", ProgType::SchedCls},
      {"tcx", ProgType::SchedCls},
      {"netkit", ProgType::SchedCls},
      {"classifier", ProgType::SchedCls},
      {"action", ProgType::SchedAct},
      {"tracepoint", ProgType::Tracepoint},
      {"tp", ProgType::Tracepoint},
      {"raw_tracepoint.w", ProgType::RawTracepointWritable},
      {"raw_tp.w", ProgType::RawTracepointWritable},
      {"raw_tracepoint", ProgType::RawTracepoint},
      {"raw_tp", ProgType::RawTracepoint},
      {"tp_btf", ProgType::Tracing},
      {"fentry", ProgType::Tracing},
      {"fexit", ProgType::Tracing},
      {"fmod_ret", ProgType::Tracing},
      {"iter", ProgType::Tracing},
      {"freplace", ProgType::Ext},
      {"lsm", ProgType::Lsm},
      {"lsm_cgroup", ProgType::Lsm},
      {"xdp", ProgType::Xdp},
      {"perf_event", ProgType::PerfEvent},
      {"lwt_in", ProgType::LwtIn},
      {"lwt_out", ProgType::LwtOut},
      {"lwt_xmit", ProgType::LwtXmit},
      {"lwt_seg6local", ProgType::LwtSeg6local},
      {"sockops", ProgType::SockOps},
      {"sk_skb", ProgType::SkSkb},
      {"sk_msg", ProgType::SkMsg},
      {"lirc_mode2", ProgType::LircMode2},
      {"flow_dissector", ProgType::FlowDissector},
      {"cgroup_skb", ProgType::CgroupSkb},
      {"cgroup/skb", ProgType::CgroupSkb},
      {"cgroup/dev", ProgType::CgroupDevice},
      {"cgroup/sysctl", ProgType::CgroupSysctl},
      {"cgroup/getsockopt", ProgType::CgroupSockopt},
      {"cgroup/setsockopt", ProgType::CgroupSockopt},
      {"cgroup/sock", ProgType::CgroupSock},
      {"cgroup/sock_create", ProgType::CgroupSock},
      {"cgroup/sock_release", ProgType::CgroupSock},
      {"cgroup/post_bind4", ProgType::CgroupSock},
      {"cgroup/post_bind6", ProgType::CgroupSock},
      {"struct_ops", ProgType::StructOps},
      {"sk_lookup", ProgType::SkLookup},
      {"syscall", ProgType::Syscall},
      {"netfilter", ProgType::Netfilter},
  };
  for (const Prefix &P : Prefixes)
    if (Is(P.Name))
      return P.Type;
  // The remaining cgroup/ hooks (bind4, connect6, sendmsg4, ...) take a
  // socket address.
  if (Sec.substr(0, 7) == "cgroup/")
    return ProgType::CgroupSockAddr;
  return ProgType::Unspec;
}

/// The program type family of section \p Sec.
inline ProgFamily progFamilyFromSection(std::string_view Sec) {
  return progFamilyOf(progTypeFromSection(Sec));
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

} // namespace bpf_nocsr

#endif // BPF_NOCSR_PROGTYPES_H
