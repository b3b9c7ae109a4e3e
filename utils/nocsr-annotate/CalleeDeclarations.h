//===- CalleeDeclarations.h - C declarations of eligible callees -*- C++ -*-=//
//
// Spells the C declarations of the callees in FastcallCallees.def the way
// libbpf's bpf_helper_defs.h (helpers: a constant pointer to the helper
// number) and bpftool's vmlinux.h (kfuncs: weak __ksym externs) spell them,
// with __bpf_fastcall in front.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_ANNOTATE_CALLEEDECLARATIONS_H
#define NOCSR_ANNOTATE_CALLEEDECLARATIONS_H

#include "bpf_nocsr/FastcallCallees.h"

#include "llvm/ADT/StringRef.h"

#include <string>

namespace bpf_nocsr {

/// The marker both libbpf and bpftool put in front of a fastcall callee.
inline constexpr llvm::StringLiteral FastcallMacro = "__bpf_fastcall";

struct CPrototype {
  const char *Name;
  const char *ReturnType;
  const char *Params; // with the parentheses
};

inline constexpr CPrototype CPrototypes[] = {
#define FASTCALL_C_PROTOTYPE(Name, ReturnType, Params)                         \
  {#Name, #ReturnType, #Params},
#include "bpf_nocsr/FastcallCallees.def"
};

/// The prototype of \p C from the table; every callee must have one.
const CPrototype &prototypeOf(const EligibleCallee &C);

/// `static __bpf_fastcall RET (* const VarName)(PARAMS) = (void *) N;`
std::string helperPointerDefinition(const EligibleCallee &C,
                                    llvm::StringRef VarName);

/// `extern __bpf_fastcall RET NAME(PARAMS) Suffix;` where Suffix is
/// bpftool's `__weak __ksym` or, where those macros may be undefined, the
/// attributes they stand for.
std::string kfuncDeclaration(const EligibleCallee &C, bool UseLibbpfMacros);

/// The block bpftool and libbpf use to define __bpf_fastcall.
extern const char FastcallMacroBlock[];

} // namespace bpf_nocsr

#endif // NOCSR_ANNOTATE_CALLEEDECLARATIONS_H
