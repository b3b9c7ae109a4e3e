//===- StackDataflow.h - r10-derived pointers, stack accesses ---*- C++ -*-===//
//
// The abstract domain of the stack dataflow and the facts it yields per
// subprogram: the stack accesses, what the subprogram does with pointer
// arguments, the argument registers at every call it reaches, the reads of
// registers a call clobbered, and the stack depth. The fastcall rules, the
// lints and the stack rewrites read these facts; none of them runs the
// dataflow.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_LIB_STACKDATAFLOW_H
#define NOCSR_LIB_STACKDATAFLOW_H

#include "ProgramLayout.h"

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace nocsr {
namespace model {

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

/// The first read of register Reg, on some path, after a call clobbered it
/// and before anything defined it again.
struct ClobberedRead {
  uint32_t Idx;
  unsigned Reg;
};

/// The argument registers r1-r5 (R[1] to R[5]) at a reached call.
struct CallArgs {
  uint32_t Idx;
  Val R[MaxArgRegs + 1];
};

/// What the dataflow found in one subprogram. Lists are in program order.
struct SubprogStackFacts {
  std::vector<StackAccess> Accesses;
  /// Including what its callees do with the pointers it passes on.
  ArgPointerUse ArgUse;
  std::vector<CallArgs> Calls;
  std::vector<ClobberedRead> ClobberedReads;
  /// Bytes of stack its accesses may reach, in whole 8-byte slots, as the
  /// verifier grows it (grow_stack_state()).
  int StackDepth = 0;
};

struct StackFacts {
  std::vector<SubprogStackFacts> Subprogs;
};

/// Run the dataflow over every subprogram of \p L.
StackFacts computeStackFacts(const ProgramInput &In, const ProgramLayout &L);

} // namespace model
} // namespace nocsr

#endif // NOCSR_LIB_STACKDATAFLOW_H
