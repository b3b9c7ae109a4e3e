//===- plugin/PluginOptions.h - The plugin's arguments ----------*- C++ -*-===//
//
// Plugin arguments reach clang's front end only (PluginASTAction::ParseArgs).
// The ones the back-end passes need travel in the IR module (IRInterface.h).
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

} // namespace bpf_nocsr

#endif // BPF_NOCSR_PLUGIN_PLUGINOPTIONS_H
