//===- ProgramLayout.h - A validated program --------------------*- C++ -*-===//
//
// What every part of the model reads: the instructions, which slots are the
// second half of an ldimm64, the subprograms' ranges, and the findings list
// they append to. The parts share one private vocabulary.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_PROGRAMLAYOUT_H
#define NOCSR_LIB_PROGRAMLAYOUT_H

#include "nocsr/FastcallModel.h"

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace nocsr {
namespace model {

using namespace bpf_nocsr;
using llvm::ArrayRef;
using llvm::Error;
using llvm::Twine;

/// A program whose control flow is known to be well formed: every jump
/// lands on an instruction of the program, every ldimm64 is whole, the
/// subprogram starts are sorted.
struct ProgramLayout {
  ArrayRef<Insn> Insns;
  uint32_t N = 0;
  std::vector<uint8_t> IsLdHi; // Second slot of an ldimm64.
  ArrayRef<uint32_t> SubprogStarts;

  size_t numSubprogs() const { return SubprogStarts.size(); }
  uint32_t subprogStart(size_t S) const { return SubprogStarts[S]; }
  uint32_t subprogEnd(size_t S) const {
    return S + 1 < SubprogStarts.size() ? SubprogStarts[S + 1] : N;
  }
  /// The subprogram holding insn \p Idx.
  unsigned subprogAt(uint32_t Idx) const {
    auto It = std::upper_bound(SubprogStarts.begin(), SubprogStarts.end(), Idx);
    return unsigned(It - SubprogStarts.begin()) - 1;
  }
};

/// Validate \p In's control flow; errors are malformed input, not findings.
llvm::Expected<ProgramLayout> layoutProgram(const ProgramInput &In);

inline void addFinding(std::vector<Finding> &Findings, uint32_t Idx, Severity S,
                       const Twine &Msg, int64_t Related = -1,
                       const Twine &Tail = "") {
  Findings.push_back({Idx, S, Msg.str(), Related, Tail.str()});
}

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_PROGRAMLAYOUT_H
