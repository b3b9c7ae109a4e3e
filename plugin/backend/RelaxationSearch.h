//===- RelaxationSearch.h - Choose relaxations by trial compiles -*- C++
//-*-===//
//
// Before code generation, compiles the module's functions that call eligible
// callees several times with different kept-register choices per call, and
// keeps for each function the choice that costs least: instructions on
// kernels that remove brackets, then (weighted) instructions on kernels that
// run them. The choice is never worse than no relaxation on kernels that
// remove brackets. See RelaxationTrials.h for how it reaches the back end.
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_BACKEND_RELAXATIONSEARCH_H
#define BPF_NOCSR_BACKEND_RELAXATIONSEARCH_H

#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"

namespace bpf_nocsr {

class RelaxationSearchPass : public llvm::PassInfoMixin<RelaxationSearchPass> {
  llvm::OptimizationLevel Level;

public:
  explicit RelaxationSearchPass(llvm::OptimizationLevel Level) : Level(Level) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace bpf_nocsr

#endif // BPF_NOCSR_BACKEND_RELAXATIONSEARCH_H
