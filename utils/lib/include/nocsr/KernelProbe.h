//===- nocsr/KernelProbe.h - Measure the running kernel's fastcall -*- C++ -*-//
//
// Loads a handful of tiny programs (nothing attached or pinned), reads back
// their translated form and the verifier's stack depth, and derives the
// kernel's fastcall rules and callees from the answers, as `bpftool feature
// probe` does for other features. The decision logic (deriveProfile) is
// separate from the loading so that it is tested on recorded answers.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_KERNELPROBE_H
#define NOCSR_KERNELPROBE_H

#include "nocsr/ProfileFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <linux/bpf.h>

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

/// The translated program of the loaded program \p Fd, as
/// bpf_obj_get_info_by_fd() returns it.
llvm::Error readXlatedProgram(int Fd, std::vector<bpf_insn> &Xlated);

/// "stack depth 24+0+8" in a verifier log (log level 4, BPF_LOG_STATS): one
/// number per subprogram; empty when the log has no such line.
std::vector<unsigned> parseStackDepth(llvm::StringRef Log);

/// Whether this process may load programs (and, with \p TestRun, run them
/// with BPF_PROG_TEST_RUN): loads a trivial socket filter and closes it.
/// Fails with "bpf() not permitted: <command>: <reason>".
llvm::Error checkBpfPermitted(bool TestRun = false);

/// Run the probes on the running kernel. Fails with the reason when bpf() is
/// not permitted or a probe cannot be run.
llvm::Expected<ProbeAnswers> probeRunningKernel();

/// The running kernel's profile: from the per-boot cache when present and
/// \p UseCache, otherwise probed (and cached). Fails when probing is not
/// possible.
llvm::Expected<SavedProfile> probedHostProfile(bool UseCache = true);

} // namespace nocsr

#endif // NOCSR_KERNELPROBE_H
