//===- HeaderAnnotator.h - Mark eligible callees in BPF headers -*- C++ -*-===//
//
// Rewrites libbpf's bpf_helper_defs.h or a bpftool-generated vmlinux.h so
// that every helper and kfunc the kernel profile treats as fastcall carries
// __bpf_fastcall, spelled as newer libbpf and bpftool spell it. Idempotent.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_ANNOTATE_HEADERANNOTATOR_H
#define NOCSR_ANNOTATE_HEADERANNOTATOR_H

#include "nocsr/KernelProfile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace bpf_nocsr {

enum class BPFHeaderKind { HelperDefs, Vmlinux };

struct AnnotatedHeader {
  BPFHeaderKind Kind;
  std::string Text;
  /// Declarations that gained the attribute or were added.
  std::vector<std::string> Marked;
  /// Eligible callees left alone, with the reason.
  std::vector<std::string> Skipped;
};

/// Fails with a message naming what was expected when \p Text is neither
/// kind of header.
llvm::Expected<AnnotatedHeader>
annotateBPFHeader(llvm::StringRef Text, const nocsr::KernelProfile &Profile);

} // namespace bpf_nocsr

#endif // NOCSR_ANNOTATE_HEADERANNOTATOR_H
