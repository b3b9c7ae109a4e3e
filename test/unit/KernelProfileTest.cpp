//===- KernelProfileTest.cpp - Callee table and profile lookups -----------===//

#include "nocsr/KernelProfile.h"
#include "bpf_nocsr/FastcallCallees.h"
#include "bpf_nocsr/HelperProtos.h"
#include "bpf_nocsr/ProgTypes.h"

#include "gtest/gtest.h"

using namespace bpf_nocsr;
using nocsr::KernelProfile;
using nocsr::ProbedFastcall;

TEST(ProgTypes, SectionNames) {
  EXPECT_EQ(progFamilyFromSection("xdp"), FamilyXDP);
  EXPECT_EQ(progFamilyFromSection("xdp.frags"), FamilyXDP);
  EXPECT_EQ(progFamilyFromSection("tc"), FamilyTC);
  EXPECT_EQ(progFamilyFromSection("tcx/ingress"), FamilyTC);
  EXPECT_EQ(progFamilyFromSection("raw_tp/sys_enter"), FamilyTracing);
  EXPECT_EQ(progFamilyFromSection("kprobe/do_nanosleep"), FamilyTracing);
  EXPECT_EQ(progFamilyFromSection("socket"), FamilySocketFilter);
  EXPECT_EQ(progFamilyFromSection("cgroup_skb/ingress"), FamilyCgroupSkb);
  EXPECT_EQ(progFamilyFromSection("lwt_out"), FamilyLwtOut);
  EXPECT_EQ(progFamilyFromSection("xdpfoo"), FamilyOther);
  EXPECT_EQ(progFamilyFromSection("tpx"), FamilyOther);
  EXPECT_EQ(progTypeFromSection("syscall"), ProgType::Syscall);
  EXPECT_EQ(progTypeFromSection("raw_tp.w/sys_enter"),
            ProgType::RawTracepointWritable);
  EXPECT_EQ(progTypeFromSection("raw_tp/sys_enter"), ProgType::RawTracepoint);
  EXPECT_EQ(progTypeFromSection("cgroup/connect4"), ProgType::CgroupSockAddr);
  EXPECT_EQ(progTypeFromSection("cgroup/sock_create"), ProgType::CgroupSock);
  EXPECT_EQ(progTypeFromSection("tp_btf/sched_switch"), ProgType::Tracing);
  EXPECT_EQ(progTypeFromSection("xdpfoo"), ProgType::Unspec);
  EXPECT_EQ(progFamilyOf(ProgType::Syscall), FamilyOther);
}

// FastcallCallees.def: helper 8 from 6.12 on x86_64, from 7.0 on powerpc64,
// in the full-prototype types; the kfuncs from 6.12 everywhere, every type.
TEST(FastcallCallees, TableByVersionAndArch) {
  const ProgTypeSet Xdp = progTypeBit(ProgType::Xdp);
  const ProgTypeSet Socket = progTypeBit(ProgType::SocketFilter);
  ProgTypeSet H8 =
      tableFastcallTypes({6, 12}, Arch::X86_64, CalleeKind::Helper, 8, "");
  EXPECT_TRUE(H8 & Xdp);
  EXPECT_FALSE(H8 & Socket);
  EXPECT_EQ(
      tableFastcallTypes({6, 11}, Arch::X86_64, CalleeKind::Helper, 8, ""), 0u);
  EXPECT_EQ(tableFastcallTypes({6, 19}, Arch::PPC64, CalleeKind::Helper, 8, ""),
            0u);
  EXPECT_TRUE(
      tableFastcallTypes({7, 0}, Arch::PPC64, CalleeKind::Helper, 8, "") & Xdp);
  EXPECT_EQ(tableFastcallTypes({6, 12}, Arch::RISCV64, CalleeKind::Kfunc, 0,
                               "bpf_rdonly_cast"),
            AllProgTypes);
  // Helper 7 (bpf_get_prandom_u32) is not in the table.
  EXPECT_EQ(tableFastcallTypes(KernelVersion::latest(), Arch::X86_64,
                               CalleeKind::Helper, 7, ""),
            0u);
  const KernelVersion Newest = newestTableVersion();
  EXPECT_EQ(Newest.Major, 7u);
  EXPECT_EQ(Newest.Minor, 0u);
  EXPECT_EQ(findHelperProto(42)->NumParams, 0u);
}

TEST(KernelProfile, HelperEightByVersionArchAndFamily) {
  const EligibleCallee *C = findHelper(8);
  ASSERT_NE(C, nullptr);
  KernelProfile P = KernelProfile::fromTable({6, 12}, Arch::X86_64);
  EXPECT_TRUE(P.isFastcall(*C, FamilyXDP));
  EXPECT_FALSE(P.isFastcall(*C, FamilySocketFilter));
  KernelProfile Old = KernelProfile::fromTable({6, 11}, Arch::X86_64);
  EXPECT_FALSE(Old.isFastcall(*C, FamilyXDP));
  KernelProfile Ppc = KernelProfile::fromTable({6, 19}, Arch::PPC64);
  EXPECT_FALSE(Ppc.isFastcall(*C, FamilyXDP));
  KernelProfile Ppc7 = KernelProfile::fromTable({7, 0}, Arch::PPC64);
  EXPECT_TRUE(Ppc7.isFastcall(*C, FamilyTC));
  EXPECT_TRUE(Ppc7.isFastcallAnywhere(*findKfunc("bpf_rdonly_cast")));
}

// The verifier picks helper prototypes per program type: syscall programs
// get the fastcall prototype of helper 8, other "other" types do not.
TEST(KernelProfile, HelperEightByProgramType) {
  const EligibleCallee &C = *findHelper(8);
  KernelProfile P = KernelProfile::fromTable({6, 18}, Arch::X86_64);
  EXPECT_TRUE(P.isFastcall(C, ProgType::Syscall));
  EXPECT_TRUE(P.isFastcall(C, ProgType::RawTracepoint));
  EXPECT_FALSE(P.isFastcall(C, ProgType::CgroupSock));
  EXPECT_FALSE(P.isFastcall(C, ProgType::SocketFilter));
  EXPECT_FALSE(P.isFastcall(C, ProgType::CgroupSkb));
  EXPECT_FALSE(P.isFastcall(C, ProgType::Unspec));
}

// A probe that loaded socket filters and XDP and found helper 8 fastcall in
// socket filters only: measured there, the table for the types it did not
// load (kprobe).
TEST(KernelProfile, MeasurementsReplaceTheTableWhereTaken) {
  const EligibleCallee &C = *findHelper(8);
  KernelProfile P = KernelProfile::fromTable({6, 18}, Arch::X86_64);
  ProbedFastcall H8;
  H8.HelperNumber = 8;
  H8.Types = progTypeBit(ProgType::SocketFilter);
  P.Callees = std::vector<ProbedFastcall>{H8};
  P.ProbedTypes =
      progTypeBit(ProgType::SocketFilter) | progTypeBit(ProgType::Xdp);
  EXPECT_TRUE(P.isFastcall(C, ProgType::SocketFilter));
  EXPECT_FALSE(P.isFastcall(C, ProgType::Xdp));
  EXPECT_TRUE(P.isFastcall(C, ProgType::Kprobe));
  // No measurement of the kfuncs in the probed types: not fastcall there.
  EXPECT_FALSE(P.isFastcall(*findKfunc("bpf_rdonly_cast"), ProgType::Xdp));
  EXPECT_TRUE(
      P.isFastcall(*findKfunc("bpf_rdonly_cast"), ProgType::Tracepoint));
}
