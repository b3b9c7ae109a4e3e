//===- FuzzNocsrCheck.cpp - libFuzzer target for reader + analysis --------===//
//
// Any byte string must either be rejected with an error or analysed; never a
// crash, hang or sanitizer report. Every program of a readable object is
// analysed under two kernel profiles.
//
//===----------------------------------------------------------------------===//

#include "nocsr/FastcallModel.h"
#include "nocsr/ObjectReader.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstddef>
#include <cstdint>

using namespace nocsr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Bytes(reinterpret_cast<const char *>(Data), Size);
  llvm::MemoryBufferRef Buf(Bytes, "fuzz");
  llvm::Expected<ObjFile> Obj = readBpfObject(Buf);
  if (!Obj) {
    llvm::consumeError(Obj.takeError());
    return 0;
  }
  for (ObjProgram &P : Obj->Programs) {
    for (bpf_nocsr::Arch A :
         {bpf_nocsr::Arch::X86_64, bpf_nocsr::Arch::PPC64}) {
      P.Input.Profile.A = A;
      P.Input.setSection(P.Section);
      llvm::Expected<ProgramResult> R = analyzeProgram(P.Input);
      if (!R)
        llvm::consumeError(R.takeError());
      else
        for (uint32_t I = 0; I < R->InsnsBefore; ++I)
          (void)sectionInsn(*Obj, P, I);
    }
  }
  return 0;
}
