//===- CheckTarget.cpp - The kernel nocsr-check answers for ---------------===//

#include "CheckTarget.h"

#include "bpf_nocsr/KernelBuilds.h"
#include "bpf_nocsr/KernelSpec.h"
#include "nocsr/KernelProbe.h"
#include "nocsr/ProfileFile.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

static Error usage(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

/// The name of the known build with \p P's rules, where they were measured.
static std::string measuredRules(const KernelProfile &P) {
  if (!P.RulesMeasured)
    return "";
  const FastcallRules *B = knownBuildOf(P.Rules);
  return B ? B->Name : "measured (not a known build)";
}

static Expected<CheckTarget> fromProfileFile(const TargetChoice &O) {
  if (O.KernelGiven)
    return usage("--kernel-profile and --kernel both name the kernel; pass "
                 "one of them");
  if (!O.KernelBuild.empty())
    return usage("--kernel-build applies to a table VERSION, not to a "
                 "profile");
  if (O.ArchGiven)
    return usage("--kernel-profile already names the architecture; drop "
                 "--arch");
  Expected<SavedProfile> Saved = readProfileFile(O.KernelProfile);
  if (!Saved)
    return Saved.takeError();
  CheckTarget T;
  T.Profile = Saved->Profile;
  T.Kernel = Saved->Release.empty() ? kernelVersionText(T.Profile.Version)
                                    : Saved->Release;
  T.Source = "profile";
  T.ChosenBy = "--kernel-profile=" + O.KernelProfile;
  T.Rules = measuredRules(T.Profile);
  return T;
}

Expected<CheckTarget> resolveCheckTarget(const TargetChoice &O) {
  if (!O.KernelProfile.empty())
    return fromProfileFile(O);
  if (!O.KernelBuild.empty() && O.Kernel == "host")
    return usage("--kernel-build needs a table version: add --kernel=VERSION "
                 "or --kernel=latest");
  CheckTarget T;
  T.ChosenBy = "--kernel=" + O.Kernel;
  if (!O.KernelGiven)
    T.ChosenBy += " (the default)";
  if (O.ArchGiven)
    T.ChosenBy += " --arch=" + O.Arch;
  if (!O.KernelBuild.empty())
    T.ChosenBy += " --kernel-build=" + O.KernelBuild;

  std::string Error;
  std::optional<KernelSpec> Spec =
      parseKernelSpec(O.Kernel, SpecHost, "--kernel", Error);
  if (!Spec)
    return usage(Error);
  const bool HostKernelSpec = Spec->K == KernelSpec::Kind::Host;
  if (HostKernelSpec && O.Arch == "host") {
    Expected<SavedProfile> Probed = probedHostProfile();
    if (Probed) {
      T.Profile = Probed->Profile;
      T.Kernel = Probed->Release.empty() ? kernelVersionText(T.Profile.Version)
                                         : Probed->Release;
      T.Source = "probe";
      T.Rules = measuredRules(T.Profile);
      return T;
    }
    T.Note = "kernel not probed (" + toString(Probed.takeError()) +
             "); predicting from the version table, which cannot tell "
             "kernel builds apart";
  }
  const std::optional<HostKernel> Host = hostKernel();
  KernelProfile &P = T.Profile;
  if (HostKernelSpec) {
    if (!Host || !Host->Version)
      return usage("cannot determine the host kernel version; pass "
                   "--kernel=VERSION");
    P.Version = *Host->Version;
  } else {
    P.Version = Spec->Version;
  }
  T.Kernel = kernelVersionText(P.Version);
  T.Source = "table";
  if (O.Arch == "host") {
    if (!Host)
      return usage("cannot determine the host architecture; pass --arch");
    if (!Host->A)
      return usage(invalidArchMessage("host architecture", Host->Machine) +
                   "; pass --arch");
    P.A = *Host->A;
  } else {
    std::optional<Arch> A = parseArch(O.Arch);
    if (!A)
      return usage(invalidArchMessage("--arch", O.Arch, /*OrHost=*/true));
    P.A = *A;
  }
  if (!O.KernelBuild.empty()) {
    const FastcallRules *B = findKernelBuild(O.KernelBuild);
    if (!B) {
      std::string Known;
      for (const FastcallRules &K : KnownKernelBuilds)
        Known += std::string(" ") + K.Name;
      return usage("unknown --kernel-build '" + O.KernelBuild +
                   "' (known:" + Known + ")");
    }
    P.Rules = *B;
    P.RulesMeasured = true;
    T.Rules = B->Name;
  }
  return T;
}

std::string describeTarget(const CheckTarget &T) {
  std::string S = "kernel " + T.Kernel + " (" + archName(T.Profile.A) + ")";
  if (T.Source == "probe")
    S += ", probed on this host";
  else if (T.Source == "profile")
    S += ", from a saved profile";
  else
    S += ", from the version table";
  if (!T.Rules.empty())
    S += ", fastcall rules '" + T.Rules + "'";
  else if (T.Source == "table")
    S += ", every known kernel build where they differ";
  S += "; chosen by " + T.ChosenBy;
  return S;
}

void writeTargetJSON(json::OStream &J, const CheckTarget &T) {
  J.attributeObject("target", [&] {
    J.attribute("kernel", T.Kernel);
    J.attribute("arch", archName(T.Profile.A));
    J.attribute("source", T.Source);
    J.attribute("chosen_by", T.ChosenBy);
    if (T.Rules.empty())
      J.attribute("kernel_build", nullptr);
    else
      J.attribute("kernel_build", T.Rules);
    if (!T.Note.empty())
      J.attribute("note", T.Note);
  });
}

} // namespace nocsr
