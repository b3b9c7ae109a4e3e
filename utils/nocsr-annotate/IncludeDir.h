//===- IncludeDir.h - A drop-in include directory of annotated headers ---===//
//
// libbpf's bpf_helpers.h includes "bpf_helper_defs.h" with quotes, so the
// copy beside it always wins over one found through -I. A drop-in include
// directory therefore holds the whole set: DIR/bpf/bpf_helpers.h and its
// siblings, copied, with the annotated bpf_helper_defs.h among them; then
// `-IDIR` makes <bpf/bpf_helpers.h> and its quoted include both resolve there.
// A vmlinux.h goes to DIR/vmlinux.h.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_ANNOTATE_INCLUDEDIR_H
#define NOCSR_ANNOTATE_INCLUDEDIR_H

#include "HeaderAnnotator.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace bpf_nocsr {

/// Writes \p H, annotated from \p InputPath, into the include directory
/// \p Dir (created if needed). Returns what was written, in one line.
llvm::Expected<std::string> writeIncludeDir(llvm::StringRef Dir,
                                            llvm::StringRef InputPath,
                                            const AnnotatedHeader &H);

} // namespace bpf_nocsr

#endif // NOCSR_ANNOTATE_INCLUDEDIR_H
