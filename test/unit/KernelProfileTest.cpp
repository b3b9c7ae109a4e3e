//===- KernelProfileTest.cpp - Profile table lookups ----------------------===//

#include "bpf_nocsr/KernelProfile.h"

#include "gtest/gtest.h"

using namespace bpf_nocsr;

TEST(KernelProfile, SectionNames) {
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

TEST(KernelProfile, Versions) {
  auto V = parseKernelVersion("6.18.44-fc-v669");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Major, 6u);
  EXPECT_EQ(V->Minor, 18u);
  EXPECT_TRUE(parseKernelVersion("latest")->atLeast(99, 0));
  EXPECT_FALSE(parseKernelVersion("6"));
  EXPECT_FALSE(parseKernelVersion("six.12"));
  EXPECT_FALSE(parseKernelVersion("6.12x"));
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
  EXPECT_EQ(*parseArch("aarch64"), Arch::ARM64);
  EXPECT_EQ(findHelperProto(42)->NumParams, 0u);
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
