//===- plugin/Compat.h - LLVM/Clang version differences ---------*- C++ -*-===//
//
// The one place where the sources look at the LLVM version they are built
// against (14, 15, 16, 19 or 22). Everything else tests these macros. Each
// fact was checked in the Debian llvm-N-dev/libclang-N-dev headers.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PLUGIN_COMPAT_H
#define BPF_NOCSR_PLUGIN_COMPAT_H

#include "llvm/Config/llvm-config.h"

#include <optional>

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

/// Clang >= 18 runs a -fplugin's CodeGenOptions::PassBuilderCallbacks. Before
/// that the front-end action adds the plugin module to
/// CodeGenOptions::PassPlugins, and clang loads it as a pass plugin.
#define BPF_NOCSR_HAS_PASS_BUILDER_CALLBACKS (LLVM_VERSION_MAJOR >= 18)

/// Header of PassPluginLibraryInfo (moved out of llvm/Passes by LLVM 22).
#if LLVM_VERSION_MAJOR >= 22
#define BPF_NOCSR_PASS_PLUGIN_HEADER "llvm/Plugins/PassPlugin.h"
#else
#define BPF_NOCSR_PASS_PLUGIN_HEADER "llvm/Passes/PassPlugin.h"
#endif

/// llvm::Triple moved from ADT to TargetParser in LLVM 16.
#if LLVM_VERSION_MAJOR >= 16
#define BPF_NOCSR_TRIPLE_HEADER "llvm/TargetParser/Triple.h"
#else
#define BPF_NOCSR_TRIPLE_HEADER "llvm/ADT/Triple.h"
#endif

/// Triple::isBPF() exists from LLVM 16.
#if LLVM_VERSION_MAJOR >= 16
#define BPF_NOCSR_IS_BPF_TRIPLE(T) (T).isBPF()
#else
#define BPF_NOCSR_IS_BPF_TRIPLE(T)                                             \
  ((T).getArch() == llvm::Triple::bpfel || (T).getArch() == llvm::Triple::bpfeb)
#endif

/// Bit counting: llvm/ADT/bit.h from LLVM 16, MathExtras.h before.
#if LLVM_VERSION_MAJOR >= 16
#include "llvm/ADT/bit.h"
#define BPF_NOCSR_COUNTR_ZERO(X) llvm::countr_zero(X)
#define BPF_NOCSR_POPCOUNT(X) llvm::popcount(X)
#else
#include "llvm/Support/MathExtras.h"
#define BPF_NOCSR_COUNTR_ZERO(X) llvm::countTrailingZeros(X)
#define BPF_NOCSR_POPCOUNT(X) llvm::countPopulation(X)
#endif

/// MachineInstr::removeOperand (LLVM >= 15; RemoveOperand before).
#if LLVM_VERSION_MAJOR >= 15
#define BPF_NOCSR_REMOVE_OPERAND(MI, I) (MI).removeOperand(I)
#else
#define BPF_NOCSR_REMOVE_OPERAND(MI, I) (MI).RemoveOperand(I)
#endif

/// The "no optimisation" codegen level: llvm::CodeGenOptLevel from LLVM 18,
/// CodeGenOpt::Level before.
#if LLVM_VERSION_MAJOR >= 18
#define BPF_NOCSR_CODEGEN_OPT_NONE llvm::CodeGenOptLevel::None
#else
#define BPF_NOCSR_CODEGEN_OPT_NONE llvm::CodeGenOpt::None
#endif

/// Target::createMCCodeEmitter takes the MCRegisterInfo before LLVM 15.
#if LLVM_VERSION_MAJOR >= 15
#define BPF_NOCSR_CREATE_MC_CODE_EMITTER(TM, Ctx)                              \
  (TM).getTarget().createMCCodeEmitter(*(TM).getMCInstrInfo(), (Ctx))
#else
#define BPF_NOCSR_CREATE_MC_CODE_EMITTER(TM, Ctx)                              \
  (TM).getTarget().createMCCodeEmitter(*(TM).getMCInstrInfo(),                 \
                                       *(TM).getMCRegisterInfo(), (Ctx))
#endif

/// MCCodeEmitter::encodeInstruction writes into a SmallVector from LLVM 17,
/// into a raw_ostream before.
#define BPF_NOCSR_ENCODE_TO_VECTOR (LLVM_VERSION_MAJOR >= 17)

/// Clang >= 18 spells the C23 attribute syntax AS_C23 (AS_C2x before) and has
/// keyword attributes (`isRegularKeywordAttribute`, an extra argument of the
/// "wrong subject" diagnostics) from 17.
#if LLVM_VERSION_MAJOR >= 18
#define BPF_NOCSR_AS_C23 AS_C23
#else
#define BPF_NOCSR_AS_C23 AS_C2x
#endif
#define BPF_NOCSR_HAS_KEYWORD_ATTRIBUTES (LLVM_VERSION_MAJOR >= 17)

/// ParsedAttr::isGNUAttribute exists from clang 15.
#if LLVM_VERSION_MAJOR >= 15
#define BPF_NOCSR_IS_GNU_ATTRIBUTE(A) (A).isGNUAttribute()
#else
#define BPF_NOCSR_IS_GNU_ATTRIBUTE(A)                                          \
  ((A).getSyntax() == clang::AttributeCommonInfo::AS_GNU)
#endif

/// llvm::json getters return llvm::Optional before LLVM 16; the sources use
/// std::optional.
#if LLVM_VERSION_MAJOR >= 16
#define BPF_NOCSR_STD_OPTIONAL(X) (X)
#else
#include "llvm/ADT/Optional.h"
namespace bpf_nocsr::compat {
template <typename T>
std::optional<T> toStdOptional(const llvm::Optional<T> &O) {
  if (O)
    return *O;
  return std::nullopt;
}
} // namespace bpf_nocsr::compat
#define BPF_NOCSR_STD_OPTIONAL(X) ::bpf_nocsr::compat::toStdOptional(X)
#endif

#endif // BPF_NOCSR_PLUGIN_COMPAT_H
