//===- nocsr/KernelProbe.h - Measure the running kernel's fastcall -*- C++ -*-//
//
// Loads a handful of tiny programs (nothing attached or pinned), reads back
// their translated form and the verifier's stack depth, and derives the
// kernel's fastcall rules and callees from the answers (ProbeDecision.h), as
// `bpftool feature probe` does for other features. Library NoCSRProbe.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_KERNELPROBE_H
#define NOCSR_KERNELPROBE_H

#include "nocsr/ProbeDecision.h"
#include "nocsr/ProfileFile.h"

#include "llvm/Support/Error.h"

namespace nocsr {

/// Run the probes on the running kernel. Fails with the reason when bpf() is
/// not permitted or a probe cannot be run.
llvm::Expected<ProbeAnswers> probeRunningKernel();

/// The running kernel's profile: from the per-boot cache when present and
/// \p UseCache, otherwise probed (and cached). Fails when probing is not
/// possible.
llvm::Expected<SavedProfile> probedHostProfile(bool UseCache = true);

} // namespace nocsr

#endif // NOCSR_KERNELPROBE_H
