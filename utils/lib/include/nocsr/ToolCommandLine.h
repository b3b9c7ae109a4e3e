//===- nocsr/ToolCommandLine.h - One-line command-line errors ---*- C++ -*-===//
//
// The tools' llvm::cl parsing, with its complaints in one line on stderr:
// cl reports an unknown option in up to three lines (the error, "Did you
// mean", where --help is), which the tools join as
// "TOOL: error: Unknown command line argument '--x'. ...; Did you mean '-o'?".
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_TOOLCOMMANDLINE_H
#define NOCSR_TOOLCOMMANDLINE_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace nocsr {

/// cl::ParseCommandLineOptions; on failure prints one line and returns false
/// (the tools exit 2).
inline bool parseToolCommandLine(int Argc, const char *const *Argv,
                                 llvm::StringRef Overview) {
  std::string Errors;
  llvm::raw_string_ostream OS(Errors);
  if (llvm::cl::ParseCommandLineOptions(Argc, Argv, Overview, &OS))
    return true;
  OS.flush();
  llvm::StringRef Tool = llvm::sys::path::filename(Argv[0]);
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  llvm::StringRef(Errors).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  std::string Line;
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    L.consume_front(Tool);
    L.consume_front(":");
    L = L.trim();
    if (L.empty())
      continue;
    if (!Line.empty())
      Line += "; ";
    Line += L.str();
  }
  // Errors in option values cl prints itself, in one line.
  if (!Line.empty())
    llvm::errs() << Tool << ": error: " << Line << "\n";
  return false;
}

} // namespace nocsr

#endif // NOCSR_TOOLCOMMANDLINE_H
