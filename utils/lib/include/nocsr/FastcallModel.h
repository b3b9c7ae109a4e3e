//===- FastcallModel.h - The verifier's fastcall logic, offline -*- C++ -*-===//
//
// A model of what the Linux verifier does with bpf_fastcall brackets in one
// loaded program (entry function plus the subprograms libbpf appends):
// mark_fastcall_patterns / mark_fastcall_pattern_for_call, the stack
// contract (check_fastcall_stack_contract, here a static forward dataflow of
// r10-derived pointers), remove_fastcall_spills_fills and the resulting stack
// depth, plus lints the kernel does not make. Depends only on the contract
// headers and LLVM Support so the plugin's self-check can link it.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_FASTCALLMODEL_H
#define NOCSR_FASTCALLMODEL_H

#include "nocsr/BracketPairs.h"
#include "nocsr/Program.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace nocsr {

/// Per-instruction state, like the kernel's insn_aux_data.
struct InsnAux {
  bool FastcallPattern = false;
  uint8_t FastcallSpillsNum = 0;
  /// A bpf_loop call the verifier inlines (loop_inline_state.fit_for_inline):
  /// reached, flags known zero and the same constant callback on every path.
  bool LoopInlineFit = false;
};

enum class Severity { Note, Warning, Error };

/// A finding at program instruction Idx. When Related >= 0 the message
/// refers to another instruction: the full text is Message, that insn's
/// number (in whatever numbering the caller prints), then Tail.
struct Finding {
  uint32_t Idx;
  Severity Sev;
  std::string Message;
  int64_t Related = -1;
  std::string Tail;
};

/// One helper or kfunc call. Its bracket, from the outside in: BracketPairs
/// symmetric spill/fill pairs at any offset (what the compiler meant), of
/// which MatchedPairs sit at the kernel's offsets, of which AcceptedPairs
/// survive the stack contract check (0 when the subprogram breaks it).
struct CallResult {
  uint32_t Idx = 0;            // Program instruction index of the call.
  std::string Callee;          // "helper:N" or "kfunc:NAME"
  bool Eligible = false;       // Listed in the contract's callee table.
  bool KernelFastcall = false; // Fastcall on the profiled kernel.
  unsigned BracketPairs = 0;
  unsigned MatchedPairs = 0;
  unsigned AcceptedPairs = 0;
  bool Removed = false;
};

struct Violation {
  uint32_t Idx; // Program instruction index of the access.
  std::string Reason;
  /// The access has a variable offset: the model's range for it may be
  /// wider than the verifier's (which the self-check cannot blame on the
  /// compiler).
  bool VarOff = false;
};

/// Per-subprogram state, like the kernel's bpf_subprog_info.
struct SubprogResult {
  uint32_t Start = 0, End = 0;
  int16_t LowestOff = 0;
  int FastcallStackOff = 0;
  bool KeepFastcallStack = false;
  bool HasPattern = false;
  bool ContractOk = true;
  int StackDepthBefore = 0; // Rounded up to 8 bytes, as the verifier grows it.
  /// After every rewrite that changes it: fastcall removal, then the slots
  /// of inlined bpf_loop calls (LoopInlineStack) and of may_goto
  /// (StackExtra). check_max_stack_depth sees the depth before the last two.
  int StackDepthAfter = 0;
  int LoopInlineStack = 0; // optimize_bpf_loop's r6-r8 save area.
  int StackExtra = 0;      // do_misc_fixups' may_goto slots (stack_extra).
  std::vector<Violation> Violations;
  std::vector<CallResult> Calls;
};

struct ProgramResult {
  std::vector<SubprogResult> Subprogs;
  std::vector<InsnAux> Aux;
  std::vector<Finding> Findings; // Indices are program (linked) indices.
  std::vector<Insn> Xlated;      // The program after the kernel's rewrite.
  std::vector<uint32_t>
      XlatedOrigin; // Program insn each Xlated slot came from.
  std::vector<uint32_t> OldToNew;
  uint32_t InsnsBefore = 0, InsnsAfter = 0;
  /// `goto +0` and `may_goto +0` insns (as they become while others go) the
  /// kernel drops besides removed pairs: InsnsBefore - InsnsAfter is twice
  /// the removed pairs plus these.
  uint32_t NopsRemoved = 0;
};

/// Decode raw 8-byte BPF instructions (e.g. a function the plugin just
/// emitted) into a ProgramInput with one subprogram per entry of
/// \p SubprogStarts. Kfunc calls must be given src_reg 2 and an entry in
/// KfuncNames by the caller; family and profile are left at their defaults.
llvm::Expected<ProgramInput>
makeProgramInput(llvm::ArrayRef<uint8_t> Raw, bool LittleEndian,
                 std::vector<uint32_t> SubprogStarts = {0});

/// Validate the program's control flow (targets inside the program, ldimm64
/// whole) and run the whole model. Errors are malformed input, not findings.
llvm::Expected<ProgramResult> analyzeProgram(const ProgramInput &In);

/// The call summary of the verifier's bpf_get_call_summary().
struct CallSummary {
  unsigned NumParams = 0;
  bool ReturnsVoid = false;
  bool Fastcall = false;
  bool Eligible = false;
  unsigned UninitMemArg = 0; // Argument written byte by byte, or 0.
};
bool getCallSummary(const ProgramInput &In, uint32_t Idx, CallSummary &CS);

const char *severityName(Severity S);

} // namespace nocsr

#endif // NOCSR_FASTCALLMODEL_H
