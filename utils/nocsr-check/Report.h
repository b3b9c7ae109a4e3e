//===- Report.h - nocsr-check's findings and output formats -----*- C++ -*-===//
//
// The analysed objects and the formats that print them: text
// (TextReport.cpp), JSON in the README's schema (JSONReport.cpp) and the
// kernel-view listing (XlatedListing.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_CHECK_REPORT_H
#define NOCSR_CHECK_REPORT_H

#include "nocsr/FastcallModel.h"
#include "nocsr/KernelBuildOutcomes.h"
#include "nocsr/ObjectReader.h"
#include "nocsr/ProfileFile.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace nocsr {

struct AnalyzedProgram {
  const ObjProgram *Prog;
  ProgramResult Result;
  /// Set when the rules were not measured and known builds disagree: the
  /// outcome under each build, the main prediction's first.
  std::vector<BuildOutcome> BuildDependent;
};

struct AnalyzedFile {
  std::string Path;
  ObjFile Obj;
  std::vector<AnalyzedProgram> Programs;
};

/// The finding's message, a related insn numbered within its section.
std::string renderFinding(const AnalyzedFile &F, const ObjProgram &P,
                          const Finding &Fd);
const ObjFunction &funcOfSubprog(const AnalyzedFile &F, const ObjProgram &P,
                                 size_t S);
/// Function holding linked insn \p Idx.
const ObjFunction &funcOfInsn(const AnalyzedFile &F, const ObjProgram &P,
                              uint32_t Idx);

/// Findings, notes where kernel builds differ and, with \p WithTable, the
/// per-object table.
void printText(llvm::raw_ostream &OS, const AnalyzedFile &F, bool WithTable);
/// A probed kernel's profile, for people.
void printProfileText(llvm::raw_ostream &OS, const SavedProfile &P);

/// Stream one object in the README's schema.
void writeJSON(llvm::json::OStream &J, const AnalyzedFile &F);
/// A probed kernel's profile, as --kernel-profile reads it.
void printProfileJSON(llvm::raw_ostream &OS, const SavedProfile &P);

/// The kernel view of every program of \p F, disassembled, each slot with
/// the function and section insn it came from.
llvm::Error printXlated(llvm::raw_ostream &OS, const AnalyzedFile &F);

} // namespace nocsr

#endif // NOCSR_CHECK_REPORT_H
