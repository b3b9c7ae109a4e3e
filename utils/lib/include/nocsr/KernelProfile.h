//===- nocsr/KernelProfile.h - A kernel to predict --------------*- C++ -*-===//
//
// The kernel a prediction is for: its version, architecture and fastcall
// rules, and, where the kernel was measured (KernelProbe.h, or a saved
// profile, ProfileFile.h), the callees it treats as fastcall. Measurements
// override the contract's tables (bpf_nocsr/FastcallCallees.h,
// bpf_nocsr/KernelBuilds.h) where they were taken.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_KERNELPROFILE_H
#define NOCSR_KERNELPROFILE_H

#include "bpf_nocsr/FastcallCallees.h"
#include "bpf_nocsr/KernelBuilds.h"
#include "bpf_nocsr/KernelSpec.h"
#include "bpf_nocsr/ProgTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nocsr {

/// A callee the kernel was measured to treat as fastcall, and in which
/// program types. Helpers by number (Name may be empty), kfuncs by name.
struct ProbedFastcall {
  bpf_nocsr::CalleeKind Kind = bpf_nocsr::CalleeKind::Helper;
  unsigned HelperNumber = 0;
  std::string Name;
  bpf_nocsr::ProgTypeSet Types = 0;
};

/// A kernel to predict: version, architecture, the fastcall rules of its
/// build and, when it was probed, the callees it treats as fastcall.
struct KernelProfile {
  bpf_nocsr::KernelVersion Version = bpf_nocsr::KernelVersion::latest();
  bpf_nocsr::Arch A = bpf_nocsr::Arch::X86_64;
  bpf_nocsr::FastcallRules Rules = bpf_nocsr::defaultFastcallRules();
  /// The rules were measured on the kernel (probe or saved profile), not
  /// taken from the version table; where known builds disagree, the table
  /// cannot say which applies.
  bool RulesMeasured = false;
  /// Measured fastcall callees; when set it replaces the callee table
  /// for the program types in ProbedTypes (the ones the probe could load).
  std::optional<std::vector<ProbedFastcall>> Callees;
  bpf_nocsr::ProgTypeSet ProbedTypes = bpf_nocsr::AllProgTypes;

  /// The version table's view of kernel \p V on \p Ar.
  static KernelProfile fromTable(bpf_nocsr::KernelVersion V,
                                 bpf_nocsr::Arch Ar) {
    KernelProfile P;
    P.Version = V;
    P.A = Ar;
    return P;
  }

  /// Does this kernel treat helper \p Number or kfunc \p Name as fastcall in
  /// a program of type \p T?
  bool isFastcall(bpf_nocsr::CalleeKind Kind, unsigned Number,
                  std::string_view Name, bpf_nocsr::ProgType T) const {
    return fastcallTypes(Kind, Number, Name) & bpf_nocsr::progTypeBit(T);
  }
  bool isFastcall(const bpf_nocsr::EligibleCallee &C,
                  bpf_nocsr::ProgType T) const {
    return isFastcall(C.Kind, C.HelperNumber, C.Name, T);
  }
  /// ... in a program of any type of the families \p Families?
  bool isFastcall(bpf_nocsr::CalleeKind Kind, unsigned Number,
                  std::string_view Name, std::uint32_t Families) const {
    return fastcallTypes(Kind, Number, Name) &
           bpf_nocsr::progTypesOfFamilies(Families);
  }
  bool isFastcall(const bpf_nocsr::EligibleCallee &C,
                  std::uint32_t Families) const {
    return isFastcall(C.Kind, C.HelperNumber, C.Name, Families);
  }

  /// Is \p C fastcall for any program type on this kernel?
  bool isFastcallAnywhere(const bpf_nocsr::EligibleCallee &C) const {
    return fastcallTypes(C.Kind, C.HelperNumber, C.Name) != 0;
  }

  /// The program types in which the callee is fastcall: measured where the
  /// probe measured, the version table elsewhere.
  bpf_nocsr::ProgTypeSet fastcallTypes(bpf_nocsr::CalleeKind Kind,
                                       unsigned Number,
                                       std::string_view Name) const {
    bpf_nocsr::ProgTypeSet FromTable =
        bpf_nocsr::tableFastcallTypes(Version, A, Kind, Number, Name);
    if (!Callees)
      return FromTable;
    bpf_nocsr::ProgTypeSet Measured = 0;
    for (const ProbedFastcall &P : *Callees)
      if (P.Kind == Kind &&
          (Kind == bpf_nocsr::CalleeKind::Helper ? P.HelperNumber == Number
                                                 : P.Name == Name))
        Measured |= P.Types;
    return (Measured & ProbedTypes) | (FromTable & ~ProbedTypes);
  }
};

} // namespace nocsr

#endif // NOCSR_KERNELPROFILE_H
