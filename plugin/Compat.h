//===- plugin/Compat.h - LLVM/Clang version differences ---------*- C++ -*-===//
//
// The one place where the plugin sources look at the LLVM version they are
// built against (19 or 22). Everything else tests these macros.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PLUGIN_COMPAT_H
#define BPF_NOCSR_PLUGIN_COMPAT_H

#include "llvm/Config/llvm-config.h"

/// Clang >= 20 knows `bpf_fastcall` itself (BPFFastCallAttr) and CodeGen puts
/// the IR attribute "bpf_fastcall" on declarations and calls. Before that the
/// plugin registers the spelling and lowers it through the x86-only
/// AnyX86NoCallerSavedRegistersAttr, whose IR attribute it then renames.
#define BPF_NOCSR_NATIVE_FASTCALL (LLVM_VERSION_MAJOR >= 20)

/// LLVM >= 21 has RegisterTargetPassConfigCallback for inserting machine
/// passes from a plugin.
#define BPF_NOCSR_HAS_TARGET_PASS_CONFIG_CALLBACK (LLVM_VERSION_MAJOR >= 21)

/// LLVM >= 21 creates target machines from a Triple, not its string.
#define BPF_NOCSR_TARGET_MACHINE_FROM_TRIPLE (LLVM_VERSION_MAJOR >= 21)

/// Header of PassPluginLibraryInfo (moved out of llvm/Passes by LLVM 22;
/// checked in the 19 and 22 installations only).
#if LLVM_VERSION_MAJOR >= 22
#define BPF_NOCSR_PASS_PLUGIN_HEADER "llvm/Plugins/PassPlugin.h"
#else
#define BPF_NOCSR_PASS_PLUGIN_HEADER "llvm/Passes/PassPlugin.h"
#endif

#endif // BPF_NOCSR_PLUGIN_COMPAT_H
