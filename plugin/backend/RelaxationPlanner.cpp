//===- RelaxationPlanner.cpp - Kept registers per relaxable call
//-----------===//

#include "RelaxationPlanner.h"
#include "../Compat.h"

using namespace llvm;

namespace bpf_nocsr {

static RegMask lowestReg(RegMask M) { return RegMask(M & (~M + 1)); }

namespace {

/// How many values that need r6-r9 are live at each program point.
class CalleeSavedDemand {
public:
  explicit CalleeSavedDemand(unsigned NumPoints) : Count(NumPoints, 0) {}

  void add(const CrossingValue &V, int Delta) {
    for (const PointRange &R : V.Live)
      for (unsigned P = R.Begin; P < R.End && P < Count.size(); ++P)
        Count[P] += Delta;
  }

  /// The points of \p V where more values need r6-r9 than there are.
  unsigned countCrowdedPoints(const CrossingValue &V) const {
    unsigned N = 0;
    for (const PointRange &R : V.Live)
      for (unsigned P = R.Begin; P < R.End && P < Count.size(); ++P)
        N += Count[P] > int(NumCalleeSavedRegs);
    return N;
  }

  bool isCrowded() const {
    for (int C : Count)
      if (C > int(NumCalleeSavedRegs))
        return true;
    return false;
  }

private:
  SmallVector<int, 64> Count;
};

} // namespace

SmallVector<CallPlan, 4> planRelaxation(ArrayRef<RelaxableCall> Calls,
                                        ArrayRef<CrossingValue> Values,
                                        unsigned NumPoints) {
  SmallVector<CallPlan, 4> Plans(Calls.size());

  // Each value's relaxable calls where no joined register carries it. A value
  // that also crosses another call lives in r6-r9 anyway: no joined register.
  SmallVector<SmallVector<unsigned, 2>, 16> Untied(Values.size());
  for (unsigned V = 0; V < Values.size(); ++V)
    for (unsigned C : Values[V].RelaxableCalls) {
      CallPlan &Plan = Plans[C];
      ++Plan.NumLive;
      const RegMask Free =
          RegMask(Values[V].Tied & Calls[C].Bracketable & ~Plan.Kept);
      if (Free && !Values[V].CrossesOtherCall) {
        const RegMask Arrival = RegMask(Free & Values[V].Arrival);
        Plan.Kept |= lowestReg(Arrival ? Arrival : Free);
        ++Plan.NumTied;
      } else {
        Untied[V].push_back(C);
      }
    }

  // Values tied at every call they cross no longer need r6-r9.
  auto NeedsCalleeSaved = [&](unsigned V) {
    return Values[V].CrossesOtherCall || !Untied[V].empty();
  };
  CalleeSavedDemand Demand(NumPoints);
  for (unsigned V = 0; V < Values.size(); ++V)
    if (NeedsCalleeSaved(V))
      Demand.add(Values[V], +1);

  // Registers each call can still give a moved value.
  SmallVector<unsigned, 4> Spare(Calls.size());
  for (unsigned C = 0; C < Calls.size(); ++C)
    Spare[C] =
        BPF_NOCSR_POPCOUNT(unsigned(Calls[C].Bracketable & ~Plans[C].Kept));
  auto CanMove = [&](unsigned V) {
    if (Values[V].CrossesOtherCall || Untied[V].empty())
      return false;
    for (unsigned C : Untied[V])
      if (!Spare[C])
        return false;
    return true;
  };

  SmallVector<bool, 16> Moved(Values.size(), false);
  while (Demand.isCrowded()) {
    // Most crowded points relieved; of equal relief, the value crossing the
    // fewest calls, as each costs a pair on kernels that keep brackets.
    unsigned Best = 0, BestRelief = 0;
    for (unsigned V = 0; V < Values.size(); ++V) {
      if (Moved[V] || !CanMove(V))
        continue;
      const unsigned Relief = Demand.countCrowdedPoints(Values[V]);
      if (Relief > BestRelief || (Relief && Relief == BestRelief &&
                                  Untied[V].size() < Untied[Best].size())) {
        Best = V;
        BestRelief = Relief;
      }
    }
    if (!BestRelief)
      break;
    Moved[Best] = true;
    Demand.add(Values[Best], -1);
    for (unsigned C : Untied[Best]) {
      --Spare[C];
      ++Plans[C].NumMoved;
    }
  }

  // Moved values take the highest free registers, away from the allocator's
  // first choices for arguments and temporaries.
  for (unsigned C = 0; C < Calls.size(); ++C) {
    CallPlan &Plan = Plans[C];
    unsigned Need = Plan.NumMoved;
    for (int N = int(NumCallerSavedRegs) - 1; N >= 0 && Need; --N) {
      const RegMask Bit = regBit(unsigned(N));
      if ((Calls[C].Bracketable & Bit) && !(Plan.Kept & Bit)) {
        Plan.Kept |= Bit;
        --Need;
      }
    }
  }
  return Plans;
}

} // namespace bpf_nocsr
