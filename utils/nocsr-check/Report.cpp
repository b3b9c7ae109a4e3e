//===- Report.cpp - What nocsr-check found --------------------------------===//

#include "Report.h"

#include <algorithm>

using namespace llvm;

namespace nocsr {

std::string renderFinding(const AnalyzedFile &F, const ObjProgram &P,
                          const Finding &Fd) {
  if (Fd.Related < 0 || Fd.Related >= int64_t(P.Input.Insns.size()))
    return Fd.Message + Fd.Tail;
  return Fd.Message +
         std::to_string(sectionInsn(F.Obj, P, uint32_t(Fd.Related))) + Fd.Tail;
}

const ObjFunction &funcOfSubprog(const AnalyzedFile &F, const ObjProgram &P,
                                 size_t S) {
  return F.Obj.Functions[P.SubprogFuncs[S]];
}

const ObjFunction &funcOfInsn(const AnalyzedFile &F, const ObjProgram &P,
                              uint32_t Idx) {
  const auto &Starts = P.Input.SubprogStarts;
  size_t S = size_t(std::upper_bound(Starts.begin(), Starts.end(), Idx) -
                    Starts.begin()) -
             1;
  return funcOfSubprog(F, P, S);
}

} // namespace nocsr
