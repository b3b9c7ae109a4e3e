//===- FastcallModelTest.cpp - The model on hand-built programs -----------===//
//
// Each expectation is derived by hand from the kernel's rules (CONTRACT.md):
// lowest_off, pair i at lowest_off + 8*(i-1), the region
// [lowest_off, fastcall_stack_off), stack depth -fastcall_stack_off.
//
//===----------------------------------------------------------------------===//

#include "nocsr/FastcallModel.h"
#include "ModelRun.h"
#include "nocsr/InsnBuilders.h"

#include "gtest/gtest.h"

using namespace nocsr;
using namespace nocsr::build;
using namespace nocsr::test;
using namespace bpf_nocsr;

namespace {

ProgramInput prog(std::vector<Insn> Insns, ProgFamily F = FamilyXDP,
                  std::vector<uint32_t> Starts = {0}) {
  ProgramInput In;
  In.Insns = std::move(Insns);
  In.SubprogStarts = std::move(Starts);
  In.Family = F;
  In.Profile.Version = KernelVersion::latest();
  In.Profile.A = Arch::X86_64;
  return In;
}

bool hasFinding(const ProgramResult &R, Severity S, const std::string &Sub) {
  for (const Finding &F : R.Findings)
    if (F.Sev == S && F.Message.find(Sub) != std::string::npos)
      return true;
  return false;
}

TEST(FastcallModel, SinglePatternRemoved) {
  ProgramResult R = run(prog({movImm(1, 1), spill(1, -8), helper(8),
                              fill(1, -8), addReg(0, 1), exitInsn()}));
  ASSERT_EQ(R.Subprogs.size(), 1u);
  const SubprogResult &SP = R.Subprogs[0];
  EXPECT_EQ(SP.LowestOff, -8);
  EXPECT_EQ(SP.FastcallStackOff, 0);
  EXPECT_TRUE(SP.ContractOk);
  ASSERT_EQ(SP.Calls.size(), 1u);
  EXPECT_EQ(SP.Calls[0].AcceptedPairs, 1u);
  EXPECT_TRUE(SP.Calls[0].Removed);
  EXPECT_EQ(SP.StackDepthBefore, 8);
  EXPECT_EQ(SP.StackDepthAfter, 0);
  EXPECT_EQ(R.InsnsAfter, 4u);
  EXPECT_EQ(R.Xlated[1], helper(8));
}

TEST(FastcallModel, ReturnRegisterOnlyForVoidCallee) {
  // r0 is clobbered by non-void helper 8: no pattern.
  ProgramResult A = run(
      prog({movImm(0, 1), spill(0, -8), helper(8), fill(0, -8), exitInsn()}));
  EXPECT_EQ(A.Subprogs[0].Calls[0].AcceptedPairs, 0u);
  EXPECT_EQ(A.InsnsAfter, 5u);
  // ringbuf_submit (2 params, void): r0 may be saved; it is not fastcall,
  // so the pair is marked, kept, and the stack kept.
  ProgramResult B =
      run(prog({movImm(0, 1), movImm(1, 0), movImm(2, 0), spill(0, -8),
                helper(132), fill(0, -8), exitInsn()}));
  EXPECT_EQ(B.Subprogs[0].Calls[0].AcceptedPairs, 1u);
  EXPECT_FALSE(B.Subprogs[0].Calls[0].Removed);
  EXPECT_TRUE(B.Subprogs[0].KeepFastcallStack);
  EXPECT_EQ(B.Subprogs[0].StackDepthAfter, 8);
  EXPECT_EQ(B.InsnsAfter, 7u);
}

TEST(FastcallModel, ArgumentRegistersRefused) {
  // bpf_cast_to_kern_ctx takes one argument: r1 may not be in the bracket,
  // r2 may.
  ProgramInput In =
      prog({movImm(2, 5), spill(1, -8), kfunc(), fill(1, -8), exitInsn()});
  In.KfuncNames[2] = "bpf_cast_to_kern_ctx";
  ProgramResult A = run(In);
  EXPECT_EQ(A.Subprogs[0].Calls[0].AcceptedPairs, 0u);
  ProgramInput In2 = prog({movImm(2, 5), spill(2, -8), kfunc(), fill(2, -8),
                           addReg(0, 2), exitInsn()});
  In2.KfuncNames[2] = "bpf_cast_to_kern_ctx";
  ProgramResult B = run(In2);
  EXPECT_EQ(B.Subprogs[0].Calls[0].Callee, "kfunc:bpf_cast_to_kern_ctx");
  EXPECT_EQ(B.Subprogs[0].Calls[0].AcceptedPairs, 1u);
  EXPECT_TRUE(B.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(B.InsnsAfter, 4u);
}

TEST(FastcallModel, AsymmetricPairsNotMatched) {
  // Spill r1 but fill r2 next to the call: the kernel stops at pair 1.
  ProgramResult R =
      run(prog({movImm(1, 1), movImm(2, 2), spill(2, -16), spill(1, -8),
                helper(8), fill(1, -16), fill(2, -8), exitInsn()}));
  EXPECT_EQ(R.Subprogs[0].Calls[0].AcceptedPairs, 0u);
  EXPECT_EQ(R.InsnsAfter, 8u);
}

TEST(FastcallModel, TwoPairsInKernelOrder) {
  // Bottom-anchored: pair 1 (next to the call) at lowest_off -16, pair 2 at
  // -8. Region [-16, 0), depth 16 -> 0.
  ProgramResult R =
      run(prog({movImm(1, 1), movImm(2, 2), spill(1, -8), spill(2, -16),
                helper(8), fill(2, -16), fill(1, -8), exitInsn()}));
  EXPECT_EQ(R.Subprogs[0].Calls[0].AcceptedPairs, 2u);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 0);
  EXPECT_EQ(R.InsnsAfter, 4u);
}

TEST(FastcallModel, OffsetNotAtLowestOff) {
  // A frame variable at -16 makes lowest_off -16; the bracket at -8 does not
  // match and is reported.
  ProgramResult R = run(prog({movImm(1, 1), spill(1, -16), spill(1, -8),
                              helper(8), fill(1, -8), exitInsn()}));
  EXPECT_EQ(R.Subprogs[0].LowestOff, -16);
  EXPECT_EQ(R.Subprogs[0].Calls[0].BracketPairs, 1u);
  EXPECT_EQ(R.Subprogs[0].Calls[0].AcceptedPairs, 0u);
  EXPECT_TRUE(hasFinding(R, Severity::Warning, "only 0 sit"));
}

TEST(FastcallModel, PartialPattern) {
  // Pair 1 matches at -16; pair 2 fills another register: 1 pair matched.
  // Region [-16, -8); the outer spill at -8 is outside it. Depth 16 -> 8.
  ProgramResult R =
      run(prog({movImm(1, 1), movImm(2, 2), spill(1, -8), spill(2, -16),
                helper(8), fill(2, -16), fill(3, -8), exitInsn()}));
  EXPECT_EQ(R.Subprogs[0].Calls[0].AcceptedPairs, 1u);
  EXPECT_EQ(R.Subprogs[0].FastcallStackOff, -8);
  EXPECT_TRUE(R.Subprogs[0].ContractOk);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 8);
  EXPECT_EQ(R.InsnsAfter, 6u);
}

std::vector<Insn> mixedSizes(bool BottomAnchored) {
  // Call A saves r1, r2; call B saves r1 only.
  // Top-anchored (upstream): A r1@-8 r2@-16, B r1@-8.
  // Bottom-anchored: B's single pair at -16.
  int16_t BOff = BottomAnchored ? -16 : -8;
  return {movImm(1, 1),  movImm(2, 2), spill(1, -8), spill(2, -16),  helper(8),
          fill(2, -16),  fill(1, -8),  addReg(1, 2), spill(1, BOff), helper(8),
          fill(1, BOff), addReg(0, 1), exitInsn()};
}

TEST(FastcallModel, TopAnchoredMixedSizesRemoveNothing) {
  ProgramResult R = run(prog(mixedSizes(false)));
  const SubprogResult &SP = R.Subprogs[0];
  EXPECT_EQ(SP.Calls[0].MatchedPairs, 2u);
  EXPECT_EQ(SP.Calls[1].MatchedPairs, 0u);
  EXPECT_FALSE(SP.ContractOk);
  ASSERT_FALSE(SP.Violations.empty());
  EXPECT_EQ(SP.Violations[0].Idx, 8u); // B's spill at -8 in [-16, 0).
  EXPECT_FALSE(SP.Calls[0].Removed);
  EXPECT_EQ(R.InsnsAfter, 13u);
  EXPECT_EQ(SP.StackDepthAfter, 16);
}

TEST(FastcallModel, BottomAnchoredMixedSizesRemoveAll) {
  ProgramResult R = run(prog(mixedSizes(true)));
  const SubprogResult &SP = R.Subprogs[0];
  EXPECT_TRUE(SP.ContractOk);
  EXPECT_TRUE(SP.Calls[0].Removed);
  EXPECT_TRUE(SP.Calls[1].Removed);
  EXPECT_EQ(SP.FastcallStackOff, -8); // min(-16 + 16, -16 + 8)
  EXPECT_EQ(SP.StackDepthAfter, 8);
  EXPECT_EQ(R.InsnsAfter, 13u - 6u);
}

std::vector<Insn> withAccess(std::vector<Insn> Extra) {
  std::vector<Insn> P = {movImm(1, 1), spill(1, -8), helper(8), fill(1, -8)};
  P.insert(P.end(), Extra.begin(), Extra.end());
  P.push_back(exitInsn());
  return P;
}

TEST(FastcallModel, UnrelatedDirectAccessBreaksContract) {
  ProgramResult R = run(prog(withAccess({stxW(10, 1, -8)})));
  EXPECT_FALSE(R.Subprogs[0].ContractOk);
  EXPECT_EQ(R.Subprogs[0].Violations[0].Idx, 4u);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(R.InsnsAfter, 6u);
}

TEST(FastcallModel, DerivedPointerAccessBreaksContract) {
  ProgramResult R =
      run(prog(withAccess({movReg(3, 10), addImm(3, -8), ldxDW(4, 3, 0)})));
  EXPECT_FALSE(R.Subprogs[0].ContractOk);
  EXPECT_EQ(R.Subprogs[0].Violations[0].Idx, 6u);
  EXPECT_NE(R.Subprogs[0].Violations[0].Reason.find("derived"),
            std::string::npos);
}

TEST(FastcallModel, VariableOffsetAccess) {
  // r3 = r10 - 8 + (r0 & 4): [-8, -4]: starts in the region [-8, 0).
  ProgramResult A =
      run(prog(withAccess({movReg(2, 0), andImm(2, 4), movReg(3, 10),
                           addImm(3, -8), addReg(3, 2), stImm(3, 0, 0)})));
  EXPECT_FALSE(A.Subprogs[0].ContractOk);
  EXPECT_NE(A.Subprogs[0].Violations[0].Reason.find("variable-offset"),
            std::string::npos);
  // Region [-16, -8) (bracket at -16, frame at -8); r10 - 8 + [0, 4] stays
  // above it.
  ProgramResult B =
      run(prog({movImm(1, 1), spill(1, -8), spill(1, -16), helper(8),
                fill(1, -16), movReg(2, 0), andImm(2, 4), movReg(3, 10),
                addImm(3, -8), addReg(3, 2), stxW(3, 1, 0), exitInsn()}));
  EXPECT_TRUE(B.Subprogs[0].ContractOk);
  EXPECT_TRUE(B.Subprogs[0].Calls[0].Removed);
}

TEST(FastcallModel, BranchesBoundVariableOffsets) {
  // Region [-16, -8). r2 = r0 bounded to [0, 7] by a branch; r10 - 8 + r2
  // stays above the region: removed. Unbounded: violation.
  auto Prog = [](std::vector<Insn> Bound) {
    std::vector<Insn> P = {movImm(1, 1), spill(1, -8), spill(1, -16),
                           helper(8),    fill(1, -16), movReg(2, 0)};
    P.insert(P.end(), Bound.begin(), Bound.end());
    std::vector<Insn> Tail = {movReg(3, 10), addImm(3, -8), addReg(3, 2),
                              stImm(3, 0, 0), exitInsn()};
    P.insert(P.end(), Tail.begin(), Tail.end());
    return P;
  };
  // if r2 > 7 goto exit (+4 skips the 4 access insns to the exit).
  ProgramResult U = run(prog(Prog({jgtImm(2, 7, 4)})));
  EXPECT_TRUE(U.Subprogs[0].ContractOk);
  EXPECT_TRUE(U.Subprogs[0].Calls[0].Removed);
  // if r2 s< 0 goto exit; if r2 s> 7 goto exit.
  ProgramResult S = run(prog(
      Prog({mk(op::JMP | 0xc0, 2, 0, 5, 0), mk(op::JMP | 0x60, 2, 0, 4, 7)})));
  EXPECT_TRUE(S.Subprogs[0].ContractOk);
  ProgramResult N = run(prog(Prog({})));
  EXPECT_FALSE(N.Subprogs[0].ContractOk);
}

/// The kprobe_loop_args loop: regs[6] at [-48, -8], indexed by r1 stepping
/// by 8 from \p Init, spilled to -56 around helper 8 (region [-56, -48)),
/// exiting when r1 == \p Exit. \p Base is the array pointer's offset.
std::vector<Insn> indexedLoop(int32_t Base, int32_t Step, int32_t Exit) {
  return {movImm(2, 1),   spill(2, -48),   spill(2, -40),      spill(2, -32),
          spill(2, -24),  spill(2, -16),   spill(2, -8),       movImm(6, 0),
          movImm(1, 0),   movReg(2, 10),   addImm(2, Base),    addReg(2, 1),
          ldxDW(2, 2, 0), addReg(6, 2),    spill(1, -56),      helper(8),
          fill(1, -56),   addImm(1, Step), jeqImm(1, Exit, 1), ja(-11),
          movReg(0, 6),   exitInsn()};
}

TEST(FastcallModel, LoopIndexBoundedByExitTest) {
  // r1 in {0, 8, ..., 40}: r10 - 48 + r1 in [-48, -8], above the region.
  ProgramResult R = run(prog(indexedLoop(-48, 8, 48)));
  EXPECT_TRUE(R.Subprogs[0].ContractOk);
  EXPECT_TRUE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(R.Subprogs[0].StackDepthBefore, 56);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 48);
  EXPECT_EQ(R.InsnsAfter, 20u);
  EXPECT_FALSE(hasFinding(R, Severity::Warning, "unbounded"));
}

TEST(FastcallModel, LoopIndexCountingDownReachesRegion) {
  // r1 in {0, -8, ..., -48}: r10 - 8 + r1 reaches -56, in the region.
  ProgramResult R = run(prog(indexedLoop(-8, -8, -56)));
  ASSERT_FALSE(R.Subprogs[0].ContractOk);
  EXPECT_EQ(R.Subprogs[0].Violations[0].Idx, 12u);
  EXPECT_NE(R.Subprogs[0].Violations[0].Reason.find("r10-56"),
            std::string::npos);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_FALSE(hasFinding(R, Severity::Warning, "unbounded"));
}

TEST(FastcallModel, LoopThatNeverMeetsItsExitIsUnbounded) {
  // Steps of 8 never equal 44: the verifier never bounds this loop (it
  // rejects it); the model must not invent a bound.
  ProgramResult R = run(prog(indexedLoop(-8, -8, -44)));
  EXPECT_FALSE(R.Subprogs[0].ContractOk);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_TRUE(hasFinding(R, Severity::Warning, "unbounded"));
}

TEST(FastcallModel, SpilledScalarKeepsItsRange) {
  // r0 & 7 spilled to -24, filled after helper 8 (region [-32, -24)):
  // r10 - 8 - [0, 7] stays above the region. A 32-bit store into the slot
  // in between, or a helper given a pointer to it (probe_read_kernel), makes
  // the fill unknown: the access may reach anywhere.
  enum Between { Nothing, Store32, HelperWrite };
  auto Prog = [](Between B) {
    std::vector<Insn> P = {helper(7), andImm(0, 7), spill(0, -24)};
    if (B == Store32)
      P.push_back(stxW(10, 0, -24));
    if (B == HelperWrite)
      P.insert(P.end(), {movReg(1, 10), addImm(1, -24), movImm(2, 8),
                         movImm(3, 0), helper(113)});
    std::vector<Insn> Tail = {movImm(1, 1),
                              spill(1, -8),
                              spill(1, -32),
                              helper(8),
                              fill(1, -32),
                              fill(2, -24),
                              movReg(3, 10),
                              addImm(3, -8),
                              mk(op::ALU64 | op::SUB | op::X, 3, 2, 0, 0),
                              stxW(3, 1, 0),
                              exitInsn()};
    P.insert(P.end(), Tail.begin(), Tail.end());
    return P;
  };
  ProgramResult A = run(prog(Prog(Nothing)));
  ASSERT_EQ(A.Subprogs[0].Calls.size(), 2u); // helper 7, then helper 8.
  EXPECT_TRUE(A.Subprogs[0].ContractOk);
  EXPECT_TRUE(A.Subprogs[0].Calls[1].Removed);
  EXPECT_FALSE(run(prog(Prog(Store32))).Subprogs[0].ContractOk);
  EXPECT_FALSE(run(prog(Prog(HelperWrite))).Subprogs[0].ContractOk);
}

TEST(FastcallModel, StrideMakesExitTestExact) {
  // r6 = (r0 & 7) << 3 in {0, 8, ..., 56}; `if r6 == 56 goto exit` leaves
  // {0, ..., 48} (the interval alone would give [0, 55]); r10 - 8 - r6 then
  // starts at -56 = fastcall_stack_off: contract kept. Testing 48 instead
  // cuts nothing: -64 is in the region.
  auto Prog = [](int32_t K) {
    return std::vector<Insn>{helper(7),
                             andImm(0, 7),
                             movReg(6, 0),
                             mk(op::ALU64 | 0x60 | op::K, 6, 0, 0, 3),
                             movImm(1, 1),
                             spill(1, -8),
                             spill(1, -64),
                             helper(8),
                             fill(1, -64),
                             jeqImm(6, K, 4),
                             movReg(3, 10),
                             addImm(3, -8),
                             mk(op::ALU64 | op::SUB | op::X, 3, 6, 0, 0),
                             stxW(3, 1, 0),
                             exitInsn()};
  };
  ProgramResult A = run(prog(Prog(56)));
  EXPECT_EQ(A.Subprogs[0].FastcallStackOff, -56);
  EXPECT_TRUE(A.Subprogs[0].ContractOk);
  EXPECT_TRUE(A.Subprogs[0].Calls[1].Removed);
  EXPECT_EQ(A.Subprogs[0].StackDepthAfter, 56);
  ProgramResult B = run(prog(Prog(48)));
  EXPECT_FALSE(B.Subprogs[0].ContractOk);
}

TEST(FastcallModel, SpilledStackPointerIsFollowed) {
  // lowest_off is -24 (the bracket), so the region is [-24, -16). A pointer
  // r10 + Target is spilled to -16 and filled into r4 before a store through
  // it: to -24 it breaks the contract, to -8 it does not.
  auto Prog = [](int32_t Target) {
    return std::vector<Insn>{
        movImm(1, 1),   spill(1, -24),     helper(8),     fill(1, -24),
        movReg(3, 10),  addImm(3, Target), spill(3, -16), ldxDW(4, 10, -16),
        stImm(4, 0, 0), exitInsn()};
  };
  ProgramResult In = run(prog(Prog(-24)));
  EXPECT_EQ(In.Subprogs[0].LowestOff, -24);
  EXPECT_FALSE(In.Subprogs[0].ContractOk);
  ASSERT_FALSE(In.Subprogs[0].Violations.empty());
  EXPECT_EQ(In.Subprogs[0].Violations[0].Idx, 8u);
  ProgramResult Out = run(prog(Prog(-8)));
  EXPECT_TRUE(Out.Subprogs[0].ContractOk);
  EXPECT_TRUE(Out.Subprogs[0].Calls[0].Removed);
}

TEST(FastcallModel, SpilledPointersAreFlowSensitive) {
  // Region [-48, -40). Slot -16 first holds r10-8 (filled, then stored
  // through: above the region), later r10-48 (never used). Joining the two
  // spills would make the first fill r10+[-48, -8] and break the contract.
  ProgramResult R = run(
      prog({movImm(1, 1), spill(1, -48), helper(8), fill(1, -48), movReg(3, 10),
            addImm(3, -8), spill(3, -16), ldxDW(4, 10, -16), stImm(4, 0, 0),
            movReg(3, 10), addImm(3, -48), spill(3, -16), exitInsn()}));
  EXPECT_TRUE(R.Subprogs[0].ContractOk);
  EXPECT_TRUE(R.Subprogs[0].Calls[0].Removed);
}

TEST(FastcallModel, NonFastcallCallSharingSlots) {
  // Helper 8 (fastcall) and helper 42 (not) share the slot at -8: both
  // marked, only helper 8's pair removed, the stack kept.
  ProgramResult R = run(
      prog({movImm(1, 1), spill(1, -8), helper(8), fill(1, -8), spill(1, -8),
            helper(42), fill(1, -8), addReg(0, 1), exitInsn()}));
  const SubprogResult &SP = R.Subprogs[0];
  EXPECT_TRUE(SP.ContractOk);
  EXPECT_TRUE(SP.Calls[0].Removed);
  EXPECT_EQ(SP.Calls[1].AcceptedPairs, 1u);
  EXPECT_FALSE(SP.Calls[1].Removed);
  EXPECT_TRUE(SP.KeepFastcallStack);
  EXPECT_EQ(SP.StackDepthAfter, 8);
  EXPECT_EQ(R.InsnsAfter, 7u);
}

TEST(FastcallModel, SeveralSubprograms) {
  // main: r1 bracket at -8, call sub; sub: frame at -16 and bracket at -24.
  ProgramResult R =
      run(prog({movImm(1, 1), spill(1, -8), helper(8), fill(1, -8), subCall(1),
                exitInsn(),
                // sub at 6
                movImm(2, 2), spill(2, -16), spill(2, -24), helper(8),
                fill(2, -24), movReg(0, 2), exitInsn()},
               FamilyXDP, {0, 6}));
  ASSERT_EQ(R.Subprogs.size(), 2u);
  EXPECT_EQ(R.Subprogs[0].StackDepthAfter, 0);
  EXPECT_EQ(R.Subprogs[1].LowestOff, -24);
  EXPECT_EQ(R.Subprogs[1].StackDepthBefore, 24);
  EXPECT_EQ(R.Subprogs[1].StackDepthAfter, 16);
  EXPECT_EQ(R.InsnsAfter, 13u - 4u);
  // The call to sub still lands on sub's first insn: new 4 -> 2, imm 1.
  EXPECT_EQ(R.Xlated[2], subCall(1));
}

TEST(FastcallModel, StackLimit) {
  // Bracket at -520 below a 512-byte frame: the kernel rejects the access.
  ProgramResult A = run(prog({movImm(1, 1), spill(1, -512), spill(1, -520),
                              helper(8), fill(1, -520), exitInsn()}));
  EXPECT_TRUE(hasFinding(A, Severity::Error, "beyond the 512-byte stack"));
  // Frame down to -504, bracket at -512: fine, depth 512 -> 504.
  ProgramResult B = run(prog({movImm(1, 1), spill(1, -504), spill(1, -512),
                              helper(8), fill(1, -512), exitInsn()}));
  EXPECT_FALSE(hasFinding(B, Severity::Error, ""));
  EXPECT_EQ(B.Subprogs[0].StackDepthAfter, 504);
}

TEST(FastcallModel, JumpIntoPattern) {
  // 0: if r1 == 0 goto +4 -> 5, the fill after the call.
  // 1: if r0 == 0 goto +2 -> 4, the fill after the call at 3. Build A
  // removes the bracket anyway (the lint warns); build B checks jumps into a
  // pattern, slots Idx - pairs + 1 .. Idx + pairs = 3..4, and keeps it.
  ProgramInput In = prog({movImm(1, 1), jeqImm(0, 0, 2), spill(1, -8),
                          helper(8), fill(1, -8), exitInsn()});
  ProgramResult S = run(In);
  EXPECT_TRUE(S.Subprogs[0].Calls[0].Removed);
  EXPECT_TRUE(hasFinding(S, Severity::Warning, "jump into the bracket"));
  In.Profile.Rules = *findKernelBuild("highest-top");
  ProgramResult B = run(In);
  EXPECT_FALSE(B.Subprogs[0].Calls[0].Removed);
  EXPECT_FALSE(B.Subprogs[0].ContractOk);
  ASSERT_EQ(B.Subprogs[0].Violations.size(), 1u);
  EXPECT_EQ(B.Subprogs[0].Violations[0].Idx, 1u);
  EXPECT_NE(B.Subprogs[0].Violations[0].Reason.find(
                "jump into the pattern of the call at insn 3"),
            std::string::npos);
  // A branch to the spill, the pattern's first slot, does not enter it.
  In.Insns[1] = jeqImm(0, 0, 0);
  EXPECT_TRUE(run(In).Subprogs[0].Calls[0].Removed);
}

TEST(FastcallModel, ProgramTypeWithoutFastcallPrototype) {
  // Socket filters get the raw helper 8 prototype: pattern marked, kept.
  ProgramResult R =
      run(prog({movImm(1, 1), spill(1, -8), helper(8), fill(1, -8), exitInsn()},
               FamilySocketFilter));
  EXPECT_EQ(R.Subprogs[0].Calls[0].AcceptedPairs, 1u);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].KernelFastcall);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(R.InsnsAfter, 5u);
}

TEST(FastcallModel, OldKernelSafetyLint) {
  // r1 read after helper 8 without a bracket: error.
  ProgramResult R =
      run(prog({movImm(1, 1), helper(8), addReg(0, 1), exitInsn()}));
  EXPECT_TRUE(hasFinding(R, Severity::Error, "r1 is read after a call"));
  // Restored by the fill: fine.
  ProgramResult S = run(prog({movImm(1, 1), spill(1, -8), helper(8),
                              fill(1, -8), addReg(0, 1), exitInsn()}));
  EXPECT_FALSE(hasFinding(S, Severity::Error, ""));
}

TEST(FastcallModel, BuiltWithoutPluginNote) {
  // A value spilled across the call, not next to it (no bracket): noted.
  ProgramResult R =
      run(prog({movImm(1, 1), spill(1, -8), movImm(0, 0), helper(8),
                fill(1, -8), addReg(0, 1), exitInsn()}));
  EXPECT_TRUE(hasFinding(R, Severity::Note, "1 value(s) are spilled"));
  // Overwritten before it is read back: not carried across.
  ProgramResult O =
      run(prog({movImm(1, 1), spill(1, -8), movImm(0, 0), helper(8),
                spill(0, -8), fill(1, -8), addReg(0, 1), exitInsn()}));
  EXPECT_FALSE(hasFinding(O, Severity::Note, "built without the plugin"));
  // r6 carries the value at no cost: no missed gain, no note.
  ProgramResult K =
      run(prog({movImm(6, 1), helper(8), addReg(0, 6), exitInsn()}));
  EXPECT_FALSE(hasFinding(K, Severity::Note, "built without the plugin"));
}

TEST(FastcallModel, OldKernelProfile) {
  ProgramInput In =
      prog({movImm(1, 1), spill(1, -8), helper(8), fill(1, -8), exitInsn()});
  In.Profile.Version = {6, 11};
  ProgramResult R = run(In);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].KernelFastcall);
  EXPECT_FALSE(R.Subprogs[0].Calls[0].Removed);
}

TEST(FastcallModel, FromRawBytes) {
  // The single pattern of SinglePatternRemoved, as little-endian bytes.
  const uint8_t Raw[] = {
      0xb7, 0x01, 0,    0,    1, 0, 0, 0,  // r1 = 1
      0x7b, 0x1a, 0xf8, 0xff, 0, 0, 0, 0,  // *(u64 *)(r10 - 8) = r1
      0x85, 0x00, 0,    0,    8, 0, 0, 0,  // call 8
      0x79, 0xa1, 0xf8, 0xff, 0, 0, 0, 0,  // r1 = *(u64 *)(r10 - 8)
      0x95, 0x00, 0,    0,    0, 0, 0, 0}; // exit
  llvm::Expected<ProgramInput> In = makeProgramInput(Raw, true);
  ASSERT_TRUE(static_cast<bool>(In));
  In->Family = FamilyTC;
  ProgramResult R = run(*In);
  EXPECT_TRUE(R.Subprogs[0].Calls[0].Removed);
  EXPECT_EQ(R.InsnsAfter, 3u);
  llvm::Expected<ProgramInput> Bad =
      makeProgramInput(llvm::ArrayRef<uint8_t>(Raw, 12), true);
  ASSERT_FALSE(static_cast<bool>(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(FastcallModel, MalformedInput) {
  EXPECT_FALSE(static_cast<bool>(analyzeProgram(prog({ja(5), exitInsn()}))));
  llvm::Expected<ProgramResult> R =
      analyzeProgram(prog({movImm(0, 0), ldImm64Lo(1, 1)}));
  ASSERT_FALSE(static_cast<bool>(R));
  EXPECT_NE(llvm::toString(R.takeError()).find("cut in half"),
            std::string::npos);
  llvm::Expected<ProgramResult> E = analyzeProgram(prog({}));
  ASSERT_FALSE(static_cast<bool>(E));
  llvm::consumeError(E.takeError());
}

} // namespace
