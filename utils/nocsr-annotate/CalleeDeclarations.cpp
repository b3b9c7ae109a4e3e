//===- CalleeDeclarations.cpp - C declarations of eligible callees --------===//

#include "CalleeDeclarations.h"

#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>

using namespace llvm;

namespace bpf_nocsr {

// libbpf's and bpftool's block, plus the plugin's macro: __has_attribute does
// not see plugin attributes before clang 17.
const char FastcallMacroBlock[] = "#ifndef __bpf_fastcall\n"
                                  "#if defined(__BPF_NOCSR_PLUGIN__) || "
                                  "__has_attribute(bpf_fastcall)\n"
                                  "#define __bpf_fastcall "
                                  "__attribute__((bpf_fastcall))\n"
                                  "#else\n"
                                  "#define __bpf_fastcall\n"
                                  "#endif\n"
                                  "#endif\n";

const CPrototype &prototypeOf(const EligibleCallee &C) {
  for (const CPrototype &P : CPrototypes)
    if (std::strcmp(P.Name, C.Name) == 0)
      return P;
  report_fatal_error(Twine("FastcallCallees.def: no FASTCALL_C_PROTOTYPE "
                           "for ") +
                     C.Name);
}

/// "void *" + "name" -> "void *name"; "unsigned int" + "name" ->
/// "unsigned int name".
static std::string declarator(StringRef ReturnType, StringRef Name) {
  return (ReturnType + (ReturnType.ends_with("*") ? "" : " ") + Name).str();
}

std::string helperPointerDefinition(const EligibleCallee &C,
                                    StringRef VarName) {
  const CPrototype &P = prototypeOf(C);
  return formatv("static {0} {1}(* const {2}){3} = (void *) {4};",
                 FastcallMacro, declarator(P.ReturnType, ""), VarName, P.Params,
                 C.HelperNumber)
      .str();
}

std::string kfuncDeclaration(const EligibleCallee &C, bool UseLibbpfMacros) {
  const CPrototype &P = prototypeOf(C);
  StringRef Suffix = UseLibbpfMacros ? "__weak __ksym"
                                     : "__attribute__((weak)) "
                                       "__attribute__((section(\".ksyms\")))";
  return formatv("extern {0} {1}{2} {3};", FastcallMacro,
                 declarator(P.ReturnType, C.Name), P.Params, Suffix)
      .str();
}

} // namespace bpf_nocsr
