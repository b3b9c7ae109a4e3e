//===- plugin/PluginOptions.h - Front end to back end options ---*- C++ -*-===//
//
// Plugin arguments reach clang's front end only (PluginASTAction::ParseArgs).
// The ones the back-end passes need travel in the IR module, so that they also
// survive `-emit-llvm` followed by `llc -load`:
//
//   !llvm.module.flags = !{..., !N}
//   !N = !{i32 1, !"bpf_nocsr.selfcheck", i32 <0|1>}
//
// Absent flag: the back end uses its own default (on in debug builds).
// The flag uses Module::Error merge behaviour, so linking modules that
// disagree is an error rather than a silent choice.
//
// Arguments (`-fplugin-arg-BPFNoCSR-<name>=<value>`):
//   eligible=attr            only attributed callees are eligible (default)
//   eligible=profile:VERSION[:ARCH]
//                            also every helper/kfunc the callee table
//                            (include/bpf_nocsr/FastcallCallees.h) lists as
//                            fastcall on that kernel (KernelSpec.h's
//                            spellings: VERSION "latest" or "M.N"; ARCH
//                            x86_64 (default), arm64, riscv64, powerpc64),
//                            for any program type
//   eligible=profile:FILE    the same for the kernel saved in FILE
//                            (nocsr-check --probe-kernel --format=json)
//   selfcheck=on|off         run the contract self-check after bracketing
//   version                  print the plugin's version (a remark) and go on
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PLUGIN_PLUGINOPTIONS_H
#define BPF_NOCSR_PLUGIN_PLUGINOPTIONS_H

namespace bpf_nocsr {

/// Name under which the plugin registers itself; the driver flag is
/// `-fplugin-arg-BPFNoCSR-<name>=<value>`.
inline constexpr const char PluginName[] = "BPFNoCSR";

/// Predefined (as 1) by the front-end action on BPF targets, so that
/// bpf_nocsr.h turns the attributes on although `__has_attribute` answers 0
/// for plugin attributes before clang 17.
inline constexpr const char PluginMacro[] = "__BPF_NOCSR_PLUGIN__";

/// Module flag carrying `selfcheck=on|off` (i32 1 or 0).
inline constexpr const char SelfCheckModuleFlag[] = "bpf_nocsr.selfcheck";

/// The IR string attribute that makes a call (and a callee declaration)
/// eligible, spelled as upstream clang >= 20 spells it.
inline constexpr const char FastcallIRAttr[] = "bpf_fastcall";

/// What clang 19's CodeGen emits for the plugin's attributes; the front end's
/// pipeline-start pass renames it to FastcallIRAttr on BPF modules. Where no
/// IR pipeline runs after CodeGen in the same clang invocation (-save-temps,
/// `-Xclang -disable-llvm-passes`, compiling such a .bc later), it is still
/// there, so on BPF modules it means the same as FastcallIRAttr (nothing else
/// emits this x86-only attribute for BPF).
inline constexpr const char ClangLoweredNoCSRIRAttr[] =
    "no_caller_saved_registers";

} // namespace bpf_nocsr

#endif // BPF_NOCSR_PLUGIN_PLUGINOPTIONS_H
