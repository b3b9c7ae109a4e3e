//===- JSONReport.cpp - nocsr-check's JSON output -------------------------===//

#include "Report.h"

#include "llvm/Support/FormatVariadic.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

// json::OStream keeps memory flat on large objects.
void writeJSON(json::OStream &J, const AnalyzedFile &F) {
  J.object([&] {
    J.attribute("file", F.Path);
    J.attributeArray("programs", [&] {
      for (const AnalyzedProgram &AP : F.Programs) {
        const ProgramResult &R = AP.Result;
        const ObjProgram &P = *AP.Prog;
        J.object([&] {
          J.attribute("name", P.Name);
          J.attribute("section", P.Section);
          J.attribute("insns_before", int64_t(R.InsnsBefore));
          J.attribute("insns_after", int64_t(R.InsnsAfter));
          J.attribute("nops_removed", int64_t(R.NopsRemoved));
          J.attributeArray("subprograms", [&] {
            for (size_t S = 0; S < R.Subprogs.size(); ++S) {
              const SubprogResult &SP = R.Subprogs[S];
              J.object([&] {
                J.attribute("name", funcOfSubprog(F, P, S).Name);
                J.attribute("start", int64_t(funcOfSubprog(F, P, S).SecStart));
                J.attribute("stack_depth_before", SP.StackDepthBefore);
                J.attribute("stack_depth_after", SP.StackDepthAfter);
                J.attribute("contract_ok", SP.ContractOk);
                J.attributeArray("violations", [&] {
                  for (const Violation &V : SP.Violations)
                    J.object([&] {
                      J.attribute("insn",
                                  int64_t(sectionInsn(F.Obj, P, V.Idx)));
                      J.attribute("reason", V.Reason);
                    });
                });
                J.attributeArray("calls", [&] {
                  for (const CallResult &C : SP.Calls)
                    J.object([&] {
                      J.attribute("insn",
                                  int64_t(sectionInsn(F.Obj, P, C.Idx)));
                      J.attribute("callee", C.Callee);
                      J.attribute("kernel_fastcall", C.KernelFastcall);
                      J.attribute("pairs", int64_t(C.AcceptedPairs));
                      J.attribute("removed", C.Removed);
                    });
                });
              });
            }
          });
          J.attributeArray("findings", [&] {
            for (const Finding &Fd : R.Findings)
              J.object([&] {
                J.attribute("insn", int64_t(sectionInsn(F.Obj, P, Fd.Idx)));
                J.attribute("severity", severityName(Fd.Sev));
                J.attribute("message", renderFinding(F, P, Fd));
              });
          });
          if (!AP.BuildDependent.empty())
            J.attributeArray("build_dependent", [&] {
              for (const BuildOutcome &B : AP.BuildDependent)
                J.object([&] {
                  J.attribute("kernel_build", B.Build->Name);
                  J.attributeArray("stack_depth_after", [&] {
                    for (int D : B.StackDepthAfter)
                      J.value(D);
                  });
                  J.attributeArray("removed", [&] {
                    for (unsigned N : B.Removed)
                      J.value(int64_t(N));
                  });
                });
            });
        });
      }
    });
  });
}

void printProfileJSON(raw_ostream &OS, const SavedProfile &P) {
  OS << formatv("{0:2}", profileToJSON(P)) << "\n";
}

} // namespace nocsr
