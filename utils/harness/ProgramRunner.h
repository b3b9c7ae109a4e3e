//===- ProgramRunner.h - Load, translate back and run BPF programs -*- C++ -*-//
//
// Loads each program of a BPF object on its own with libbpf (nothing is
// attached or pinned), reads the translated program and the verifier's stack
// depth back, runs it once with BPF_PROG_TEST_RUN on a fixed input where the
// program type supports it, and classifies the brackets around its calls.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_HARNESS_PROGRAMRUNNER_H
#define BPF_NOCSR_HARNESS_PROGRAMRUNNER_H

#include "BracketSurvival.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bpf_nocsr {
namespace harness {

struct RunOptions {
  unsigned Cpu = 0;
  bool Execute = true;
  /// Forward every libbpf message, debug level included, to stderr, and
  /// print each loaded program's verifier log (level 1 with statistics).
  bool Verbose = false;
  std::string OnlyProgram; // Empty: every program.
  /// The packet of packet programs; empty: fixedPacket().
  std::vector<std::uint8_t> DataIn;
  /// BPF_PROG_TEST_RUN's repeat count for packet programs (raw tracepoints
  /// always run once).
  unsigned Repeat = 1;
};

/// The packet every packet program sees without --data-in: 64 bytes
/// P[i] = 37*i + 11, with the Ethernet type at bytes 12-13 set to IPv4.
std::vector<std::uint8_t> fixedPacket();

struct ProgramReport {
  std::string Name;
  std::string Section;
  std::string Type;
  bool Loaded = false;
  std::string LoadError;   // Set when !Loaded.
  std::string VerifierLog; // Tail of the log when !Loaded.
  unsigned LoadedInsns = 0;
  unsigned XlatedInsns = 0;
  DeadCode Dead;                    // Removed by the verifier as unreachable.
  std::vector<unsigned> StackDepth; // Per subprogram, from the verifier.
  bool Ran = false;
  std::string NotRunReason;
  std::string RunError;
  std::uint32_t Retval = 0;
  /// Average run time in ns as the kernel measured it (packet programs).
  std::uint32_t DurationNs = 0;
  std::vector<CallSite> Calls;
  std::vector<std::string> CalleeNames; // Parallel to Calls.
  /// The program as libbpf loaded it and as the kernel translated it.
  std::vector<bpf_insn> LoadedProgram, XlatedProgram;
};

/// Open \p Path with libbpf (no bpf() call) and check that it holds the
/// programs \p Opts asks for. \p Error names the file, libbpf's reason and
/// its last warning.
bool checkObject(const std::string &Path, const RunOptions &Opts,
                 std::string &Error);

/// Load every program of \p Path (or only Opts.OnlyProgram). Returns false and
/// sets \p Error when the object itself cannot be opened.
bool runObject(const std::string &Path, const RunOptions &Opts,
               std::vector<ProgramReport> &Reports, std::string &Error);

} // namespace harness
} // namespace bpf_nocsr

#endif // BPF_NOCSR_HARNESS_PROGRAMRUNNER_H
