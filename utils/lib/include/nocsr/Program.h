//===- nocsr/Program.h - A BPF program as the kernel sees it --*- C++ -*-===//
//
// The input of every analysis: linked instructions, subprogram starts, the
// kfuncs called, the program type and the kernel to predict.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_PROGRAM_H
#define NOCSR_PROGRAM_H

#include "nocsr/Insn.h"
#include "nocsr/KernelProfile.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nocsr {

/// A kfunc's prototype shape from the object's BTF.
struct KfuncShape {
  unsigned NumParams = 0;
  bool ReturnsVoid = false;
};

/// A program as the kernel receives it: linked instructions (calls to
/// subprograms relative, kfunc calls with src_reg = 2), subprogram starts,
/// and the name of every kfunc call's target.
struct ProgramInput {
  std::vector<Insn> Insns;
  std::vector<uint32_t> SubprogStarts; // Sorted, SubprogStarts[0] == 0.
  llvm::DenseMap<uint32_t, std::string> KfuncNames;
  /// Shapes of kfuncs the contract table does not list (forward-compatible
  /// marking needs their parameter count), by name.
  llvm::StringMap<KfuncShape> KfuncShapes;
  /// The program type (from the section); when unknown, e.g. for a function
  /// the plugin checks before it is placed in a program, the callee must be
  /// fastcall in some type of Family.
  std::optional<bpf_nocsr::ProgType> Type;
  bpf_nocsr::ProgFamily Family = bpf_nocsr::FamilyOther;

  /// Type and family of a program in ELF section \p Sec, as libbpf loads it.
  void setSection(std::string_view Sec) {
    Type = bpf_nocsr::progTypeFromSection(Sec);
    Family = bpf_nocsr::progFamilyOf(*Type);
  }

  bool isFastcall(bpf_nocsr::CalleeKind Kind, unsigned Number,
                  std::string_view Name) const {
    return Type ? Profile.isFastcall(Kind, Number, Name, *Type)
                : Profile.isFastcall(Kind, Number, Name, std::uint32_t(Family));
  }
  KernelProfile Profile;
};

} // namespace nocsr

#endif // NOCSR_PROGRAM_H
