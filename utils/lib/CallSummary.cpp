//===- CallSummary.cpp - bpf_get_call_summary, offline --------------------===//
//
// What a call clobbers and whether the kernel treats it as fastcall, as the
// verifier's bpf_get_call_summary() decides it for helpers and kfuncs.
//
//===----------------------------------------------------------------------===//

#include "CallSummary.h"
#include "bpf_nocsr/HelperProtos.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

bool getCallSummary(const ProgramInput &In, uint32_t Idx, CallSummary &CS) {
  const Insn &I = In.Insns[Idx];
  if (I.isHelperCall()) {
    if (I.Imm < 0)
      return false;
    if (const EligibleCallee *C = findHelper(unsigned(I.Imm))) {
      CS = {C->NumParams, C->ReturnsVoid,
            In.isFastcall(C->Kind, C->HelperNumber, C->Name), true};
      return true;
    }
    if (const HelperProto *P = findHelperProto(unsigned(I.Imm))) {
      CS = {P->NumParams, P->ReturnsVoid,
            In.isFastcall(CalleeKind::Helper, P->Number, ""), false,
            P->UninitMemArg};
      return true;
    }
    return false;
  }
  if (I.isKfuncCall()) {
    auto It = In.KfuncNames.find(Idx);
    if (It == In.KfuncNames.end())
      return false;
    if (const EligibleCallee *C = findKfunc(It->second)) {
      CS = {C->NumParams, C->ReturnsVoid,
            In.isFastcall(C->Kind, C->HelperNumber, C->Name), true};
      return true;
    }
    auto Shape = In.KfuncShapes.find(It->second);
    if (Shape == In.KfuncShapes.end())
      return false;
    CS = {Shape->second.NumParams, Shape->second.ReturnsVoid,
          In.isFastcall(CalleeKind::Kfunc, 0, It->second), false};
    return true;
  }
  return false;
}

namespace model {

std::string calleeName(const ProgramInput &In, uint32_t Idx) {
  const Insn &I = In.Insns[Idx];
  if (I.isKfuncCall()) {
    auto It = In.KfuncNames.find(Idx);
    return "kfunc:" +
           (It == In.KfuncNames.end() ? std::string("?") : It->second);
  }
  return "helper:" + std::to_string(I.Imm);
}

} // namespace model

} // namespace nocsr
