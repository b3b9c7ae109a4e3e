//===- ProgramAnalyzer.h - The model of one program ------------*- C++ -*-===//
//
// The state of one run of the model over a program and the abstract domain
// of its stack dataflow. The parts live in files of their own:
// FastcallModel.cpp (validation, driver), CallSummary.cpp,
// StackDataflow.cpp (r10-derived pointers and what calls do with them),
// FastcallRules.cpp (the verifier's fastcall rules, by kernel build),
// StackRewrites.cpp (stack the verifier adds after fastcall removal),
// Lints.cpp (findings the kernel does not make) and KernelView.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_PROGRAMANALYZER_H
#define NOCSR_LIB_PROGRAMANALYZER_H

#include "nocsr/FastcallModel.h"

#include "bpf_nocsr/Contract.h"
#include "bpf_nocsr/FrameOffset.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace nocsr {
namespace model {

// The model's parts share one private vocabulary.
using namespace bpf_nocsr;
using llvm::ArrayRef;
using llvm::Error;
using llvm::Twine;

//===----------------------------------------------------------------------===//
// Abstract values of the stack dataflow
//===----------------------------------------------------------------------===//

constexpr int64_t Min64 = std::numeric_limits<int64_t>::min();
constexpr int64_t Max64 = std::numeric_limits<int64_t>::max();
constexpr unsigned NumRegs = 11;

inline int64_t satAdd(int64_t A, int64_t B) {
  if (A == Min64 || B == Min64)
    return Min64;
  if (A == Max64 || B == Max64)
    return Max64;
  int64_t R;
  if (__builtin_add_overflow(A, B, &R))
    return B > 0 ? Max64 : Min64;
  return R;
}

/// A register: nothing known yet, a scalar in [Lo, Hi], a pointer to the
/// subprogram's own frame at r10 + [Lo, Hi] (a "maybe stack" value: on paths
/// where it is a scalar it cannot be used to access the stack), or the
/// address of the subprograms starting at insns [Lo, Hi] (an ldimm64 of a
/// callback, the verifier's PTR_TO_FUNC). Every value
/// is also congruent to Lo modulo 2^Shift (the low bits the verifier's tnum
/// knows), so a loop index stepping by 8 stays a multiple of 8 and a "!= K"
/// exit test can cut the interval at K.
struct Val {
  enum Kind : uint8_t { None, Scalar, Stack, Func } K = None;
  uint8_t Shift = 0;
  int64_t Lo = 0, Hi = 0;

  static Val scalar(int64_t L = Min64, int64_t H = Max64) {
    return make(Scalar, L, H);
  }
  static Val stack(int64_t L, int64_t H) { return make(Stack, L, H); }
  static Val func(int64_t Start) { return make(Func, Start, Start); }
  static Val make(Kind K, int64_t L, int64_t H, unsigned Shift = 0) {
    Val V;
    V.K = K;
    V.Lo = L;
    V.Hi = H;
    V.Shift = uint8_t(L == H ? MaxShift : Shift);
    V.normalize();
    return V;
  }
  bool isConst() const { return K == Scalar && Lo == Hi; }
  bool operator==(const Val &O) const {
    return K == O.K &&
           (K == None || (Lo == O.Lo && Hi == O.Hi && Shift == O.Shift));
  }

  static constexpr unsigned MaxShift = 63;
  /// The smallest value >= \p B in the residue class of \p Base.
  static __int128 alignUp(int64_t Base, unsigned Shift, __int128 B) {
    __int128 Step = __int128(1) << Shift;
    __int128 D = B - Base;
    __int128 Q = D >= 0 ? (D + Step - 1) / Step : -(-D / Step);
    return Base + Q * Step;
  }
  /// Drop the congruence where a bound is infinite, pull Hi down onto the
  /// residue class of Lo.
  void normalize() {
    if (K == None)
      return;
    if (Lo == Min64 || Hi == Max64) {
      Shift = 0;
      return;
    }
    if (Lo == Hi) {
      Shift = MaxShift;
      return;
    }
    if (Shift >= MaxShift)
      Shift = MaxShift - 1;
    uint64_t Step = uint64_t(1) << Shift;
    uint64_t Span = uint64_t(Hi) - uint64_t(Lo);
    Hi = int64_t(uint64_t(Lo) + Span / Step * Step);
    if (Lo == Hi)
      Shift = MaxShift;
  }
  /// Intersect with [L, H]; false if nothing is left.
  bool clamp(int64_t L, int64_t H) {
    if (L > Lo) {
      __int128 NewLo = Lo == Min64 ? __int128(L) : alignUp(Lo, Shift, L);
      if (NewLo > Hi)
        return false;
      Lo = int64_t(NewLo);
    }
    Hi = std::min(Hi, H);
    if (Lo > Hi)
      return false;
    normalize();
    return true;
  }
  /// Remove the single value \p C where it is a bound (the verifier's JNE
  /// refinement); false if nothing is left.
  bool exclude(int64_t C) {
    if (Lo == C && Hi == C)
      return false;
    if (Lo == C)
      return clamp(C + 1, Max64);
    if (Hi == C)
      return clamp(Min64, C - 1);
    return true;
  }
};

/// Stack slots whose spilled values (pointers and scalar ranges, as the
/// verifier's spilled-register tracking keeps them) the dataflow follows:
/// per subprogram, the most used 64-bit r10 store offsets.
constexpr unsigned MaxTrackedSlots = 16;

struct RegState {
  Val R[NumRegs];
  /// Argument registers (bit k: rk at the subprogram's entry) each register
  /// may be derived from by moves and additions: a pointer into the
  /// caller's frame when the caller passed one.
  uint8_t ArgOf[NumRegs] = {};
  Val Slots[MaxTrackedSlots]; // Value spilled to tracked slot k.
  RegMask Clobbered = 0;      // Caller-saved registers a call left undefined.
  bool Reached = false;

  bool operator==(const RegState &O) const {
    if (Reached != O.Reached || Clobbered != O.Clobbered)
      return false;
    for (unsigned I = 0; I < NumRegs; ++I)
      if (!(R[I] == O.R[I]) || ArgOf[I] != O.ArgOf[I])
        return false;
    for (unsigned I = 0; I < MaxTrackedSlots; ++I)
      if (!(Slots[I] == O.Slots[I]))
        return false;
    return true;
  }
};

/// Join \p B into \p A. With \p Widen, a bound that grew jumps to the next
/// of \p Thresholds (the branch constants of the subprogram, so a loop
/// counter widens to its exit test) or to infinity.
Val joinVal(const Val &A, const Val &B, bool Widen,
            llvm::ArrayRef<int64_t> Thresholds);
/// Join \p In into \p Into; returns whether \p Into changed.
bool joinState(RegState &Into, const RegState &In, bool Widen,
               llvm::ArrayRef<int64_t> Thresholds);

/// One stack access found by the dataflow. Kinds past HelperWrite are not
/// memory accesses of the subprogram itself: they do not count towards its
/// stack depth, and only some kernel builds check them against the region.
struct StackAccess {
  enum KindT : uint8_t {
    Direct,      // Through r10.
    Derived,     // Through a pointer computed from r10.
    HelperWrite, // A helper's uninitialised-memory argument.
    HelperRead,  // Memory a helper reads through a pointer argument.
    CalleeRead,  // A subprogram reads through a pointer argument.
    CalleeWrite, // A subprogram writes through a pointer argument.
  };
  uint32_t Idx;   // Program instruction index.
  int64_t MinOff; // Lowest byte offset the access may start at.
  bool VarOff;
  KindT Kind = Direct;
  unsigned Reg = 0; // The pointer argument, for helper and callee kinds.

  bool countsTowardsDepth() const { return Kind <= HelperWrite; }
};

/// What a subprogram does with pointers its caller passes in r1-r5 (bit k
/// for rk), directly, through helpers, or through its own callees.
struct ArgPointerUse {
  uint8_t Reads = 0, Writes = 0;
};

inline RegMask argRegs(unsigned NumParams) {
  return fastcallClobberMask(NumParams, /*ReturnsVoid=*/true);
}

/// "helper:N" or "kfunc:NAME" for the call at \p Idx.
std::string calleeName(const ProgramInput &In, uint32_t Idx);

//===----------------------------------------------------------------------===//
// The analysis of one program
//===----------------------------------------------------------------------===//

class ProgramAnalyzer {
public:
  ProgramAnalyzer(const ProgramInput &In, ProgramResult &Out)
      : In(In), Out(Out), Insns(In.Insns), N(uint32_t(In.Insns.size())) {}

  Error run();

private:
  const ProgramInput &In;
  ProgramResult &Out;
  ArrayRef<Insn> Insns;
  uint32_t N;
  std::vector<uint8_t> IsLdHi; // Second slot of an ldimm64.
  // r10 offsets of the current subprogram's tracked slots: a 64-bit spill of
  // a stack pointer there and the fill from it give the pointer back, as the
  // verifier's spilled-register tracking does.
  std::vector<int64_t> SlotOffs;
  /// Per subprogram: the stack accesses the dataflow found, what it does
  /// with pointer arguments, and the pointer arguments it passes on to
  /// subprograms (callee, register, the caller's argument bits).
  std::vector<std::vector<StackAccess>> Accesses;
  std::vector<ArgPointerUse> ArgUse;
  struct ArgForward {
    unsigned Callee;
    unsigned Reg;
    uint8_t ArgOf;
  };
  std::vector<std::vector<ArgForward>> ArgForwards;
  /// Per subprogram: its address is passed as an asynchronous callback.
  std::vector<uint8_t> AsyncCallback;
  unsigned CurSubprog = 0;

  const FastcallRules &rules() const { return In.Profile.Rules; }
  unsigned subprogAt(uint32_t Idx) const {
    auto It =
        std::upper_bound(In.SubprogStarts.begin(), In.SubprogStarts.end(), Idx);
    return unsigned(It - In.SubprogStarts.begin()) - 1;
  }

  Error validate();
  void markFastcallPatterns(SubprogResult &SP);
  void markFastcallPatternForCall(SubprogResult &SP, uint32_t Idx,
                                  int16_t LowestOff);
  unsigned countBracketPairs(uint32_t Idx, const CallSummary &CS) const;
  void analyzeStackAccesses(SubprogResult &SP, unsigned SPIndex);
  void lintStackAccesses(ArrayRef<StackAccess> Found);
  void propagateArgPointerUse();
  bool accessBreaksContract(const StackAccess &A) const;
  void checkFastcallStackContract(SubprogResult &SP, unsigned SPIndex);
  void checkJumpsIntoPatterns(SubprogResult &SP);
  void removeFastcallSpillsFills();
  void recordAsyncCallback(const RegState &S, uint32_t Idx);
  void checkMaxStackDepth();
  void updateLoopInlineState(const RegState &S, uint32_t Idx);
  void optimizeBpfLoop();
  void doMiscFixups();
  void lintCalls(SubprogResult &SP);
  Error buildXlated();
  unsigned countRemovedPairs() const;

  void addFinding(uint32_t Idx, Severity S, const Twine &Msg,
                  int64_t Related = -1, const Twine &Tail = "") {
    Out.Findings.push_back({Idx, S, Msg.str(), Related, Tail.str()});
  }

  // Dataflow helpers.
  /// The fixed r10 offset \p I accesses through \p Base, if it is one.
  static bool fixedFrameOffset(const RegState &S, unsigned Base, const Insn &I,
                               int64_t &Off) {
    if (Base >= NumRegs || S.R[Base].K != Val::Stack ||
        S.R[Base].Lo != S.R[Base].Hi || S.R[Base].Lo < -(1 << 20) ||
        S.R[Base].Lo > (1 << 20))
      return false;
    Off = S.R[Base].Lo + I.Off;
    return true;
  }
  int trackedSlot(int64_t Off) const {
    for (size_t K = 0; K < SlotOffs.size(); ++K)
      if (SlotOffs[K] == Off)
        return int(K);
    return -1;
  }
  /// A store by \p I through \p Base: a 64-bit spill of a register or an
  /// immediate to a tracked slot records the stored value; any other store
  /// that may touch a tracked slot makes it an unknown scalar.
  void trackStore(RegState &S, unsigned Base, const Insn &I) {
    if (SlotOffs.empty() || Base >= NumRegs || S.R[Base].K != Val::Stack)
      return;
    int64_t Off;
    if (fixedFrameOffset(S, Base, I, Off)) {
      int K = trackedSlot(Off);
      if (K >= 0 && I.Code == op::StxMemDW) {
        Val V = I.Src < NumRegs ? S.R[I.Src] : Val();
        S.Slots[K] = V.K == Val::None ? Val::scalar() : V;
        return;
      }
      if (K >= 0 && I.Code == (op::ST | op::MEM | op::DW)) {
        S.Slots[K] = Val::scalar(I.Imm, I.Imm);
        return;
      }
      for (size_t J = 0; J < SlotOffs.size(); ++J)
        if (Off < SlotOffs[J] + SlotSize && SlotOffs[J] < Off + 8)
          S.Slots[J] = Val::scalar();
      return;
    }
    for (Val &V : S.Slots) // Variable offset: may touch any slot.
      V = Val::scalar();
  }
  /// The value a 64-bit fill by \p I through \p Base reads back, if it
  /// reads a tracked slot.
  const Val *filledValue(const RegState &S, unsigned Base,
                         const Insn &I) const {
    int64_t Off;
    if (I.Code != op::LdxMemDW || !fixedFrameOffset(S, Base, I, Off))
      return nullptr;
    int K = trackedSlot(Off);
    return K >= 0 && S.Slots[K].K != Val::None ? &S.Slots[K] : nullptr;
  }
  bool step(RegState &S, uint32_t Idx, std::vector<StackAccess> *Accesses,
            bool Report, const SubprogResult *SP);
  void lintClobberedRead(RegState &S, uint32_t Idx, unsigned CallArgs);
  void lintCallArguments(const RegState &S, uint32_t Idx, const CallSummary *CS,
                         const SubprogResult &SP);
  void recordCallArguments(const RegState &S, uint32_t Idx,
                           const CallSummary *CS,
                           std::vector<StackAccess> &Accesses);
  void refineBranch(RegState &Taken, RegState &Fall, const Insn &I) const;
  unsigned countSpilledAcross(const SubprogResult &SP, uint32_t Idx) const;
};

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_PROGRAMANALYZER_H
