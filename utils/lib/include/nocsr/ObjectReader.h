//===- ObjectReader.h - BPF ELF objects to loadable programs ----*- C++ -*-===//
//
// Reads a BPF relocatable object (clang output or `bpftool gen object`) with
// LLVM's Object library and links every program the way libbpf does before
// loading: the program's function first, then each BPF-to-BPF call target
// (in-section offsets and relocations against .text symbols) appended once,
// depth first; calls relocated against undefined symbols become kfunc calls.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_OBJECTREADER_H
#define NOCSR_OBJECTREADER_H

#include "nocsr/Program.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <string>
#include <vector>

namespace nocsr {

/// A function of an executable section.
struct ObjFunction {
  std::string Name;
  std::string Section;
  uint32_t SecStart = 0; // First slot, counted from the section start.
  uint32_t NumInsns = 0;
};

struct ObjProgram {
  std::string Name;
  std::string Section;
  /// Linked program; Profile is left for the caller to fill in.
  ProgramInput Input;
  /// Function (index into ObjFile::Functions) of each subprogram.
  std::vector<uint32_t> SubprogFuncs;
};

struct ObjFile {
  bool LittleEndian = true;
  std::vector<ObjFunction> Functions;
  std::vector<ObjProgram> Programs;
};

llvm::Expected<ObjFile> readBpfObject(llvm::MemoryBufferRef Buf);

/// The slot within its section (llvm-objdump numbering) of linked insn
/// \p Idx of \p P.
uint32_t sectionInsn(const ObjFile &F, const ObjProgram &P, uint32_t Idx);

} // namespace nocsr

#endif // NOCSR_OBJECTREADER_H
