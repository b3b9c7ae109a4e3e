//===- StackDataflow.cpp - r10-derived pointers and stack accesses --------===//
//
// A forward dataflow per subprogram over intervals with congruences: which
// registers hold pointers into the frame (or into the caller's, through
// pointer arguments), the stack accesses they make and what calls do with
// them. It yields facts (StackDataflow.h); the fastcall rules decide what
// they mean on a kernel build, the lints what to report.
//
//===----------------------------------------------------------------------===//

#include "StackDataflow.h"
#include "plugin/Compat.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <map>

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {
namespace model {

namespace {

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

} // namespace

/// Join \p B into \p A. With \p Widen, a bound that grew jumps to the next
/// of \p Thresholds (the branch constants of the subprogram, so a loop
/// counter widens to its exit test) or to infinity.
static Val joinVal(const Val &A, const Val &B, bool Widen,
                   ArrayRef<int64_t> Thresholds) {
  if (A.K == Val::None)
    return B;
  if (B.K == Val::None)
    return A;
  if (A.K != B.K) {
    if (A.K == Val::Stack || B.K == Val::Stack)
      return A.K == Val::Stack ? A : B;
    return Val::scalar(); // A callback on one path, a number on another.
  }
  Val R = A;
  R.Lo = std::min(A.Lo, B.Lo);
  R.Hi = std::max(A.Hi, B.Hi);
  R.Shift = std::min(A.Shift, B.Shift);
  if (A.Lo != B.Lo)
    R.Shift = std::min<unsigned>(
        R.Shift, BPF_NOCSR_COUNTR_ZERO(uint64_t(A.Lo) - uint64_t(B.Lo)));
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
static bool joinState(RegState &Into, const RegState &In, bool Widen,
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
      unsigned Sh = Src.Lo ? BPF_NOCSR_COUNTR_ZERO(uint64_t(Src.Lo)) : 0;
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
                           ? std::min<unsigned>(D.Shift + BPF_NOCSR_COUNTR_ZERO(
                                                              uint64_t(Src.Lo)),
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
                       Src.Lo ? BPF_NOCSR_COUNTR_ZERO(uint64_t(Src.Lo)) : 0);
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

static RegMask argRegs(unsigned NumParams) {
  return fastcallClobberMask(NumParams, /*ReturnsVoid=*/true);
}

/// Registers \p I reads.
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

namespace {

/// The dataflow over one program, subprogram by subprogram.
class StackDataflow {
public:
  StackDataflow(const ProgramInput &In, const ProgramLayout &L)
      : In(In), L(L), Insns(L.Insns), N(L.N), IsLdHi(L.IsLdHi) {}

  StackFacts run();

private:
  const ProgramInput &In;
  const ProgramLayout &L;
  ArrayRef<Insn> Insns;
  uint32_t N;
  const std::vector<uint8_t> &IsLdHi;
  StackFacts Facts;
  // r10 offsets of the current subprogram's tracked slots: a 64-bit spill of
  // a stack pointer there and the fill from it give the pointer back, as the
  // verifier's spilled-register tracking does.
  std::vector<int64_t> SlotOffs;
  /// Per subprogram: the pointer arguments it passes on to subprograms
  /// (callee, register, the caller's argument bits).
  struct ArgForward {
    unsigned Callee;
    unsigned Reg;
    uint8_t ArgOf;
  };
  std::vector<std::vector<ArgForward>> ArgForwards;
  unsigned CurSubprog = 0;

  SubprogStackFacts &cur() { return Facts.Subprogs[CurSubprog]; }
  void analyzeSubprog(unsigned SPIndex);
  void propagateArgPointerUse();
  bool step(RegState &S, uint32_t Idx, bool Collect);
  void noteClobberedRead(RegState &S, uint32_t Idx, unsigned CallArgs);
  void recordCallArguments(const RegState &S, uint32_t Idx,
                           const CallSummary *CS);
  void refineBranch(RegState &Taken, RegState &Fall, const Insn &I) const;

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
};

} // namespace

/// Apply instruction \p Idx to \p S. Returns false if the instruction ends the
/// path (exit). With \p Collect, records the facts.
bool StackDataflow::step(RegState &S, uint32_t Idx, bool Collect) {
  const Insn &I = Insns[Idx];
  CallSummary CS;
  bool HaveSummary = I.isCall() && getCallSummary(In, Idx, CS);

  if (Collect)
    noteClobberedRead(S, Idx, HaveSummary ? CS.NumParams : 0);

  auto Access = [&](unsigned Base, bool Reads, bool Writes) {
    if (Base >= NumRegs || !Collect)
      return;
    if (Reads)
      cur().ArgUse.Reads |= S.ArgOf[Base];
    if (Writes)
      cur().ArgUse.Writes |= S.ArgOf[Base];
    const Val &B = S.R[Base];
    if (B.K != Val::Stack)
      return;
    int64_t Lo = satAdd(B.Lo, I.Off);
    cur().Accesses.push_back(
        {Idx, Lo, B.Lo != B.Hi,
         Base == FramePointerReg ? StackAccess::Direct : StackAccess::Derived});
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
      } else if (I.isPseudoFunc()) {
        Def(I.Dst, Val::func(int64_t(Idx) + I.Imm + 1));
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
      if (Collect) {
        recordCallArguments(S, Idx, HaveSummary ? &CS : nullptr);
        CallArgs &Args = cur().Calls.emplace_back();
        Args.Idx = Idx;
        for (unsigned R = 1; R <= MaxArgRegs; ++R)
          Args.R[R] = S.R[R];
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

/// A call's pointer arguments into the frame: memory a helper reads or
/// writes, and what a subprogram may read or write through them (decided
/// once every subprogram's own use of its arguments is known).
void StackDataflow::recordCallArguments(const RegState &S, uint32_t Idx,
                                        const CallSummary *CS) {
  std::vector<StackAccess> &Found = cur().Accesses;
  const Insn &I = Insns[Idx];
  if (I.isPseudoCall()) {
    unsigned Callee = L.subprogAt(uint32_t(Idx + 1 + I.Imm));
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
  // check_helper_call() simulates an uninitialised-memory argument as byte
  // writes by the call itself: a contract-checked stack access.
  for (unsigned R = 1; R <= CS->NumParams && R <= MaxArgRegs; ++R) {
    bool Writes = R == CS->UninitMemArg;
    (Writes ? cur().ArgUse.Writes : cur().ArgUse.Reads) |= S.ArgOf[R];
    const Val &A = S.R[R];
    if (A.K == Val::Stack)
      Found.push_back(
          {Idx, A.Lo, A.Lo != A.Hi,
           Writes ? StackAccess::HelperWrite : StackAccess::HelperRead, R});
  }
}

void StackDataflow::refineBranch(RegState &Taken, RegState &Fall,
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

void StackDataflow::analyzeSubprog(unsigned SPIndex) {
  CurSubprog = SPIndex;
  const uint32_t Start = L.subprogStart(SPIndex), End = L.subprogEnd(SPIndex),
                 Len = End - Start;
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
      if (T >= Start && T < End) // Lints report a jump out.
        Leader[T - Start] = 1;
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
  // successors), or to collect the facts.
  auto Walk = [&](size_t B, bool Collect, bool &BackEdgeChanged) {
    const bool Fixpoint = !Collect;
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
        step(S, I, Collect);
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
      if (!step(S, I, Collect))
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
      Walk(B, false, Back);
      if (Back)
        Changed = true;
    }
  }

  // One more walk from the fixed entry states collects the facts.
  for (size_t B = 0; B < NB; ++B)
    if (Entry[B].Reached) {
      bool Back = false;
      Walk(B, true, Back);
    }
  // Stack depth as the verifier tracks it: the deepest byte any access may
  // start at, rounded up to whole 8-byte slots (grow_stack_state()).
  int64_t Depth = 0;
  for (const StackAccess &A : cur().Accesses)
    if (A.countsTowardsDepth() && A.MinOff != Min64 && A.MinOff < 0)
      Depth = std::max<int64_t>(Depth, std::min<int64_t>(-A.MinOff, 1 << 20));
  cur().StackDepth = int(alignTo(uint64_t(Depth), SlotSize));
}

/// A subprogram passing its own pointer argument on reads (writes) through
/// it whatever its callee reads (writes).
void StackDataflow::propagateArgPointerUse() {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (size_t S = 0; S < ArgForwards.size(); ++S)
      for (const ArgForward &F : ArgForwards[S]) {
        ArgPointerUse &Use = Facts.Subprogs[S].ArgUse;
        const ArgPointerUse &CalleeUse = Facts.Subprogs[F.Callee].ArgUse;
        ArgPointerUse Old = Use;
        if (CalleeUse.Reads & regBit(F.Reg))
          Use.Reads |= F.ArgOf;
        if (CalleeUse.Writes & regBit(F.Reg))
          Use.Writes |= F.ArgOf;
        Changed |= Old.Reads != Use.Reads || Old.Writes != Use.Writes;
      }
  }
}

/// The first read of a register a call clobbered, on each path.
void StackDataflow::noteClobberedRead(RegState &S, uint32_t Idx,
                                      unsigned CallArgs) {
  RegMask Reads = readsOf(Insns[Idx], CallArgs);
  RegMask Bad = RegMask(Reads & S.Clobbered);
  if (!Bad)
    return;
  unsigned R = 0;
  while (!(Bad & regBit(R)))
    ++R;
  cur().ClobberedReads.push_back({Idx, R});
  S.Clobbered &= RegMask(~Bad); // Each path's first read only.
}

StackFacts StackDataflow::run() {
  const size_t NS = L.numSubprogs();
  Facts.Subprogs.assign(NS, {});
  ArgForwards.assign(NS, {});
  for (size_t S = 0; S < NS; ++S)
    analyzeSubprog(unsigned(S));
  propagateArgPointerUse();
  return std::move(Facts);
}

StackFacts computeStackFacts(const ProgramInput &In, const ProgramLayout &L) {
  return StackDataflow(In, L).run();
}

} // namespace model
} // namespace nocsr
