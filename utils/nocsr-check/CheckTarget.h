//===- CheckTarget.h - The kernel nocsr-check answers for -------*- C++ -*-===//
//
// Resolves nocsr-check's --kernel, --kernel-build, --kernel-profile and
// --arch into the kernel profile to predict, rejects combinations that
// contradict each other, and says in one line which kernel a report answers
// for and how it was chosen (every report starts with it).
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_CHECK_CHECKTARGET_H
#define NOCSR_CHECK_CHECKTARGET_H

#include "nocsr/KernelProfile.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace nocsr {

/// The options as given; the *Given flags say whether the user spelled them
/// (an option left at its default does not conflict with anything).
struct TargetChoice {
  std::string Kernel = "host";
  bool KernelGiven = false;
  std::string KernelBuild;
  std::string KernelProfile;
  std::string Arch = "host";
  bool ArchGiven = false;
};

/// The kernel a report answers for.
struct CheckTarget {
  KernelProfile Profile;
  /// uname -r of a probed kernel, "6.12", or "latest".
  std::string Kernel;
  /// "probe", "table" or "profile".
  std::string Source;
  /// The options that chose it, e.g. "--kernel=host (the default)".
  std::string ChosenBy;
  /// The fastcall rules: a known build's name, or empty where the version
  /// table cannot tell builds apart.
  std::string Rules;
  /// Why the host was not probed, when --kernel=host fell back to the table.
  std::string Note;
};

llvm::Expected<CheckTarget> resolveCheckTarget(const TargetChoice &O);

/// "kernel 6.12 (x86_64) from the version table, chosen by --kernel=6.12".
std::string describeTarget(const CheckTarget &T);

/// The report's "target" object.
void writeTargetJSON(llvm::json::OStream &J, const CheckTarget &T);

} // namespace nocsr

#endif // NOCSR_CHECK_CHECKTARGET_H
