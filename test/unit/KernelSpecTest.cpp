//===- KernelSpecTest.cpp - Kernel versions, architectures, specs ---------===//
//
// The one parser of "which kernel" that the plugin, nocsr-annotate,
// nocsr-check and the probe share: every accepted spelling and the
// messages for the rejected ones.
//
//===----------------------------------------------------------------------===//

#include "bpf_nocsr/KernelSpec.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <fstream>

using namespace bpf_nocsr;

namespace {

/// The spec \p S parses to under \p Forms; fails the test on an error.
KernelSpec parsed(std::string_view S, unsigned Forms) {
  std::string Error;
  std::optional<KernelSpec> Spec = parseKernelSpec(S, Forms, "--kernel", Error);
  EXPECT_TRUE(Spec) << Error;
  EXPECT_TRUE(Error.empty());
  return Spec.value_or(KernelSpec());
}

/// The message \p S is rejected with under \p Forms.
std::string rejected(std::string_view S, unsigned Forms,
                     std::string_view What = "--kernel") {
  std::string Error;
  EXPECT_FALSE(parseKernelSpec(S, Forms, What, Error));
  return Error;
}

TEST(KernelSpec, Versions) {
  auto V = parseKernelVersion("6.18.44-fc-v669");
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Major, 6u);
  EXPECT_EQ(V->Minor, 18u);
  EXPECT_TRUE(parseKernelVersion("latest")->atLeast(99, 0));
  EXPECT_TRUE(parseKernelVersion("latest")->isLatest());
  EXPECT_FALSE(parseKernelVersion("6.12")->isLatest());
  EXPECT_FALSE(parseKernelVersion("6"));
  EXPECT_FALSE(parseKernelVersion("six.12"));
  EXPECT_FALSE(parseKernelVersion("6.12x"));
  EXPECT_FALSE(parseKernelVersion("6.12:arm64"));
  EXPECT_EQ(kernelVersionText({6, 12}), "6.12");
  EXPECT_EQ(kernelVersionText({7, 0}), "7.0");
  EXPECT_EQ(kernelVersionText(KernelVersion::latest()), "latest");
}

// uname -m, Debian and LLVM spellings are accepted; one name is printed.
TEST(KernelSpec, Architectures) {
  EXPECT_EQ(parseArch("x86_64"), Arch::X86_64);
  EXPECT_EQ(parseArch("x86-64"), Arch::X86_64);
  EXPECT_EQ(parseArch("amd64"), Arch::X86_64);
  EXPECT_EQ(parseArch("arm64"), Arch::ARM64);
  EXPECT_EQ(parseArch("aarch64"), Arch::ARM64);
  EXPECT_EQ(parseArch("riscv64"), Arch::RISCV64);
  EXPECT_EQ(parseArch("powerpc64"), Arch::PPC64);
  EXPECT_EQ(parseArch("ppc64"), Arch::PPC64);
  EXPECT_EQ(parseArch("ppc64le"), Arch::PPC64);
  EXPECT_EQ(parseArch("powerpc64le"), Arch::PPC64);
  EXPECT_FALSE(parseArch("sparc"));
  EXPECT_FALSE(parseArch(""));
  EXPECT_FALSE(parseArch("x86"));
  EXPECT_FALSE(parseArch("host"));
  EXPECT_STREQ(archName(Arch::X86_64), "x86_64");
  EXPECT_STREQ(archName(Arch::ARM64), "arm64");
  EXPECT_STREQ(archName(Arch::RISCV64), "riscv64");
  EXPECT_STREQ(archName(Arch::PPC64), "powerpc64");
  EXPECT_EQ(archList(), "x86_64, arm64, riscv64 or powerpc64");
  EXPECT_EQ(archList(/*OrHost=*/true),
            "'host', x86_64, arm64, riscv64 or powerpc64");
  EXPECT_EQ(invalidArchMessage("--arch", "sparc"),
            "invalid --arch 'sparc': expected x86_64, arm64, riscv64 or "
            "powerpc64");
}

TEST(KernelSpec, VersionsAndHost) {
  KernelSpec S = parsed("6.12", 0);
  EXPECT_EQ(S.K, KernelSpec::Kind::Version);
  EXPECT_EQ(S.Version.Major, 6u);
  EXPECT_EQ(S.Version.Minor, 12u);
  EXPECT_FALSE(S.A);
  EXPECT_TRUE(parsed("latest", 0).Version.isLatest());
  // The plugin's "profile:" prefix reads the same everywhere.
  EXPECT_EQ(parsed("profile:6.14", 0).Version.Minor, 14u);
  EXPECT_EQ(parsed("host", SpecHost).K, KernelSpec::Kind::Host);
  EXPECT_EQ(rejected("host", 0, "--profile"),
            "invalid --profile 'host': expected 'latest' or a version such "
            "as 6.12");
  EXPECT_EQ(rejected("six", SpecHost),
            "invalid --kernel 'six': expected 'latest', 'host' or a version "
            "such as 6.12");
  EXPECT_EQ(rejected("6.12:arm64", SpecHost),
            "invalid --kernel '6.12:arm64': expected 'latest', 'host' or a "
            "version such as 6.12");
}

TEST(KernelSpec, ArchitectureSuffix) {
  KernelSpec S = parsed("6.13:ppc64", SpecArchSuffix);
  EXPECT_EQ(S.Version.Minor, 13u);
  EXPECT_EQ(S.A, Arch::PPC64);
  S = parsed("latest:aarch64", SpecArchSuffix);
  EXPECT_TRUE(S.Version.isLatest());
  EXPECT_EQ(S.A, Arch::ARM64);
  EXPECT_EQ(rejected("6.12:mips", SpecArchSuffix, "kernel"),
            "invalid architecture 'mips' in kernel '6.12:mips': expected "
            "x86_64, arm64, riscv64 or powerpc64");
  EXPECT_EQ(rejected("6.12:", SpecArchSuffix, "kernel"),
            "invalid architecture '' in kernel '6.12:': expected x86_64, "
            "arm64, riscv64 or powerpc64");
  EXPECT_EQ(rejected("6", SpecArchSuffix | SpecProfileFile, "kernel"),
            "invalid kernel '6': expected 'latest', a version such as 6.12, "
            "VERSION:ARCH such as 6.12:arm64 or a saved profile file");
}

TEST(KernelSpec, ProfileFiles) {
  KernelSpec S = parsed("profile:saved.json", SpecProfileFile);
  EXPECT_EQ(S.K, KernelSpec::Kind::ProfileFile);
  EXPECT_EQ(S.Path, "saved.json");
  EXPECT_EQ(rejected("saved.json", 0),
            "invalid --kernel 'saved.json': expected 'latest' or a version "
            "such as 6.12");
  // An existing file is a profile whatever its name; a missing one is not.
  std::string Path = ::testing::TempDir() + "kernel-spec-profile";
  std::ofstream(Path) << "{}";
  EXPECT_EQ(parsed(Path, SpecProfileFile).K, KernelSpec::Kind::ProfileFile);
  std::remove(Path.c_str());
  rejected(Path, SpecProfileFile);
}

// hostKernel() reads uname(2): the release /proc reports, parsed like any
// other version.
TEST(KernelSpec, Host) {
  std::optional<HostKernel> H = hostKernel();
  ASSERT_TRUE(H);
  std::string Release;
  std::ifstream("/proc/sys/kernel/osrelease") >> Release;
  EXPECT_EQ(H->Release, Release);
  EXPECT_EQ(H->Version.has_value(), parseKernelVersion(Release).has_value());
  EXPECT_EQ(H->A.has_value(), parseArch(H->Machine).has_value());
}

} // namespace
