//===- InlinedCalls.h - What the verifier makes of a call -------*- C++ -*-===//
//
// The verifier replaces some calls with instructions of its own (do_misc_fixups
// and inline_bpf_loop in kernel/bpf/verifier.c). To tell which brackets
// survived, the harness must recognise those sequences in the translated
// program. Every form here was measured on 6.18, x86-64, by loading a program
// and reading its translated program back (nocsr-run --dump-insns). A call
// rewritten in any other way is not recognised, and the harness says so.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_HARNESS_INLINEDCALLS_H
#define BPF_NOCSR_HARNESS_INLINEDCALLS_H

#include "llvm/ADT/ArrayRef.h"

#include <linux/bpf.h>

#include <cstddef>
#include <cstdint>

namespace bpf_nocsr {
namespace harness {

/// Whether the verifier is known to inline some calls like \p Call (a call
/// instruction). \p MovKfuncIds are the BTF ids of kfuncs it turns into
/// `r0 = r1`.
bool mayBeInlined(const bpf_insn &Call,
                  llvm::ArrayRef<std::int32_t> MovKfuncIds);

/// The number of instructions of the inlined form of \p Call that starts at
/// \p X[J], or 0 if no known form of it starts there.
unsigned matchInlinedCall(const bpf_insn &Call,
                          llvm::ArrayRef<std::int32_t> MovKfuncIds,
                          llvm::ArrayRef<bpf_insn> X, std::size_t J);

} // namespace harness
} // namespace bpf_nocsr

#endif // BPF_NOCSR_HARNESS_INLINEDCALLS_H
