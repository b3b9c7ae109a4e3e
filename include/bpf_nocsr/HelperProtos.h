//===- bpf_nocsr/HelperProtos.h - Helper prototype shapes -------*- C++ -*-===//
//
// Lookup over HelperProtos.def: the prototype shape of a helper as the
// verifier's call summary sees it, for helpers whether fastcall or not.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_HELPERPROTOS_H
#define BPF_NOCSR_HELPERPROTOS_H

namespace bpf_nocsr {

struct HelperProto {
  unsigned Number;
  const char *Name;
  unsigned NumParams;
  bool ReturnsVoid;
  unsigned UninitMemArg; // 1-5, or 0.
};

inline constexpr HelperProto HelperProtos[] = {
#define HELPER_PROTO(Number, Name, NumParams, ReturnsVoid, UninitMemArg)       \
  {Number, #Name, NumParams, ReturnsVoid, UninitMemArg},
#include "bpf_nocsr/HelperProtos.def"
};

/// The prototype of helper \p Number, or nullptr when the table does not
/// know it.
inline const HelperProto *findHelperProto(unsigned Number) {
  for (const HelperProto &P : HelperProtos)
    if (P.Number == Number)
      return &P;
  return nullptr;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_HELPERPROTOS_H
