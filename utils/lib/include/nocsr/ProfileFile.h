//===- nocsr/ProfileFile.h - Kernel profiles as JSON ------------*- C++ -*-===//
//
// A kernel profile (nocsr/KernelProfile.h) saved as stable JSON,
// so that a kernel probed on one machine can be predicted, and built for, on
// another: nocsr-check --kernel-profile=FILE, and the plugin's
// eligible=profile:FILE.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_PROFILEFILE_H
#define NOCSR_PROFILEFILE_H

#include "nocsr/KernelProfile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace nocsr {

/// A profile with where it came from.
struct SavedProfile {
  KernelProfile Profile;
  std::string Source;  // "probe" or "table".
  std::string Release; // uname -r of the probed kernel, if any.
  /// Fastcall callees the probe found that the contract table does not list
  /// as fastcall (e.g. "helper:14 in tracing").
  std::vector<std::string> NewFastcall;
};

/// Version 2 gives each callee's program types ("types") and the types the
/// probe could load ("probed_types"); version 1 gave families, which still
/// read as every type of those families.
constexpr int ProfileFormatVersion = 2;

llvm::json::Value profileToJSON(const SavedProfile &P);
llvm::Expected<SavedProfile> profileFromJSON(const llvm::json::Value &V);
llvm::Expected<SavedProfile> readProfileFile(llvm::StringRef Path);

/// Every program type family a probe can tell apart, in ProgFamily order.
inline constexpr bpf_nocsr::ProgFamily ProgFamilies[] = {
    bpf_nocsr::FamilyTracing,      bpf_nocsr::FamilyTC,
    bpf_nocsr::FamilyXDP,          bpf_nocsr::FamilyLwtOut,
    bpf_nocsr::FamilySocketFilter, bpf_nocsr::FamilyCgroupSkb,
    bpf_nocsr::FamilyOther};

/// "helper:8" or "kfunc:NAME".
std::string calleeKey(const ProbedFastcall &C);
std::string calleeKey(const bpf_nocsr::EligibleCallee &C);
/// The program type families of \p Families by name, comma-separated.
std::string familyList(std::uint32_t Families);
/// The program types of \p Types by name, comma-separated.
std::string progTypeList(bpf_nocsr::ProgTypeSet Types);
/// The program types of \p Types grouped by family for presentation:
/// "tracing (kprobe,tracepoint), xdp (xdp), other (syscall)".
std::string progTypesByFamily(bpf_nocsr::ProgTypeSet Types);

/// What a profile's rules are, in one line: the known build's name and what
/// it does, or every rule for a build not seen before.
std::string describeRules(const bpf_nocsr::FastcallRules &R);

} // namespace nocsr

#endif // NOCSR_PROFILEFILE_H
