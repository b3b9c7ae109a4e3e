//===- CallSummary.h - What the verifier knows about a call -----*- C++ -*-===//
//
// getCallSummary() (nocsr/FastcallModel.h) and the callee's name in
// findings, both implemented in CallSummary.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_CALLSUMMARY_H
#define NOCSR_LIB_CALLSUMMARY_H

#include "nocsr/FastcallModel.h"

#include <cstdint>
#include <string>

namespace nocsr {
namespace model {

/// "helper:N" or "kfunc:NAME" for the call at \p Idx.
std::string calleeName(const ProgramInput &In, uint32_t Idx);

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_CALLSUMMARY_H
