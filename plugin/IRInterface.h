//===- plugin/IRInterface.h - What the front end tells the back end -*- C++
//-*-//
//
// The front end and the back-end passes meet only in the IR module, so that
// everything also survives `-emit-llvm` followed by `llc -load`: string
// function attributes mark eligible calls and callees, and a module flag
// carries the plugin arguments the back end needs:
//
//   !llvm.module.flags = !{..., !N}
//   !N = !{i32 1, !"bpf_nocsr.selfcheck", i32 <0|1>}
//
// Absent flag: the back end uses its own default (on in debug builds).
// The flag uses Module::Error merge behaviour, so linking modules that
// disagree is an error rather than a silent choice.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_PLUGIN_IRINTERFACE_H
#define BPF_NOCSR_PLUGIN_IRINTERFACE_H

namespace bpf_nocsr {

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

#endif // BPF_NOCSR_PLUGIN_IRINTERFACE_H
