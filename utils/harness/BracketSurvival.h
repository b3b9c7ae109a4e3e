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

#include "nocsr/BracketPairs.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <linux/bpf.h>

#include <cstdint>
#include <vector>

namespace bpf_nocsr {
namespace harness {

enum class CallKind { Helper, Kfunc, Subprog };

/// Partial: the pairs next to the call were removed, the outer ones kept (the
/// kernel matched only the inner pairs: they sit at its offsets, the rest do
/// not). Broken: anything else, e.g. half a pair. Dead: the bracket is gone
/// together with its call, which the verifier removed as unreachable; it
/// says nothing about the bracket. Unknown: the verifier rewrote the call
/// into instructions the harness does not recognise (InlinedCalls.h), so it
/// cannot tell what happened to the bracket.
enum class Survival {
  NoBracket,
  Kept,
  Removed,
  Partial,
  Broken,
  Dead,
  Unknown
};

struct CallSite {
  unsigned Index; // Instruction index in the loaded program.
  CallKind Kind;
  std::int32_t Imm; // Helper number, kfunc BTF id or relative target.
  /// The model's pairs (nocsr::findBracketPairs): pair 0 is next to the
  /// call, the others follow outward.
  llvm::SmallVector<nocsr::BracketPair, 6> Pairs;
  Survival State = Survival::NoBracket;
  unsigned RemovedPairs = 0; // Inner pairs removed (all for Removed).
  /// For Unknown: the translated instructions that stand for the call.
  unsigned UnknownFirst = 0, UnknownCount = 0;
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

/// Where an instruction of the loaded program went in the translated one:
/// the first of the Count translated instructions that stand for it (one,
/// or an inlined call's sequence); Count 0 if it is gone.
struct AlignedInsn {
  unsigned First = 0;
  unsigned Count = 0;
};

/// Align \p Loaded with \p Xlated: a longest common subsequence over what
/// the verifier leaves alone, where a call may also stand for its inlined
/// form (InlinedCalls.h). Among the longest it keeps the most instructions
/// outside \p InBracket (indexed like Loaded): the verifier deletes brackets
/// (and dead code) and rewrites some instructions, but never deletes
/// anything else.
std::vector<AlignedInsn> alignPrograms(llvm::ArrayRef<bpf_insn> Loaded,
                                       llvm::ArrayRef<bpf_insn> Xlated,
                                       llvm::ArrayRef<std::int32_t> MovKfuncIds,
                                       const std::vector<bool> &InBracket);

/// Set the State of every call in \p Calls by aligning \p Loaded with
/// \p Xlated. \p MovKfuncIds are the BTF ids of kfuncs the verifier turns
/// into `r0 = r1` (those FastcallCallees.def lists). Returns what the
/// verifier removed as dead code.
DeadCode matchSurvival(llvm::ArrayRef<bpf_insn> Loaded,
                       llvm::ArrayRef<bpf_insn> Xlated,
                       llvm::ArrayRef<std::int32_t> MovKfuncIds,
                       std::vector<CallSite> &Calls);

const char *survivalName(Survival S);

} // namespace harness
} // namespace bpf_nocsr

#endif // BPF_NOCSR_HARNESS_BRACKETSURVIVAL_H
