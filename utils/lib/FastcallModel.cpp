//===- FastcallModel.cpp - The verifier's fastcall logic, offline ---------===//
//
// Functions carry the names of the kernel functions they model so the two can
// be read side by side: markFastcallPatterns, markFastcallPatternForCall,
// checkFastcallStackContract, removeFastcallSpillsFills.
//
//===----------------------------------------------------------------------===//

#include "nocsr/FastcallModel.h"
#include "nocsr/RangePatcher.h"

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/Twine.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <limits>
#include <map>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "?";
}

/// "r10-8", "r10+16", "r10+?" for an r10-relative offset.
static std::string fpOffset(int64_t Off) {
  if (Off == std::numeric_limits<int64_t>::min() ||
      Off == std::numeric_limits<int64_t>::max())
    return "r10+?";
  return Off < 0 ? "r10" + std::to_string(Off) : "r10+" + std::to_string(Off);
}

static Error inputError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

//===----------------------------------------------------------------------===//
// Call summaries (bpf_get_call_summary)
//===----------------------------------------------------------------------===//

bool getCallSummary(const ProgramInput &In, uint32_t Idx, CallSummary &CS) {
  const Insn &I = In.Insns[Idx];
  if (I.isHelperCall()) {
    if (I.Imm < 0)
      return false;
    if (const EligibleCallee *C = findHelper(unsigned(I.Imm))) {
      CS = {C->NumParams, C->ReturnsVoid, In.Profile.isFastcall(*C, In.Family),
            true};
      return true;
    }
    if (const HelperProto *P = findHelperProto(unsigned(I.Imm))) {
      CS = {P->NumParams, P->ReturnsVoid,
            In.Profile.isFastcall(CalleeKind::Helper, P->Number, "",
                                  In.Family),
            false, P->UninitMemArg};
      return true;
    }
    return false;
  }
  if (I.isKfuncCall()) {
    auto It = In.KfuncNames.find(Idx);
    if (It == In.KfuncNames.end())
      return false;
    if (const EligibleCallee *C = findKfunc(It->second)) {
      CS = {C->NumParams, C->ReturnsVoid, In.Profile.isFastcall(*C, In.Family),
            true};
      return true;
    }
    auto Shape = In.KfuncShapes.find(It->second);
    if (Shape == In.KfuncShapes.end())
      return false;
    CS = {Shape->second.NumParams, Shape->second.ReturnsVoid,
          In.Profile.isFastcall(CalleeKind::Kfunc, 0, It->second, In.Family),
          false};
    return true;
  }
  return false;
}

static std::string calleeName(const ProgramInput &In, uint32_t Idx) {
  const Insn &I = In.Insns[Idx];
  if (I.isKfuncCall()) {
    auto It = In.KfuncNames.find(Idx);
    return "kfunc:" +
           (It == In.KfuncNames.end() ? std::string("?") : It->second);
  }
  return "helper:" + std::to_string(I.Imm);
}

//===----------------------------------------------------------------------===//
// Abstract values for the static stack contract check
//===----------------------------------------------------------------------===//

namespace {

constexpr int64_t Min64 = std::numeric_limits<int64_t>::min();
constexpr int64_t Max64 = std::numeric_limits<int64_t>::max();
constexpr unsigned NumRegs = 11;

int64_t satAdd(int64_t A, int64_t B) {
  if (A == Min64 || B == Min64)
    return Min64;
  if (A == Max64 || B == Max64)
    return Max64;
  int64_t R;
  if (__builtin_add_overflow(A, B, &R))
    return B > 0 ? Max64 : Min64;
  return R;
}

/// A register: nothing known yet, a scalar in [Lo, Hi], or a pointer to the
/// subprogram's own frame at r10 + [Lo, Hi] (a "maybe stack" value: on paths
/// where it is a scalar it cannot be used to access the stack). Every value
/// is also congruent to Lo modulo 2^Shift (the low bits the verifier's tnum
/// knows), so a loop index stepping by 8 stays a multiple of 8 and a "!= K"
/// exit test can cut the interval at K.
struct Val {
  enum Kind : uint8_t { None, Scalar, Stack } K = None;
  uint8_t Shift = 0;
  int64_t Lo = 0, Hi = 0;

  static Val scalar(int64_t L = Min64, int64_t H = Max64) {
    return make(Scalar, L, H);
  }
  static Val stack(int64_t L, int64_t H) { return make(Stack, L, H); }
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
            ArrayRef<int64_t> Thresholds) {
  if (A.K == Val::None)
    return B;
  if (B.K == Val::None)
    return A;
  if (A.K != B.K)
    return A.K == Val::Stack ? A : B;
  Val R = A;
  R.Lo = std::min(A.Lo, B.Lo);
  R.Hi = std::max(A.Hi, B.Hi);
  R.Shift = std::min(A.Shift, B.Shift);
  if (A.Lo != B.Lo)
    R.Shift = std::min<unsigned>(
        R.Shift, llvm::countr_zero(uint64_t(A.Lo) - uint64_t(B.Lo)));
  if (Widen) {
    if (R.Lo < A.Lo) {
      auto It = std::upper_bound(Thresholds.begin(), Thresholds.end(), R.Lo);
      if (It == Thresholds.begin()) {
        R.Lo = Min64;
      } else {
        __int128 L = Val::alignUp(R.Lo, R.Shift, *std::prev(It));
        R.Lo = L <= R.Lo ? int64_t(L) : R.Lo;
      }
    }
    if (R.Hi > A.Hi) {
      auto It = std::lower_bound(Thresholds.begin(), Thresholds.end(), R.Hi);
      R.Hi = It == Thresholds.end() ? Max64 : *It;
    }
  }
  R.normalize();
  return R;
}

/// Join \p In into \p Into; returns whether \p Into changed.
bool joinState(RegState &Into, const RegState &In, bool Widen,
               ArrayRef<int64_t> Thresholds) {
  if (!In.Reached)
    return false;
  if (!Into.Reached) {
    Into = In;
    return true;
  }
  RegState Old = Into;
  for (unsigned I = 0; I < NumRegs; ++I) {
    Into.R[I] = joinVal(Old.R[I], In.R[I], Widen, Thresholds);
    Into.ArgOf[I] |= In.ArgOf[I];
  }
  for (unsigned I = 0; I < MaxTrackedSlots; ++I)
    Into.Slots[I] = joinVal(Old.Slots[I], In.Slots[I], Widen, Thresholds);
  Into.Clobbered |= In.Clobbered;
  return !(Old == Into);
}

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
  uint32_t Insn;
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

RegMask argRegs(unsigned NumParams) {
  return fastcallClobberMask(NumParams, /*ReturnsVoid=*/true);
}

} // namespace

//===----------------------------------------------------------------------===//
// The analysis of one program
//===----------------------------------------------------------------------===//

namespace {

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
  void propagateArgPointerUse();
  bool accessBreaksContract(const StackAccess &A) const;
  void checkFastcallStackContract(SubprogResult &SP, unsigned SPIndex);
  void checkJumpsIntoPatterns(SubprogResult &SP);
  void removeFastcallSpillsFills();
  void checkStackLimits();
  void lintCalls(SubprogResult &SP);
  Error buildXlated();

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
  void recordCallArguments(const RegState &S, uint32_t Idx,
                           const CallSummary *CS,
                           std::vector<StackAccess> &Accesses);
  void refineBranch(RegState &Taken, RegState &Fall, const Insn &I) const;
  void computeLiveAfterCalls(SubprogResult &SP, std::vector<RegMask> &LiveOut);
};

Error ProgramAnalyzer::validate() {
  if (N == 0)
    return inputError("empty program");
  IsLdHi.assign(N, 0);
  for (uint32_t I = 0; I < N; ++I) {
    if (!Insns[I].isLdImm64())
      continue;
    if (I + 1 >= N)
      return inputError(formatv("insn {0}: ldimm64 cut in half", I));
    const Insn &Hi = Insns[I + 1];
    if (Hi.Code != 0 || Hi.Dst != 0 || Hi.Src != 0 || Hi.Off != 0)
      return inputError(
          formatv("insn {0}: ldimm64 with a malformed second half", I));
    IsLdHi[++I] = 1;
  }
  for (uint32_t I = 0; I < N; ++I) {
    if (IsLdHi[I])
      continue;
    int64_t T;
    if (!branchTarget(Insns[I], I, T))
      continue;
    if (T < 0 || T >= int64_t(N))
      return inputError(formatv("insn {0}: jump out of range (target {1}, "
                                "program has {2} insns)",
                                I, T, N));
    if (IsLdHi[T])
      return inputError(formatv(
          "insn {0}: jump into the middle of ldimm64 at {1}", I, T - 1));
  }
  if (In.SubprogStarts.empty() || In.SubprogStarts[0] != 0)
    return inputError("subprogram list must start at insn 0");
  for (size_t S = 1; S < In.SubprogStarts.size(); ++S)
    if (In.SubprogStarts[S] <= In.SubprogStarts[S - 1] ||
        In.SubprogStarts[S] >= N)
      return inputError("subprogram starts unsorted or out of range");
  return Error::success();
}

/// Symmetric spill/fill pairs of allowed registers around the call, whatever
/// their offsets: what the compiler meant as a bracket.
unsigned ProgramAnalyzer::countBracketPairs(uint32_t Idx,
                                            const CallSummary &CS) const {
  return unsigned(findBracketPairs(
                      Insns, Idx, bracketableMask(CS.NumParams, CS.ReturnsVoid))
                      .size());
}

void ProgramAnalyzer::markFastcallPatternForCall(SubprogResult &SP,
                                                 uint32_t Idx,
                                                 int16_t LowestOff) {
  CallSummary CS;
  const Insn &Call = Insns[Idx];
  if (!Call.isHelperCall() && !Call.isKfuncCall())
    return;
  CallResult CR;
  CR.Insn = Idx;
  CR.Callee = calleeName(In, Idx);
  if (!getCallSummary(In, Idx, CS)) {
    SP.Calls.push_back(CR);
    return;
  }
  CR.Eligible = CS.Eligible;
  CR.KernelFastcall = CS.Fastcall;
  CR.BracketPairs = countBracketPairs(Idx, CS);

  RegMask Expected = bracketableMask(CS.NumParams, CS.ReturnsVoid);
  unsigned I = 1;
  int Off = LowestOff;
  for (; I <= MaxBracketPairs; ++I, Off += SlotSize) {
    // The kernel bounds the match by the whole program, not the subprogram.
    if (Idx < I || Idx + I >= N)
      break;
    const Insn &Stx = Insns[Idx - I], &Ldx = Insns[Idx + I];
    if (!Stx.isSpillToFP() || !Ldx.isFillFromFP())
      break;
    if (Stx.Src != Ldx.Dst)
      break;
    if (Stx.Src >= 16 || !(Expected & regBit(Stx.Src)))
      break;
    if (Stx.Off != Off || Ldx.Off != Off)
      break;
    Expected &= RegMask(~regBit(Stx.Src));
    Out.Aux[Idx - I].FastcallPattern = true;
    Out.Aux[Idx + I].FastcallPattern = true;
  }
  CR.MatchedPairs = I - 1;
  SP.Calls.push_back(CR);
  if (I == 1)
    return;
  if (CS.Fastcall)
    Out.Aux[Idx].FastcallSpillsNum = uint8_t(I - 1);
  else
    SP.KeepFastcallStack = true;
  if (rules().Top == RegionTop::LowestPatternTop)
    SP.FastcallStackOff = std::min(SP.FastcallStackOff, Off);
  else
    SP.FastcallStackOff = SP.HasPattern ? std::max(SP.FastcallStackOff, Off)
                                        : Off;
  SP.HasPattern = true;
}

void ProgramAnalyzer::markFastcallPatterns(SubprogResult &SP) {
  int16_t LowestOff = 0;
  for (uint32_t I = SP.Start; I < SP.End; ++I)
    if (Insns[I].isSpillToFP())
      LowestOff = std::min(LowestOff, Insns[I].Off);
  SP.LowestOff = LowestOff;
  for (uint32_t I = SP.Start; I < SP.End; ++I)
    if (Insns[I].isCall() && !IsLdHi[I])
      markFastcallPatternForCall(SP, I, LowestOff);
}

//===----------------------------------------------------------------------===//
// Dataflow: r10-derived pointers, stack accesses, clobbered registers
//===----------------------------------------------------------------------===//

/// Registers \p I reads (for the clobber lint).
static RegMask readsOf(const Insn &I, unsigned CallArgs) {
  auto Bit = [](unsigned R) { return R < 16 ? regBit(R) : RegMask(0); };
  switch (I.cls()) {
  case op::ALU:
  case op::ALU64: {
    RegMask M = I.srcIsReg() ? Bit(I.Src) : 0;
    if (I.aluOp() != op::MOV)
      M |= Bit(I.Dst);
    return M;
  }
  case op::LDX:
    return Bit(I.Src);
  case op::ST:
    return Bit(I.Dst);
  case op::STX: {
    RegMask M = Bit(I.Dst) | Bit(I.Src);
    if (I.mode() == op::ATOMIC && I.Imm == op::CmpXchg)
      M |= regBit(0);
    return M;
  }
  case op::LD:
    if (I.mode() == op::ABS || I.mode() == op::IND)
      return regBit(6) | (I.mode() == op::IND ? Bit(I.Src) : 0);
    return 0;
  default: // JMP, JMP32
    if (I.isCall())
      return argRegs(CallArgs);
    if (I.isExit())
      return regBit(0);
    if (I.aluOp() == op::JA || I.aluOp() == op::JCOND)
      return 0;
    return Bit(I.Dst) | (I.srcIsReg() ? Bit(I.Src) : 0);
  }
}

static Val aluResult64(uint8_t Op, const Val &D, const Val &S, bool SrcReg,
                       int64_t Imm) {
  Val Src = SrcReg ? S : Val::scalar(Imm, Imm);
  switch (Op) {
  case op::MOV:
    return Src.K == Val::None ? Val::scalar() : Src;
  case op::ADD: {
    unsigned Sh = std::min(D.Shift, Src.Shift);
    if (D.K == Val::Stack && Src.K == Val::Scalar)
      return Val::make(Val::Stack, satAdd(D.Lo, Src.Lo), satAdd(D.Hi, Src.Hi),
                       Sh);
    if (D.K == Val::Scalar && Src.K == Val::Stack)
      return Val::make(Val::Stack, satAdd(Src.Lo, D.Lo), satAdd(Src.Hi, D.Hi),
                       Sh);
    if (D.K == Val::Scalar && Src.K == Val::Scalar)
      return Val::make(Val::Scalar, satAdd(D.Lo, Src.Lo), satAdd(D.Hi, Src.Hi),
                       Sh);
    return Val::scalar();
  }
  case op::SUB: {
    unsigned Sh = std::min(D.Shift, Src.Shift);
    if (D.K == Val::Stack && Src.K == Val::Scalar) {
      if (Src.Lo == Min64 || Src.Hi == Max64)
        return Val::stack(Min64, Max64);
      return Val::make(Val::Stack, satAdd(D.Lo, -Src.Hi), satAdd(D.Hi, -Src.Lo),
                       Sh);
    }
    if (D.K == Val::Scalar && Src.K == Val::Scalar && Src.Lo != Min64 &&
        Src.Hi != Max64)
      return Val::make(Val::Scalar, satAdd(D.Lo, -Src.Hi),
                       satAdd(D.Hi, -Src.Lo), Sh);
    return Val::scalar();
  }
  case op::AND:
    if (Src.isConst() && Src.Lo >= 0) {
      // The mask's trailing zero bits are zero in the result.
      unsigned Sh = Src.Lo ? llvm::countr_zero(uint64_t(Src.Lo)) : 0;
      if (D.K == Val::Scalar && D.Lo >= 0)
        return Val::make(Val::Scalar, 0, std::min(D.Hi, Src.Lo), Sh);
      return Val::make(Val::Scalar, 0, Src.Lo, Sh);
    }
    return Val::scalar();
  case 0x70: // RSH
    if (D.K == Val::Scalar && D.Lo >= 0 && Src.isConst() && Src.Lo >= 0 &&
        Src.Lo < 64)
      return Val::scalar(D.Lo >> Src.Lo, D.Hi >> Src.Lo);
    return Val::scalar();
  case 0x60: // LSH
    if (D.K == Val::Scalar && D.Lo >= 0 && D.Hi < (int64_t(1) << 40) &&
        Src.isConst() && Src.Lo >= 0 && Src.Lo < 20)
      return Val::make(Val::Scalar, D.Lo << Src.Lo, D.Hi << Src.Lo,
                       std::min<unsigned>(D.Shift + Src.Lo, Val::MaxShift));
    return Val::scalar();
  case 0x20: // MUL
    if (D.K == Val::Scalar && D.Lo >= 0 && D.Hi < (int64_t(1) << 31) &&
        Src.isConst() && Src.Lo >= 0 && Src.Lo < (int64_t(1) << 31))
      return Val::make(Val::Scalar, D.Lo * Src.Lo, D.Hi * Src.Lo,
                       Src.Lo
                           ? std::min<unsigned>(
                                 D.Shift + llvm::countr_zero(uint64_t(Src.Lo)),
                                 Val::MaxShift)
                           : 0);
    return Val::scalar();
  default:
    return Val::scalar();
  }
}

static Val aluResult32(uint8_t Op, const Val &D, const Val &S, bool SrcReg,
                       int64_t Imm) {
  const int64_t U32 = 0xffffffffll;
  Val Src = SrcReg ? S : Val::scalar(uint32_t(Imm), uint32_t(Imm));
  auto In32 = [&](const Val &V) {
    return V.K == Val::Scalar && V.Lo >= 0 && V.Hi <= U32;
  };
  switch (Op) {
  case op::MOV:
    return In32(Src) ? Src : Val::scalar(0, U32);
  case op::AND:
    if (Src.isConst())
      return Val::make(Val::Scalar, 0,
                       In32(D) ? std::min(D.Hi, Src.Lo) : Src.Lo,
                       Src.Lo ? llvm::countr_zero(uint64_t(Src.Lo)) : 0);
    return Val::scalar(0, U32);
  case op::ADD:
    if (In32(D) && In32(Src) && D.Hi + Src.Hi <= U32)
      return Val::make(Val::Scalar, D.Lo + Src.Lo, D.Hi + Src.Hi,
                       std::min(D.Shift, Src.Shift));
    return Val::scalar(0, U32);
  default:
    return Val::scalar(0, U32);
  }
}

/// Apply instruction \p Idx to \p S. Returns false if the instruction ends the
/// path (exit). Records stack accesses and, with \p Report, lint findings.
bool ProgramAnalyzer::step(RegState &S, uint32_t Idx,
                           std::vector<StackAccess> *Accesses, bool Report,
                           const SubprogResult *SP) {
  const Insn &I = Insns[Idx];
  CallSummary CS;
  bool HaveSummary = I.isCall() && getCallSummary(In, Idx, CS);

  if (Report) {
    RegMask Reads = readsOf(I, HaveSummary ? CS.NumParams : 0);
    if (RegMask Bad = RegMask(Reads & S.Clobbered)) {
      unsigned R = 0;
      while (!(Bad & regBit(R)))
        ++R;
      addFinding(Idx, Severity::Error,
                 formatv("r{0} is read after a call clobbered it and no fill "
                         "restored it: the verifier rejects this, and kernels "
                         "that do not inline the call would read garbage",
                         R));
      S.Clobbered &= RegMask(~Bad); // Report each path's first read only.
    }
  }

  auto Access = [&](unsigned Base, bool Reads, bool Writes) {
    if (Base >= NumRegs || !Accesses)
      return;
    if (Reads)
      ArgUse[CurSubprog].Reads |= S.ArgOf[Base];
    if (Writes)
      ArgUse[CurSubprog].Writes |= S.ArgOf[Base];
    const Val &B = S.R[Base];
    if (B.K != Val::Stack)
      return;
    int64_t Lo = satAdd(B.Lo, I.Off);
    Accesses->push_back({Idx, Lo, B.Lo != B.Hi,
                         Base == FramePointerReg ? StackAccess::Direct
                                                 : StackAccess::Derived});
  };
  auto Def = [&](unsigned R, Val V) {
    if (R < 10) {
      S.R[R] = V;
      S.ArgOf[R] = 0;
      S.Clobbered &= RegMask(~regBit(R));
    }
  };

  switch (I.cls()) {
  case op::ALU64:
  case op::ALU: {
    if (I.Dst >= 10)
      break;
    const Val &Src = I.Src < NumRegs ? S.R[I.Src] : S.R[0];
    bool Is64 = I.cls() == op::ALU64;
    // Moves and additions keep what a pointer argument derives from.
    uint8_t ArgOf = 0;
    if (Is64 && I.aluOp() == op::MOV && I.Off == 0 && I.srcIsReg() &&
        I.Src < NumRegs)
      ArgOf = S.ArgOf[I.Src];
    else if (Is64 && (I.aluOp() == op::ADD || I.aluOp() == op::SUB))
      ArgOf = uint8_t(S.ArgOf[I.Dst] |
                      (I.srcIsReg() && I.Src < NumRegs ? S.ArgOf[I.Src] : 0));
    Val R;
    if (I.aluOp() == op::MOV && I.Off != 0) // movsx
      R = Val::scalar();
    else if (I.aluOp() == op::NEG || I.aluOp() == op::END)
      R = Val::scalar();
    else
      R = Is64 ? aluResult64(I.aluOp(), S.R[I.Dst], Src, I.srcIsReg(), I.Imm)
               : aluResult32(I.aluOp(), S.R[I.Dst], Src, I.srcIsReg(), I.Imm);
    Def(I.Dst, R);
    S.ArgOf[I.Dst] = ArgOf;
    break;
  }
  case op::LDX:
    Access(I.Src, true, false);
    if (const Val *P = filledValue(S, I.Src, I)) {
      Def(I.Dst, *P);
      break;
    }
    if (I.mode() == op::MEM && I.size() != op::DW)
      Def(I.Dst, Val::scalar(0, (int64_t(1) << (8 * I.accessBytes())) - 1));
    else
      Def(I.Dst, Val::scalar());
    break;
  case op::ST:
    Access(I.Dst, false, true);
    trackStore(S, I.Dst, I);
    break;
  case op::STX:
    Access(I.Dst, I.mode() == op::ATOMIC, true);
    trackStore(S, I.Dst, I);
    if (I.mode() == op::ATOMIC) {
      if (I.Imm == op::CmpXchg)
        Def(0, Val::scalar());
      else if (I.Imm & op::Fetch)
        Def(I.Src, Val::scalar());
      else if (I.Imm == 0x100) // load-acquire
        Def(I.Dst, Val::scalar());
    }
    break;
  case op::LD:
    if (I.isLdImm64()) {
      if (I.Src == 0 && Idx + 1 < N) {
        int64_t V = int64_t(uint64_t(uint32_t(I.Imm)) |
                            (uint64_t(uint32_t(Insns[Idx + 1].Imm)) << 32));
        Def(I.Dst, Val::scalar(V, V));
      } else {
        Def(I.Dst, Val::scalar());
      }
    } else {
      for (unsigned R = 1; R <= MaxArgRegs; ++R) {
        S.R[R] = Val();
        S.ArgOf[R] = 0;
        S.Clobbered |= regBit(R);
      }
      Def(0, Val::scalar());
    }
    break;
  default:
    if (I.isExit())
      return false;
    if (I.isCall()) {
      // check_helper_call() simulates an uninitialised-memory argument as
      // byte writes by the call itself: a contract-checked stack access.
      if (HaveSummary && CS.UninitMemArg && Accesses) {
        const Val &A = S.R[CS.UninitMemArg];
        if (A.K == Val::Stack)
          Accesses->push_back({Idx, A.Lo, A.Lo != A.Hi,
                               StackAccess::HelperWrite, CS.UninitMemArg});
      }
      if (Accesses)
        recordCallArguments(S, Idx, HaveSummary ? &CS : nullptr, *Accesses);
      // The kernel checks a subprogram's accesses through such a pointer
      // against the callee's own frame: nothing protects this region.
      if (Report && SP && SP->HasPattern && I.isPseudoCall() &&
          !rules().CalleeReadsBreak) {
        for (unsigned R = 1; R <= MaxArgRegs; ++R) {
          const Val &A = S.R[R];
          if (A.K == Val::Stack && A.Lo < SP->FastcallStackOff)
            addFinding(Idx, Severity::Warning,
                       formatv("r{0} may point into the fastcall region [{1}, "
                               "{2}) ({3}) when the subprogram is called; the "
                               "kernel checks the callee's accesses against "
                               "the callee's frame only",
                               R, SP->LowestOff, SP->FastcallStackOff,
                               fpOffset(A.Lo)));
        }
      }
      if (Report && SP && SP->HasPattern && HaveSummary &&
          !rules().HelperReadsBreak) {
        for (unsigned R = 1; R <= CS.NumParams && R <= MaxArgRegs; ++R) {
          const Val &A = S.R[R];
          if (R == CS.UninitMemArg)
            continue;
          if (A.K == Val::Stack && A.Lo < SP->FastcallStackOff)
            addFinding(Idx, Severity::Warning,
                       formatv("argument r{0} may point into the fastcall "
                               "region [{1}, {2}) ({3}); the kernel "
                               "does not check this",
                               R, SP->LowestOff, SP->FastcallStackOff,
                               fpOffset(A.Lo)));
        }
      }
      // The callee may write through a frame pointer argument: a scalar
      // spilled there may be gone (the verifier then reads it back as
      // unknown).
      for (unsigned R = 1; R <= MaxArgRegs; ++R)
        if (S.R[R].K == Val::Stack) {
          for (Val &V : S.Slots)
            if (V.K == Val::Scalar)
              V = Val::scalar();
          break;
        }
      for (unsigned R = 1; R <= MaxArgRegs; ++R) {
        S.R[R] = Val();
        S.ArgOf[R] = 0;
        S.Clobbered |= regBit(R);
      }
      Def(0, Val::scalar());
      if (HaveSummary && CS.ReturnsVoid) {
        S.R[0] = Val();
        S.Clobbered |= regBit(0);
      }
    }
    break;
  }
  return true;
}

void ProgramAnalyzer::refineBranch(RegState &Taken, RegState &Fall,
                                   const Insn &I) const {
  if (I.srcIsReg() || I.Dst >= 10)
    return;
  const Val &D = Taken.R[I.Dst];
  if (D.K != Val::Scalar)
    return;
  // 32-bit compares see the low half; refine only values that fit in it.
  if (I.cls() == op::JMP32 && !(D.Lo >= 0 && D.Hi <= 0x7fffffffll))
    return;
  int64_t K = I.Imm;
  auto Clamp = [&](RegState &S, int64_t Lo, int64_t Hi) {
    if (!S.R[I.Dst].clamp(Lo, Hi))
      S.Reached = false;
  };
  auto Exclude = [&](RegState &S, int64_t C) {
    if (!S.R[I.Dst].exclude(C))
      S.Reached = false;
  };
  // Unsigned bounds on a value: "<=u B" also proves it non-negative;
  // ">=u B" says nothing about a possibly negative value.
  auto AtMostU = [&](RegState &S, int64_t B) {
    if (B < 0)
      return;
    Val &V = S.R[I.Dst];
    if (V.Lo < 0) {
      V.Lo = 0, V.Hi = std::max<int64_t>(V.Hi, 0);
      V.Shift = 0;
    }
    Clamp(S, 0, B);
  };
  auto AtLeastU = [&](RegState &S, int64_t B) {
    if (S.R[I.Dst].Lo >= 0 && B >= 0)
      Clamp(S, B, Max64);
  };
  switch (I.aluOp()) {
  case 0x20: // JGT
    AtLeastU(Taken, K + 1);
    AtMostU(Fall, K);
    break;
  case 0x30: // JGE
    AtLeastU(Taken, K);
    AtMostU(Fall, K - 1);
    break;
  case 0xa0: // JLT
    AtMostU(Taken, K - 1);
    AtLeastU(Fall, K);
    break;
  case 0xb0: // JLE
    AtMostU(Taken, K);
    AtLeastU(Fall, K + 1);
    break;
  case 0x60: // JSGT
    Clamp(Taken, K + 1, Max64);
    Clamp(Fall, Min64, K);
    break;
  case 0x70: // JSGE
    Clamp(Taken, K, Max64);
    Clamp(Fall, Min64, K - 1);
    break;
  case 0xc0: // JSLT
    Clamp(Taken, Min64, K - 1);
    Clamp(Fall, K, Max64);
    break;
  case 0xd0: // JSLE
    Clamp(Taken, Min64, K);
    Clamp(Fall, K + 1, Max64);
    break;
  case 0x10: // JEQ
    Clamp(Taken, K, K);
    Exclude(Fall, K);
    break;
  case 0x50: // JNE
    Exclude(Taken, K);
    Clamp(Fall, K, K);
    break;
  default:
    break;
  }
}

void ProgramAnalyzer::analyzeStackAccesses(SubprogResult &SP,
                                           unsigned SPIndex) {
  CurSubprog = SPIndex;
  const uint32_t Start = SP.Start, End = SP.End, Len = End - Start;
  // Tracked slots: the most used offsets of 64-bit stores to r10.
  {
    std::map<int64_t, unsigned> Uses;
    for (uint32_t I = Start; I < End; ++I)
      if (Insns[I].isSpillToFP())
        ++Uses[Insns[I].Off];
    std::vector<std::pair<unsigned, int64_t>> ByUse;
    for (const auto &[Off, Count] : Uses)
      ByUse.push_back({Count, Off});
    std::stable_sort(
        ByUse.begin(), ByUse.end(),
        [](const auto &A, const auto &B) { return A.first > B.first; });
    SlotOffs.clear();
    for (size_t K = 0; K < ByUse.size() && K < MaxTrackedSlots; ++K)
      SlotOffs.push_back(ByUse[K].second);
  }
  // Block leaders: the entry, branch targets, and what follows a branch or
  // exit. Entry states are kept only for leaders.
  std::vector<uint8_t> Leader(Len + 1, 0);
  Leader[0] = 1;
  for (uint32_t I = Start; I < End; ++I) {
    if (IsLdHi[I])
      continue;
    const Insn &In = Insns[I];
    int64_t T;
    if (In.isBranch() && branchTarget(In, I, T)) {
      if (T >= Start && T < End)
        Leader[T - Start] = 1;
      else
        addFinding(I, Severity::Error, "jump to insn ", T,
                   " leaves the subprogram; the kernel rejects this");
      Leader[I + 1 - Start] = 1;
    } else if (In.isExit()) {
      Leader[I + 1 - Start] = 1;
    }
  }
  std::vector<uint32_t> BlockOf(Len, 0); // Leader index -> block number.
  std::vector<uint32_t> Blocks;
  for (uint32_t I = 0; I < Len; ++I)
    if (Leader[I]) {
      BlockOf[I] = uint32_t(Blocks.size());
      Blocks.push_back(Start + I);
    }
  const size_t NB = Blocks.size();
  std::vector<RegState> Entry(NB);
  std::vector<uint8_t> Visits(NB, 0), Dirty(NB, 0);
  RegState Init;
  Init.Reached = true;
  Init.R[1] = Val::scalar(); // Context or caller's arguments.
  if (SPIndex > 0) {
    for (unsigned R = 2; R <= MaxArgRegs; ++R)
      Init.R[R] = Val::scalar();
    for (unsigned R = 1; R <= MaxArgRegs; ++R)
      Init.ArgOf[R] = uint8_t(regBit(R));
  }
  Init.R[10] = Val::stack(0, 0);
  for (Val &V : Init.Slots) // Uninitialised: reads give unknown scalars.
    V = Val::scalar();
  Entry[0] = Init;
  Dirty[0] = 1;

  // Widening thresholds: the constants branches compare with, and their
  // neighbours, so a loop counter widens to its exit test rather than to
  // infinity and the test's refinement then bounds it.
  std::vector<int64_t> Thresholds;
  for (uint32_t I = Start; I < End; ++I) {
    const Insn &In = Insns[I];
    if (IsLdHi[I] || !In.isBranch() || In.isUncondJump() || In.srcIsReg())
      continue;
    for (int64_t K : {int64_t(In.Imm), int64_t(uint32_t(In.Imm))})
      for (int64_t D = -1; D <= 1; ++D)
        Thresholds.push_back(K + D);
  }
  std::sort(Thresholds.begin(), Thresholds.end());
  Thresholds.erase(std::unique(Thresholds.begin(), Thresholds.end()),
                   Thresholds.end());

  auto Propagate = [&](const RegState &S, int64_t Target) -> bool {
    if (Target < Start || Target >= End)
      return false;
    uint32_t B = BlockOf[Target - Start];
    // Widen after a few visits; past a few threshold steps go straight to
    // infinity, so many branch constants cannot make the fixpoint slow.
    bool Widen = Visits[B] > 4;
    ArrayRef<int64_t> Steps = Thresholds;
    if (Visits[B] > 12)
      Steps = {};
    if (joinState(Entry[B], S, Widen, Steps)) {
      Dirty[B] = 1;
      return true;
    }
    return false;
  };

  // Walks block B from its entry state: to the fixpoint (propagating to
  // successors), to collect accesses into Sink, or to report lints.
  auto Walk = [&](size_t B, std::vector<StackAccess> *Sink, bool Report,
                  bool &BackEdgeChanged) {
    const bool Fixpoint = !Sink && !Report;
    RegState S = Entry[B];
    uint32_t BlockEnd = B + 1 < NB ? Blocks[B + 1] : End;
    for (uint32_t I = Blocks[B]; I < BlockEnd; ++I) {
      if (IsLdHi[I])
        continue;
      const Insn &In = Insns[I];
      if (In.isBranch()) {
        int64_t T;
        branchTarget(In, I, T);
        bool Cond = !In.isUncondJump();
        step(S, I, Sink, Report, &SP);
        if (Fixpoint) {
          RegState Taken = S, Fall = S;
          if (Cond)
            refineBranch(Taken, Fall, In);
          if (Taken.Reached && Propagate(Taken, T) && T <= int64_t(I))
            BackEdgeChanged = true;
          if (Cond && Fall.Reached)
            Propagate(Fall, I + 1);
        }
        return;
      }
      if (!step(S, I, Sink, Report, &SP))
        return; // exit
    }
    if (Fixpoint)
      Propagate(S, BlockEnd); // Fall through into the next block.
  };

  // Iterate in program order until no entry state changes.
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (size_t B = 0; B < NB; ++B) {
      if (!Dirty[B])
        continue;
      Dirty[B] = 0;
      if (Visits[B] < 255)
        ++Visits[B];
      bool Back = false;
      Walk(B, nullptr, false, Back);
      if (Back)
        Changed = true;
    }
  }

  // One more walk from the fixed entry states collects the stack accesses
  // and reports the lints (the region is known since the patterns were
  // marked).
  std::vector<StackAccess> &Found = Accesses[SPIndex];
  for (size_t B = 0; B < NB; ++B)
    if (Entry[B].Reached) {
      bool Back = false;
      Walk(B, &Found, true, Back);
    }
  // Stack depth as the verifier tracks it: the deepest byte any access may
  // start at.
  int Depth = 0;
  for (const StackAccess &A : Found) {
    if (!A.countsTowardsDepth())
      continue;
    if (A.MinOff == Min64) {
      addFinding(A.Insn, Severity::Warning,
                 "stack access with an unbounded variable offset; the kernel "
                 "rejects it unless it can bound the offset");
      continue;
    }
    if (A.MinOff < -MaxStackDepth)
      addFinding(A.Insn, Severity::Error,
                 formatv("stack access at {0}: beyond the {1}-byte stack; "
                         "the kernel rejects the program",
                         fpOffset(A.MinOff), MaxStackDepth));
    if (A.MinOff < 0)
      Depth = std::max<int64_t>(Depth, std::min<int64_t>(-A.MinOff, 1 << 20));
  }
  SP.StackDepthBefore = Depth;
}

/// A call's pointer arguments into the frame: memory a helper reads, and
/// what a subprogram may read or write through them (decided once every
/// subprogram's own use of its arguments is known).
void ProgramAnalyzer::recordCallArguments(const RegState &S, uint32_t Idx,
                                          const CallSummary *CS,
                                          std::vector<StackAccess> &Found) {
  const Insn &I = Insns[Idx];
  if (I.isPseudoCall()) {
    unsigned Callee = subprogAt(uint32_t(Idx + 1 + I.Imm));
    for (unsigned R = 1; R <= MaxArgRegs; ++R) {
      if (S.ArgOf[R])
        ArgForwards[CurSubprog].push_back({Callee, R, S.ArgOf[R]});
      const Val &A = S.R[R];
      if (A.K != Val::Stack)
        continue;
      Found.push_back({Idx, A.Lo, A.Lo != A.Hi, StackAccess::CalleeRead, R});
      Found.push_back({Idx, A.Lo, A.Lo != A.Hi, StackAccess::CalleeWrite, R});
    }
    return;
  }
  if (!CS || !I.isHelperCall())
    return;
  for (unsigned R = 1; R <= CS->NumParams && R <= MaxArgRegs; ++R) {
    bool Writes = R == CS->UninitMemArg;
    (Writes ? ArgUse[CurSubprog].Writes : ArgUse[CurSubprog].Reads) |=
        S.ArgOf[R];
    const Val &A = S.R[R];
    if (!Writes && A.K == Val::Stack)
      Found.push_back({Idx, A.Lo, A.Lo != A.Hi, StackAccess::HelperRead, R});
  }
}

/// A subprogram passing its own pointer argument on reads (writes) through
/// it whatever its callee reads (writes).
void ProgramAnalyzer::propagateArgPointerUse() {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (size_t S = 0; S < ArgForwards.size(); ++S)
      for (const ArgForward &F : ArgForwards[S]) {
        ArgPointerUse Old = ArgUse[S];
        if (ArgUse[F.Callee].Reads & regBit(F.Reg))
          ArgUse[S].Reads |= F.ArgOf;
        if (ArgUse[F.Callee].Writes & regBit(F.Reg))
          ArgUse[S].Writes |= F.ArgOf;
        Changed |= Old.Reads != ArgUse[S].Reads ||
                   Old.Writes != ArgUse[S].Writes;
      }
  }
}

bool ProgramAnalyzer::accessBreaksContract(const StackAccess &A) const {
  switch (A.Kind) {
  case StackAccess::Direct:
  case StackAccess::Derived:
    return true;
  case StackAccess::HelperWrite:
    return rules().HelperWritesBreak;
  case StackAccess::HelperRead:
    return rules().HelperReadsBreak;
  case StackAccess::CalleeRead:
  case StackAccess::CalleeWrite: {
    const Insn &I = Insns[A.Insn];
    const ArgPointerUse &Use = ArgUse[subprogAt(uint32_t(A.Insn + 1 + I.Imm))];
    if (A.Kind == StackAccess::CalleeRead)
      return rules().CalleeReadsBreak && (Use.Reads & regBit(A.Reg));
    return rules().CalleeWritesBreak && (Use.Writes & regBit(A.Reg));
  }
  }
  return true;
}

void ProgramAnalyzer::checkFastcallStackContract(SubprogResult &SP,
                                                 unsigned SPIndex) {
  if (!SP.HasPattern)
    return;
  std::string Region =
      formatv("the fastcall region [{0}, {1})", SP.LowestOff,
              SP.FastcallStackOff)
          .str();
  for (const StackAccess &A : Accesses[SPIndex]) {
    if (SP.FastcallStackOff <= A.MinOff || Out.Aux[A.Insn].FastcallPattern ||
        !accessBreaksContract(A))
      continue;
    std::string Why;
    switch (A.Kind) {
    case StackAccess::HelperWrite:
      Why = formatv("the call writes its uninitialised-memory argument at "
                    "{0}, inside {1}",
                    fpOffset(A.MinOff), Region);
      break;
    case StackAccess::HelperRead:
      Why = formatv("the call reads memory at {0} through argument r{1}, "
                    "inside {2}",
                    fpOffset(A.MinOff), A.Reg, Region);
      break;
    case StackAccess::CalleeRead:
    case StackAccess::CalleeWrite:
      Why = formatv("the subprogram called here {0} the memory r{1} points "
                    "to ({2}), inside {3}",
                    A.Kind == StackAccess::CalleeRead ? "reads" : "writes",
                    A.Reg, fpOffset(A.MinOff), Region);
      break;
    default:
      if (A.MinOff == Min64)
        Why = "variable-offset stack access of unknown range may reach the "
              "fastcall region";
      else if (A.VarOff)
        Why = formatv("variable-offset stack access may start at {0}, inside "
                      "{1}",
                      fpOffset(A.MinOff), Region);
      else
        Why = formatv("{0} stack access at {1} inside {2} is not a bracket "
                      "spill/fill",
                      A.Kind == StackAccess::Direct ? "direct"
                                                    : "derived-pointer",
                      fpOffset(A.MinOff), Region);
      break;
    }
    SP.Violations.push_back({A.Insn, Why, A.VarOff || A.MinOff == Min64});
  }
  if (rules().JumpIntoPatternBreaks)
    checkJumpsIntoPatterns(SP);
  if (SP.Violations.empty())
    return;
  SP.ContractOk = false;
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    Out.Aux[I].FastcallPattern = false;
    Out.Aux[I].FastcallSpillsNum = 0;
  }
}

/// Some builds leave a pattern alone when a branch lands past its first
/// spill; its slots then count as ordinary accesses to the region.
void ProgramAnalyzer::checkJumpsIntoPatterns(SubprogResult &SP) {
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    int64_t T;
    if (IsLdHi[I] || !Insns[I].isBranch() || !branchTarget(Insns[I], I, T))
      continue;
    for (const CallResult &C : SP.Calls)
      if (C.MatchedPairs && T > int64_t(C.Insn) - C.MatchedPairs &&
          T <= int64_t(C.Insn) + C.MatchedPairs) {
        SP.Violations.push_back(
            {I, formatv("jump into the pattern of the call at insn {0}",
                        C.Insn)
                    .str()});
        break;
      }
  }
}

void ProgramAnalyzer::removeFastcallSpillsFills() {
  for (SubprogResult &SP : Out.Subprogs) {
    bool Modified = false;
    for (CallResult &C : SP.Calls) {
      if (SP.ContractOk && C.MatchedPairs)
        C.Pairs = C.MatchedPairs;
      if (Out.Aux[C.Insn].FastcallSpillsNum > 0) {
        C.Removed = true;
        Modified = true;
      }
    }
    SP.StackDepthAfter = SP.StackDepthBefore;
    if (Modified && !SP.KeepFastcallStack)
      SP.StackDepthAfter = -SP.FastcallStackOff;
  }
}

void ProgramAnalyzer::checkStackLimits() {
  // check_max_stack_depth: frames along a call chain, each rounded up to 32.
  const size_t NS = Out.Subprogs.size();
  auto SubprogAt = [&](uint32_t Idx) -> int {
    auto It =
        std::upper_bound(In.SubprogStarts.begin(), In.SubprogStarts.end(), Idx);
    return int(It - In.SubprogStarts.begin()) - 1;
  };
  std::vector<int> Chain(NS, -1); // Deepest chain starting here; -2 visiting.
  std::vector<std::vector<int>> Callees(NS);
  for (size_t S = 0; S < NS; ++S)
    for (uint32_t I = Out.Subprogs[S].Start; I < Out.Subprogs[S].End; ++I)
      if (Insns[I].isPseudoCall() && !IsLdHi[I])
        Callees[S].push_back(SubprogAt(uint32_t(I + 1 + Insns[I].Imm)));
  // round_up_stack_depth() with the JIT: frames count rounded up to 16. The
  // kernel checks the chain after remove_fastcall_spills_fills(), so the new
  // depths count (a non-fastcall pattern keeps its subprogram's full depth).
  auto Round = [](int D) { return (D + 15) / 16 * 16; };
  // Iterative post-order DFS; a cycle (recursion) is rejected by the kernel
  // anyway and counts once here.
  for (size_t Root = 0; Root < NS; ++Root) {
    if (Chain[Root] >= 0)
      continue;
    std::vector<std::pair<int, size_t>> Stack{{int(Root), 0}};
    Chain[Root] = -2;
    while (!Stack.empty()) {
      auto &[S, Next] = Stack.back();
      if (Next < Callees[S].size()) {
        int C = Callees[S][Next++];
        if (Chain[C] == -1) {
          Chain[C] = -2;
          Stack.push_back({C, 0});
        }
        continue;
      }
      int Best = 0;
      for (int C : Callees[S])
        if (Chain[C] >= 0)
          Best = std::max(Best, Chain[C]);
      Chain[S] = Round(Out.Subprogs[S].StackDepthAfter) + Best;
      Stack.pop_back();
    }
  }
  for (size_t S = 0; S < NS; ++S)
    if (Out.Subprogs[S].StackDepthAfter > MaxStackDepth)
      addFinding(Out.Subprogs[S].Start, Severity::Error,
                 formatv("stack depth {0} exceeds {1} bytes: the kernel "
                         "rejects the program (a bracket is no allowance)",
                         Out.Subprogs[S].StackDepthAfter, MaxStackDepth));
  // Tracing programs on x86-64 may run big subprograms on private stacks
  // that do not count; there the excess is only a warning.
  bool PrivateStacks =
      In.Family == FamilyTracing && In.Profile.A == Arch::X86_64;
  if (NS > 1 && Chain[0] > MaxStackDepth)
    addFinding(0, PrivateStacks ? Severity::Warning : Severity::Error,
               formatv("combined stack size of the call chain is {0} bytes "
                       "after the rewrite, over {1}: the kernel rejects the "
                       "program",
                       Chain[0], MaxStackDepth));
}

/// Registers live after each eligible call, for the "built without the
/// plugin?" note: backward liveness over the subprogram.
void ProgramAnalyzer::computeLiveAfterCalls(SubprogResult &SP,
                                            std::vector<RegMask> &LiveOut) {
  const uint32_t Start = SP.Start, End = SP.End;
  std::vector<RegMask> LiveIn(End - Start + 1, 0);
  auto Defs = [&](const Insn &I) -> RegMask {
    switch (I.cls()) {
    case op::ALU:
    case op::ALU64:
    case op::LDX:
      return I.Dst < 10 ? regBit(I.Dst) : 0;
    case op::LD:
      return I.isLdImm64() && I.Dst < 10 ? regBit(I.Dst) : regBit(0);
    default:
      return I.isCall() ? CallerSavedMask : 0;
    }
  };
  bool Changed = true;
  unsigned Rounds = 0;
  while (Changed && Rounds++ < 64) {
    Changed = false;
    for (uint32_t I = End; I-- > Start;) {
      if (IsLdHi[I])
        continue;
      const Insn &Cur = Insns[I];
      RegMask After = 0;
      auto Succ = [&](int64_t T) {
        if (T >= Start && T < End)
          After |= LiveIn[T - Start];
      };
      int64_t T;
      if (Cur.isExit()) {
      } else if (Cur.isBranch() && branchTarget(Cur, I, T)) {
        Succ(T);
        if (!Cur.isUncondJump())
          Succ(I + 1);
      } else {
        Succ(I + (Cur.isLdImm64() ? 2 : 1));
      }
      if (Cur.isCall())
        LiveOut[I - Start] = After;
      CallSummary CS;
      unsigned Args = Cur.isCall() && getCallSummary(In, I, CS)
                          ? CS.NumParams
                          : (Cur.isCall() ? MaxArgRegs : 0);
      RegMask NewIn = RegMask((After & ~Defs(Cur)) | readsOf(Cur, Args));
      if (NewIn != LiveIn[I - Start]) {
        LiveIn[I - Start] = NewIn;
        Changed = true;
      }
    }
  }
}

void ProgramAnalyzer::lintCalls(SubprogResult &SP) {
  std::vector<RegMask> LiveOut;
  bool NeedLiveness = false;
  for (const CallResult &C : SP.Calls)
    NeedLiveness |= C.Eligible && C.BracketPairs == 0;
  if (NeedLiveness) {
    LiveOut.assign(SP.End - SP.Start, 0);
    computeLiveAfterCalls(SP, LiveOut);
  }
  for (const CallResult &C : SP.Calls) {
    if (C.Eligible && C.BracketPairs == 0) {
      RegMask CalleeSaved = RegMask(LiveOut[C.Insn - SP.Start] & 0x3c0);
      if (CalleeSaved)
        addFinding(C.Insn, Severity::Note,
                   formatv("call to {0} has no bracket while {1} callee-saved "
                           "register(s) carry values across it: built without "
                           "the plugin?",
                           C.Callee, popCount(CalleeSaved)));
    }
    if (C.BracketPairs > C.MatchedPairs)
      addFinding(C.Insn, Severity::Warning,
                 formatv("bracket of {0} pair(s) around {1}, but only {2} sit "
                         "at the kernel's offsets (pair i at lowest_off{3} + "
                         "8*(i-1)); the rest are kept",
                         C.BracketPairs, C.Callee, C.MatchedPairs,
                         SP.LowestOff));
    if (C.MatchedPairs && !SP.ContractOk)
      addFinding(C.Insn, Severity::Warning,
                 formatv("bracket around {0} kept: the subprogram breaks the "
                         "fastcall stack contract at insn ",
                         C.Callee),
                 SP.Violations.front().Insn);
    else if (C.MatchedPairs && !C.KernelFastcall)
      addFinding(C.Insn, Severity::Note,
                 formatv("{0} is not fastcall on this kernel/program type: its "
                         "{1} pair(s) stay and the subprogram keeps its stack",
                         C.Callee, C.MatchedPairs));
  }
  // A branch landing inside a recognised pattern skips part of it; the kernel
  // (until a pending fix) removes the pattern anyway. Inside[i] = 1 + index
  // of the call whose pattern covers slot i past its first spill.
  std::vector<uint32_t> Inside(SP.End - SP.Start, 0);
  for (size_t K = 0; K < SP.Calls.size(); ++K) {
    const CallResult &C = SP.Calls[K];
    for (int64_t T = int64_t(C.Insn) - C.Pairs + 1;
         T <= int64_t(C.Insn) + C.Pairs; ++T)
      if (T >= SP.Start && T < SP.End)
        Inside[T - SP.Start] = uint32_t(K + 1);
  }
  for (uint32_t I = SP.Start; I < SP.End; ++I) {
    int64_t T;
    if (IsLdHi[I] || !Insns[I].isBranch() || !branchTarget(Insns[I], I, T))
      continue;
    if (T < SP.Start || T >= SP.End || !Inside[T - SP.Start])
      continue;
    addFinding(I, Severity::Warning,
               "jump into the bracket of the call at insn ",
               SP.Calls[Inside[T - SP.Start] - 1].Insn,
               "; the kernel rewrites the pattern anyway");
  }
}

Error ProgramAnalyzer::buildXlated() {
  // Removed pairs become NOPs and opt_remove_nops() drops every `goto +0`
  // (and `may_goto +0`) of the program.
  std::vector<uint8_t> Drop(N, 0);
  for (uint32_t I = 0; I < N; ++I) {
    if (IsLdHi[I])
      continue;
    if (unsigned Spills = Out.Aux[I].FastcallSpillsNum)
      for (unsigned J = 1; J <= Spills; ++J)
        Drop[I - J] = Drop[I + J] = 1;
    const Insn &In = Insns[I];
    if ((In.Code == (op::JMP | op::JA) || In.Code == (op::JMP | op::JCOND)) &&
        In.Off == 0 && In.Imm == 0 && In.Dst == 0 && In.Src == 0)
      Drop[I] = 1;
  }
  std::vector<PatchEdit> Edits;
  for (uint32_t I = 0; I < N; ++I)
    if (Drop[I])
      Edits.push_back({I, I + 1, {}});
  // The side data carried through the patch is each slot's original index.
  std::vector<uint64_t> Origin(N);
  for (uint32_t I = 0; I < N; ++I)
    Origin[I] = I;
  Expected<PatchResult> R = patchInsns(Insns, Edits, Origin);
  if (!R)
    return R.takeError();
  Out.Xlated = std::move(R->Insns);
  Out.XlatedOrigin.assign(R->SideData.begin(), R->SideData.end());
  Out.OldToNew = std::move(R->OldToNew);
  Out.InsnsBefore = N;
  Out.InsnsAfter = uint32_t(Out.Xlated.size());
  return Error::success();
}

Error ProgramAnalyzer::run() {
  if (Error E = validate())
    return E;
  Out.Aux.assign(N, InsnAux());
  for (size_t S = 0; S < In.SubprogStarts.size(); ++S) {
    SubprogResult SP;
    SP.Start = In.SubprogStarts[S];
    SP.End = S + 1 < In.SubprogStarts.size() ? In.SubprogStarts[S + 1] : N;
    Out.Subprogs.push_back(SP);
  }
  for (SubprogResult &SP : Out.Subprogs)
    markFastcallPatterns(SP);
  const size_t NS = Out.Subprogs.size();
  Accesses.assign(NS, {});
  ArgUse.assign(NS, {});
  ArgForwards.assign(NS, {});
  for (size_t S = 0; S < NS; ++S)
    analyzeStackAccesses(Out.Subprogs[S], unsigned(S));
  propagateArgPointerUse();
  for (size_t S = 0; S < NS; ++S)
    checkFastcallStackContract(Out.Subprogs[S], unsigned(S));
  removeFastcallSpillsFills();
  checkStackLimits();
  for (SubprogResult &SP : Out.Subprogs)
    lintCalls(SP);
  std::stable_sort(
      Out.Findings.begin(), Out.Findings.end(),
      [](const Finding &A, const Finding &B) { return A.Insn < B.Insn; });
  return buildXlated();
}

} // namespace

SmallVector<BracketPair, 6>
findBracketPairs(ArrayRef<Insn> Insns, uint32_t CallIdx, RegMask Allowed) {
  SmallVector<BracketPair, 6> Pairs;
  const size_t N = Insns.size();
  for (uint32_t I = 1; I <= MaxBracketPairs; ++I) {
    if (CallIdx < I || CallIdx + I >= N)
      break;
    const Insn &Stx = Insns[CallIdx - I], &Ldx = Insns[CallIdx + I];
    if (!Stx.isSpillToFP() || !Ldx.isFillFromFP() || Stx.Src != Ldx.Dst ||
        Stx.Off != Ldx.Off || !(Allowed & regBit(Stx.Src)))
      break;
    Allowed &= RegMask(~regBit(Stx.Src));
    Pairs.push_back({Stx.Src, Stx.Off, CallIdx - I, CallIdx + I});
  }
  return Pairs;
}

Expected<ProgramInput> makeProgramInput(ArrayRef<uint8_t> Raw,
                                        bool LittleEndian,
                                        std::vector<uint32_t> SubprogStarts) {
  if (Raw.size() % InsnSize)
    return inputError(formatv("{0} bytes is not a whole number of 8-byte "
                              "instructions",
                              Raw.size()));
  ProgramInput In;
  In.Insns.resize(Raw.size() / InsnSize);
  for (size_t I = 0; I < In.Insns.size(); ++I)
    In.Insns[I] = decodeInsn(Raw.data() + I * InsnSize, LittleEndian);
  In.SubprogStarts = std::move(SubprogStarts);
  return In;
}

Expected<ProgramResult> analyzeProgram(const ProgramInput &In) {
  ProgramResult Out;
  ProgramAnalyzer A(In, Out);
  if (Error E = A.run())
    return E;
  return Out;
}

} // namespace nocsr
