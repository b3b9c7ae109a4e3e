//===- StackRewrites.cpp - Stack the verifier adds after fastcall removal -===//
//
// After remove_fastcall_spills_fills() and check_max_stack_depth(), two
// rewrites of the verifier grow a subprogram's stack below what its code
// uses, and the kernel reports the grown depth:
//   * optimize_bpf_loop() inlines a bpf_loop call whose callback and zero
//     flags are known, saving r6-r8 in three new slots below the depth
//     (rounded up to 8 first);
//   * do_misc_fixups() gives each subprogram with a may_goto a loop counter
//     slot, and a start timestamp slot where the JIT supports the timed
//     may_goto.
// Neither counts towards the 512-byte limit check, which ran before them.
//
//===----------------------------------------------------------------------===//

#include "StackRewrites.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

namespace {

/// The helper number of bpf_loop (BPF_FUNC_loop).
constexpr int32_t BpfFuncLoop = 181;
/// optimize_bpf_loop's save area: r6, r7 and r8.
constexpr int LoopInlineSlots = 3;

/// Where the JIT supports the timed may_goto (bpf_jit_supports_timed_may_goto)
/// and since when. Measured on x86-64 6.18; arm64 from the kernel's history
/// (not measured here). Other JITs use the plain counter.
struct TimedMayGoto {
  Arch A;
  KernelVersion Since;
  bool Measured;
};
constexpr TimedMayGoto TimedMayGotoJits[] = {
    {Arch::X86_64, {6, 15}, true},
    {Arch::ARM64, {6, 16}, false},
};

/// may_goto exists since 6.9.
constexpr KernelVersion MayGotoSince = {6, 9};

} // namespace

/// The verifier's update_loop_inline_state(), from the arguments of a
/// reached bpf_loop call: inlinable when r4 (flags) is known zero and r2 is
/// one known callback on every path that reaches the call.
static bool fitForInline(const Insn &I, const CallArgs &Args) {
  if (!I.isHelperCall() || I.Imm != BpfFuncLoop)
    return false;
  const Val &Flags = Args.R[4], &Callback = Args.R[2];
  return Flags.isConst() && Flags.Lo == 0 && Callback.K == Val::Func &&
         Callback.Lo == Callback.Hi;
}

void optimizeBpfLoop(const ProgramLayout &L, const StackFacts &F,
                     ProgramResult &Out) {
  for (const SubprogStackFacts &SF : F.Subprogs)
    for (const CallArgs &Args : SF.Calls)
      Out.Aux[Args.Idx].LoopInlineFit = fitForInline(L.Insns[Args.Idx], Args);
  for (SubprogResult &SP : Out.Subprogs) {
    bool Inlines = false;
    for (uint32_t I = SP.Start; I < SP.End; ++I)
      Inlines |= !L.IsLdHi[I] && Out.Aux[I].LoopInlineFit;
    if (!Inlines)
      continue;
    // Every inlined call of the subprogram shares one save area.
    int Depth = SP.StackDepthAfter;
    SP.LoopInlineStack =
        LoopInlineSlots * SlotSize + int(alignTo(Depth, SlotSize)) - Depth;
    SP.StackDepthAfter += SP.LoopInlineStack;
  }
}

void doMiscFixups(const ProgramInput &In, const ProgramLayout &L,
                  ProgramResult &Out) {
  const KernelProfile &P = In.Profile;
  if (!P.Version.atLeast(MayGotoSince.Major, MayGotoSince.Minor))
    return;
  const TimedMayGoto *Timed = nullptr;
  for (const TimedMayGoto &T : TimedMayGotoJits)
    if (T.A == P.A && P.Version.atLeast(T.Since.Major, T.Since.Minor))
      Timed = &T;
  std::vector<int64_t> MayGotoOf(Out.Subprogs.size(), -1);
  for (size_t X = 0; X < Out.Xlated.size(); ++X) {
    const Insn &I = Out.Xlated[X];
    uint32_t Orig = Out.XlatedOrigin[X];
    unsigned S = L.subprogAt(Orig);
    if (I.Code == (op::JMP | op::JCOND) && I.Src == 0 && !L.IsLdHi[Orig] &&
        MayGotoOf[S] < 0)
      MayGotoOf[S] = Orig;
  }
  for (size_t S = 0; S < Out.Subprogs.size(); ++S) {
    SubprogResult &SP = Out.Subprogs[S];
    if (MayGotoOf[S] < 0)
      continue;
    SP.StackExtra = (Timed ? 2 : 1) * SlotSize;
    SP.StackDepthAfter += SP.StackExtra;
    if (!Timed || !Timed->Measured)
      addFinding(Out.Findings, uint32_t(MayGotoOf[S]), Severity::Note,
                 formatv("may_goto adds {0} bytes of stack on {1} if its "
                         "JIT {2} the timed may_goto: not measured, the "
                         "depth may differ by 8",
                         SP.StackExtra, archName(P.A),
                         Timed ? "supports" : "lacks"));
  }
}

} // namespace model
} // namespace nocsr
