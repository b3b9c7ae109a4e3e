//===- nocsr/ProbeDecision.h - Kernel profile from probe answers -*- C++
//-*-===//
//
// What the probe programs (KernelProbe.h) did on a kernel, and the profile
// those answers measure. Kept apart from the loading (library NoCSRModel,
// no bpf()) so that it is tested on recorded answers.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_PROBEDECISION_H
#define NOCSR_PROBEDECISION_H

#include "nocsr/KernelProfile.h"
#include "nocsr/ProfileFile.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace nocsr {

/// What the probe programs did on the kernel. A bracket "kept" is one whose
/// spill is still in the translated program; nullopt: the probe failed to
/// load.
struct ProbeAnswers {
  std::string Release;
  bpf_nocsr::KernelVersion Version;
  bpf_nocsr::Arch A = bpf_nocsr::Arch::X86_64;
  /// One helper-8 bracket, nothing else on the stack.
  std::optional<bool> ControlKept;
  /// Stack depth of the two-sizes probe (frame 32, brackets of one and two
  /// pairs anchored at r10-32): 24 or 16 after removal, 32 if kept.
  std::optional<int> TwoSizesDepth;
  std::optional<bool> HelperReadKept;  // bpf_trace_printk reads the region.
  std::optional<bool> HelperWriteKept; // bpf_probe_read_kernel writes it.
  std::optional<bool> CalleeReadKept;  // A subprogram reads it.
  std::optional<bool> CalleeWriteKept; // A subprogram writes it.
  std::optional<bool> JumpIntoKept;    // A branch lands on the call.
  /// The program types a trivial program loads as (those that need no
  /// attach target): the types the callee answers cover.
  bpf_nocsr::ProgTypeSet ProbedTypes = 0;
  /// Callees whose one-pair bracket was removed, with the types where.
  std::vector<ProbedFastcall> Fastcall;
};

/// The profile \p A measures. Fails when the answers match no consistent
/// behaviour (a probe failed, or a depth no rule explains).
llvm::Expected<SavedProfile> deriveProfile(const ProbeAnswers &A);

} // namespace nocsr

#endif // NOCSR_PROBEDECISION_H
