//===- RangePatcher.h - Replace instruction ranges in one pass --*- C++ -*-===//
//
// The one patching primitive of the checker (the kernel's bpf_patch_insns
// generalised): replace any set of non-overlapping instruction ranges with new
// sequences in a single O(N + K) pass. An empty replacement deletes, an empty
// range inserts. Every jump, gotol, may_goto, BPF-to-BPF call and ldimm64
// function reference outside the replaced ranges is re-targeted; ldimm64 is
// two slots; an old->new index map and per-instruction side data (line info)
// come out with the program. A branch that lands strictly inside a replaced
// range, or a range that splits an ldimm64, is an error rather than a guess.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_RANGEPATCHER_H
#define NOCSR_RANGEPATCHER_H

#include "nocsr/Insn.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace nocsr {

/// Replace old slots [Start, End) by Replacement. Start == End inserts before
/// Start; an empty Replacement deletes. Branches inside Replacement are
/// relative to the replacement itself and are left as written.
struct PatchEdit {
  uint32_t Start = 0;
  uint32_t End = 0;
  std::vector<Insn> Replacement;
};

struct PatchResult {
  std::vector<Insn> Insns;
  /// Side data of each new slot: that of the old slot it came from; inserted
  /// or replacement slots take the side data of old slot Start (or of the last
  /// old slot when inserting at the end).
  std::vector<uint64_t> SideData;
  /// OldToNew[i] = new index of old slot i; for a slot inside a replaced range
  /// the index where its replacement starts. OldToNew[N] = new length.
  std::vector<uint32_t> OldToNew;
};

/// Apply \p Edits (sorted by Start, non-overlapping; several inserts at one
/// point apply in list order, before a range starting there) to \p Insns.
/// \p SideData is empty or has one entry per old slot.
llvm::Expected<PatchResult> patchInsns(llvm::ArrayRef<Insn> Insns,
                                       llvm::ArrayRef<PatchEdit> Edits,
                                       llvm::ArrayRef<uint64_t> SideData = {});

} // namespace nocsr

#endif // NOCSR_RANGEPATCHER_H
