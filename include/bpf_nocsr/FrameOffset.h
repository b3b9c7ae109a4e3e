//===- bpf_nocsr/FrameOffset.h - Print an r10-relative offset ---*- C++ -*-===//
//
// One spelling of a stack slot for every message: "r10-8", "r10+16",
// "r10+0", and "r10+?" for an offset the checker could not bound.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_FRAMEOFFSET_H
#define BPF_NOCSR_FRAMEOFFSET_H

#include <cstdint>
#include <limits>
#include <string>

namespace bpf_nocsr {

/// "r10-8", "r10+16", "r10+0"; the extremes of int64_t, which stand for an
/// unbounded offset, print as "r10+?".
inline std::string formatFrameOffset(std::int64_t Off) {
  if (Off == std::numeric_limits<std::int64_t>::min() ||
      Off == std::numeric_limits<std::int64_t>::max())
    return "r10+?";
  return Off < 0 ? "r10" + std::to_string(Off) : "r10+" + std::to_string(Off);
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_FRAMEOFFSET_H
