//===- BracketSurvival.h - Which brackets did the kernel remove -*- C++ -*-===//
//
// Finds the spill/fill pairs around every call of a program as libbpf loads
// it, and decides for each whether it survives in the kernel's translated
// (xlated) program. The verifier deletes whole brackets (and dead code),
// rewrites some instructions (calls, context accesses, jump offsets) and never
// deletes anything else, so aligning the two instruction streams on what the
// verifier leaves alone tells which pairs are gone.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_HARNESS_BRACKETSURVIVAL_H
#define BPF_NOCSR_HARNESS_BRACKETSURVIVAL_H

#include "llvm/ADT/ArrayRef.h"

#include <linux/bpf.h>

#include <cstdint>
#include <vector>

namespace bpf_nocsr {
namespace harness {

/// One spill/fill pair of a bracket: a 64-bit store of Reg to r10+Off right
/// before the call and the load of Reg from the same slot right after it.
struct BracketPair {
  unsigned Reg;
  int Off;
  unsigned SpillIndex;
  unsigned FillIndex;
};

enum class CallKind { Helper, Kfunc, Subprog };

/// Partial: the pairs next to the call were removed, the outer ones kept (the
/// kernel matched only the inner pairs: they sit at its offsets, the rest do
/// not). Broken: anything else, e.g. half a pair. Dead: the bracket is gone
/// together with its call, which the verifier removed as unreachable; it
/// says nothing about the bracket.
enum class Survival { NoBracket, Kept, Removed, Partial, Broken, Dead };

struct CallSite {
  unsigned Index; // Instruction index in the loaded program.
  CallKind Kind;
  std::int32_t Imm; // Helper number, kfunc BTF id or relative target.
  /// Pair 0 is next to the call, the others follow outward.
  std::vector<BracketPair> Pairs;
  Survival State = Survival::NoBracket;
  unsigned RemovedPairs = 0; // Inner pairs removed (all for Removed).
};

/// Every call of \p Insns with the symmetric spill/fill pairs around it, as
/// the checker's model finds them (nocsr::findBracketPairs, what it reports
/// as BracketPairs). Pairs are accepted for any caller-saved register at any
/// offset, so that brackets the kernel does not recognise (upstream's
/// top-anchored ones) are found too and reported as kept.
std::vector<CallSite> findCallSites(llvm::ArrayRef<bpf_insn> Insns);

/// What the verifier removed as unreachable, outside brackets, among the
/// instructions it never rewrites (a lower bound).
struct DeadCode {
  unsigned Insns = 0;
  unsigned StackAccesses = 0;
};

/// Set the State of every call in \p Calls by aligning \p Loaded with
/// \p Xlated. \p MovKfuncIds are the BTF ids of kfuncs the verifier turns
/// into `r0 = r1` (bpf_cast_to_kern_ctx, bpf_rdonly_cast). Returns what the
/// verifier removed as dead code.
DeadCode matchSurvival(llvm::ArrayRef<bpf_insn> Loaded,
                       llvm::ArrayRef<bpf_insn> Xlated,
                       llvm::ArrayRef<std::int32_t> MovKfuncIds,
                       std::vector<CallSite> &Calls);

const char *survivalName(Survival S);

} // namespace harness
} // namespace bpf_nocsr

#endif // BPF_NOCSR_HARNESS_BRACKETSURVIVAL_H
