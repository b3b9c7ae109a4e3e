//===- RelaxationPlannerTest.cpp - Kept registers per relaxable call
//-------===//
//
// Hand-built functions: values as live ranges over program points, calls as
// the registers the contract lets them keep. Each expectation follows from
// counting by hand how many values need r6-r9 at each point.
//
//===----------------------------------------------------------------------===//

#include "RelaxationPlanner.h"

#include "gtest/gtest.h"

using namespace bpf_nocsr;

namespace {

constexpr RegMask r(unsigned N) { return regBit(N); }
/// A call with no parameters and a result: r1-r5 may be kept.
constexpr RegMask NoParams = bracketableMask(0, /*ReturnsVoid=*/false);

CrossingValue across(std::initializer_list<unsigned> Calls, unsigned Begin,
                     unsigned End) {
  CrossingValue V;
  V.Live.push_back({Begin, End});
  V.RelaxableCalls.assign(Calls.begin(), Calls.end());
  return V;
}

CrossingValue acrossOtherCall(unsigned Begin, unsigned End) {
  CrossingValue V;
  V.Live.push_back({Begin, End});
  V.CrossesOtherCall = true;
  return V;
}

TEST(RelaxationPlannerTest, FourValuesFitInCalleeSaved) {
  std::vector<CrossingValue> Values(4, across({0}, 2, 8));
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  ASSERT_EQ(Plans.size(), 1u);
  EXPECT_EQ(Plans[0].Kept, 0);
  EXPECT_EQ(Plans[0].NumLive, 4u);
  EXPECT_EQ(Plans[0].NumMoved, 0u);
}

TEST(RelaxationPlannerTest, ValuesBeyondCalleeSavedTakeHighestRegisters) {
  // Seven values at once: three more than r6-r9 hold.
  std::vector<CrossingValue> Values(7, across({0}, 2, 8));
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, r(3) | r(4) | r(5));
  EXPECT_EQ(Plans[0].NumLive, 7u);
  EXPECT_EQ(Plans[0].NumMoved, 3u);
}

TEST(RelaxationPlannerTest, CrowdingAwayFromTheCallCounts) {
  // Four values cross the relaxable call (live 5..14); a fifth crosses another
  // call and lives 0..6. At points 5 and 6 five values need r6-r9, so one of
  // the four moves, although only four are live at the call itself.
  std::vector<CrossingValue> Values(4, across({0}, 5, 15));
  Values.push_back(acrossOtherCall(0, 7));
  auto Plans = planRelaxation({{NoParams}}, Values, 20);
  EXPECT_EQ(Plans[0].Kept, r(5));
  EXPECT_EQ(Plans[0].NumLive, 4u);
  EXPECT_EQ(Plans[0].NumMoved, 1u);
}

TEST(RelaxationPlannerTest, NoCrowdingNoRelaxation) {
  // The same five values, but the fifth dies before the others are born.
  std::vector<CrossingValue> Values(4, across({0}, 5, 15));
  Values.push_back(acrossOtherCall(0, 5));
  auto Plans = planRelaxation({{NoParams}}, Values, 20);
  EXPECT_EQ(Plans[0].Kept, 0);
}

TEST(RelaxationPlannerTest, ValuesAcrossOtherCallsCannotMove) {
  // Six values cross both the relaxable call and a call that clobbers r0-r5:
  // no kept register survives the other call, so keeping one gains nothing.
  std::vector<CrossingValue> Values(6, across({0}, 2, 8));
  for (CrossingValue &V : Values)
    V.CrossesOtherCall = true;
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, 0);
  EXPECT_EQ(Plans[0].NumLive, 6u);
}

TEST(RelaxationPlannerTest, TiedValueKeepsItsRegisterAndLeavesCalleeSaved) {
  // Five values, one joined to r1: it stays in r1, the other four fit r6-r9.
  std::vector<CrossingValue> Values(5, across({0}, 2, 8));
  Values[0].Tied = r(1);
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, r(1));
  EXPECT_EQ(Plans[0].NumTied, 1u);
  EXPECT_EQ(Plans[0].NumMoved, 0u);
}

TEST(RelaxationPlannerTest, TiedValuesKeepTheRegistersTheyArriveIn) {
  // Three parameters arrive in r2, r3, r4 and leave as the next call's
  // r1, r2, r3 (f(a, b, c) calls g(a, b, c) shifted by one). Each is joined
  // to two registers. Keeping the ones they arrive in (r2-r4) lets every
  // value stay where it is across the call; keeping the lowest of each
  // (r1-r3) leaves c's r4 clobbered, so c would be copied away first.
  std::vector<CrossingValue> Values(3, across({0}, 2, 8));
  for (unsigned I = 0; I < 3; ++I) {
    Values[I].Tied = r(I + 1) | r(I + 2);
    Values[I].Arrival = r(I + 2);
  }
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, r(2) | r(3) | r(4));
  EXPECT_EQ(Plans[0].NumTied, 3u);
}

TEST(RelaxationPlannerTest, TiedValueAcrossAnotherCallKeepsNoRegister) {
  // The value joined to r1 also crosses a call that clobbers r0-r5: it lives
  // in r6-r9 anyway, so keeping r1 at the relaxable call would only add a
  // pair on kernels that keep brackets.
  std::vector<CrossingValue> Values(3, across({0}, 2, 8));
  Values[0].Tied = r(1);
  Values[0].CrossesOtherCall = true;
  auto Plans = planRelaxation({{NoParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, 0);
  EXPECT_EQ(Plans[0].NumTied, 0u);
}

TEST(RelaxationPlannerTest, TiedToAClobberedRegisterCountsAsUntied) {
  // A call with one parameter clobbers r1; the value joined to r1 needs
  // another home, so with five values one moves to r5.
  std::vector<CrossingValue> Values(5, across({0}, 2, 8));
  Values[0].Tied = r(1);
  const RegMask OneParam = bracketableMask(1, /*ReturnsVoid=*/false);
  auto Plans = planRelaxation({{OneParam}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, r(5));
  EXPECT_EQ(Plans[0].NumTied, 0u);
  EXPECT_EQ(Plans[0].NumMoved, 1u);
}

TEST(RelaxationPlannerTest, MovesStopWhenTheCallHasNoRegisterLeft) {
  // Four parameters and a result leave only r5: of seven values one moves.
  std::vector<CrossingValue> Values(7, across({0}, 2, 8));
  const RegMask FourParams = bracketableMask(4, /*ReturnsVoid=*/false);
  ASSERT_EQ(FourParams, r(5));
  auto Plans = planRelaxation({{FourParams}}, Values, 10);
  EXPECT_EQ(Plans[0].Kept, r(5));
  EXPECT_EQ(Plans[0].NumMoved, 1u);
}

TEST(RelaxationPlannerTest, EqualReliefMovesTheFirstValue) {
  // Five values crowd points 2..8; the last also crosses call 1, later, where
  // nothing is crowded.
  std::vector<CrossingValue> Values(4, across({0}, 2, 9));
  Values.push_back(across({0, 1}, 2, 19));
  auto Plans = planRelaxation({{NoParams}, {NoParams}}, Values, 20);
  // Every value relieves the same seven crowded points; the first one found
  // moves, and it crosses call 0 only.
  EXPECT_EQ(Plans[0].Kept, r(5));
  EXPECT_EQ(Plans[1].Kept, 0);
  EXPECT_EQ(Plans[1].NumLive, 1u);
}

TEST(RelaxationPlannerTest, EqualReliefPrefersValuesAcrossFewerCalls) {
  // Call 0 at point 5, call 1 at point 15. Three values cross both (live
  // 2..19), three only call 1 (live 10..19): six values crowd points 10..18.
  // Two must move; each of the six relieves those nine points, and moving one
  // that crosses call 0 too would cost a pair there as well.
  std::vector<CrossingValue> Values(3, across({0, 1}, 2, 20));
  for (int I = 0; I < 3; ++I)
    Values.push_back(across({1}, 10, 20));
  auto Plans = planRelaxation({{NoParams}, {NoParams}}, Values, 24);
  EXPECT_EQ(Plans[0].Kept, 0);
  EXPECT_EQ(Plans[0].NumLive, 3u);
  EXPECT_EQ(Plans[1].Kept, r(4) | r(5));
  EXPECT_EQ(Plans[1].NumLive, 6u);
  EXPECT_EQ(Plans[1].NumMoved, 2u);
}

TEST(RelaxationPlannerTest, TheValueRelievingMostCrowdedPointsMoves) {
  // Five values across call 0; the last one also spans a second crowded
  // stretch (with values across another call), so it relieves more points.
  std::vector<CrossingValue> Values(4, across({0}, 2, 6));
  CrossingValue Long = across({0, 1}, 2, 20);
  Values.push_back(Long);
  for (int I = 0; I < 4; ++I)
    Values.push_back(acrossOtherCall(10, 14));
  auto Plans = planRelaxation({{NoParams}, {NoParams}}, Values, 24);
  EXPECT_EQ(Plans[0].Kept, r(5));
  EXPECT_EQ(Plans[1].Kept, r(5));
  EXPECT_EQ(Plans[0].NumMoved, 1u);
  EXPECT_EQ(Plans[1].NumMoved, 1u);
}

} // namespace
