//===- bpf_nocsr/KernelBuilds.h - Fastcall rules of kernel builds -*- C++ -*-=//
//
// Kernels that report the same version differ in how the verifier applies the
// fastcall contract (CONTRACT.md beside this file, "Kernel builds differ"). Each difference is
// a field of FastcallRules; each build we have measured is an entry of
// KnownKernelBuilds, named for what it does. A probe of the running kernel
// (utils/lib/KernelProbe) fills the same struct from measurements.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_KERNELBUILDS_H
#define BPF_NOCSR_KERNELBUILDS_H

#include <cstdint>
#include <string_view>

namespace bpf_nocsr {

/// Where the fastcall region [lowest_off, fastcall_stack_off) ends: the
/// verifier's fastcall_stack_off over a subprogram's patterns. It bounds the
/// contract check and, after removal, sets the stack depth.
enum class RegionTop : std::uint8_t {
  LowestPatternTop,  // min over patterns of lowest_off + 8 * pairs
  HighestPatternTop, // max over patterns: the largest bracket's top
};

/// Which stack accesses below the region top break the contract besides the
/// direct and derived-pointer accesses every build checks.
struct FastcallRules {
  const char *Name;
  const char *Description;
  RegionTop Top;
  bool HelperReadsBreak;  // A helper reads memory a pointer argument points to.
  bool HelperWritesBreak; // A helper writes its uninitialised-memory argument.
  bool CalleeReadsBreak; // A subprogram reads the caller's frame via a pointer.
  bool CalleeWritesBreak;     // A subprogram writes the caller's frame.
  bool JumpIntoPatternBreaks; // A branch lands inside a pattern.

  bool operator==(const FastcallRules &O) const {
    return Top == O.Top && HelperReadsBreak == O.HelperReadsBreak &&
           HelperWritesBreak == O.HelperWritesBreak &&
           CalleeReadsBreak == O.CalleeReadsBreak &&
           CalleeWritesBreak == O.CalleeWritesBreak &&
           JumpIntoPatternBreaks == O.JumpIntoPatternBreaks;
  }
  bool operator!=(const FastcallRules &O) const { return !(*this == O); }
};

inline constexpr FastcallRules KnownKernelBuilds[] = {
    // Build A of CONTRACT.md: mainline 6.12 to 6.18.
    {"lowest-top",
     "region ends at the smallest bracket's top; only direct, "
     "derived-pointer and helper-write accesses are checked",
     RegionTop::LowestPatternTop, false, true, false, true, false},
    // Build B: a 6.18 with the verifier's stack liveness analysis.
    {"highest-top",
     "region ends at the largest bracket's top; helper and "
     "subprogram reads and jumps into a pattern are checked too",
     RegionTop::HighestPatternTop, true, true, true, true, true},
};

/// The rules the version table assumes for every kernel with fastcall.
constexpr const FastcallRules &defaultFastcallRules() {
  return KnownKernelBuilds[0];
}

inline const FastcallRules *findKernelBuild(std::string_view Name) {
  for (const FastcallRules &R : KnownKernelBuilds)
    if (Name == R.Name)
      return &R;
  return nullptr;
}

/// The known build whose rules are \p R, or nullptr for a build we have not
/// seen before.
inline const FastcallRules *knownBuildOf(const FastcallRules &R) {
  for (const FastcallRules &K : KnownKernelBuilds)
    if (K == R)
      return &K;
  return nullptr;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_KERNELBUILDS_H
