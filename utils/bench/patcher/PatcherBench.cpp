//===- PatcherBench.cpp - Range patcher against one-at-a-time patching ----===//
//
// Measures nocsr::patchInsns applying K edits to an N-instruction program in
// one pass against the kernel's historical approach: apply the edits one at
// a time with a primitive that replaces one instruction by a sequence and
// then re-targets every branch of the whole program (O(N) per edit).
//
// Each edit replaces one instruction by a three-instruction sequence, as when
// the verifier inlines a helper call. The program has a branch in every block
// of 16 slots whose target crosses edited positions, and ldimm64 pairs.
//
//===----------------------------------------------------------------------===//

#include "nocsr/InsnBuilders.h"
#include "nocsr/RangePatcher.h"

#include "benchmark/benchmark.h"

#include <cstdint>
#include <cstdlib>
#include <vector>

using nocsr::Insn;
using nocsr::PatchEdit;
namespace op = nocsr::op;
using namespace nocsr::build;

namespace {

/// A program of \p N slots: blocks of 16 slots with a helper call at slot 5
/// of each block, a conditional branch that jumps over it (forward or
/// backward, so every edit moves some branch targets), an ldimm64 and ALU
/// filler; it ends with exit.
std::vector<Insn> makeProgram(uint32_t N) {
  std::vector<Insn> P;
  P.reserve(N);
  uint32_t Block = 0;
  while (P.size() + 16 < N) {
    uint32_t Base = P.size();
    P.push_back(addImm(1, 1));
    P.push_back(addImm(2, 2));
    // Branch over the call to the block's end or back to the previous one.
    int16_t Off = (Block % 2 || Base == 0) ? 13 : -18;
    P.push_back(jgtImm(1, 7, Off));
    P.push_back(ldImm64Lo(3, 0x1234));
    P.push_back(ldImm64Hi(0));
    P.push_back(helper(8));
    for (uint32_t I = 6; I < 16; ++I)
      P.push_back(addImm(uint8_t(I % 5), int32_t(I)));
    ++Block;
  }
  while (P.size() + 1 < N)
    P.push_back(addImm(4, 4));
  P.push_back(exitInsn());
  return P;
}

/// The replacement of a helper call: three instructions, no branches.
std::vector<Insn> inlinedCall() {
  return {movImm(0, 0x1000), movImm(0, 0),
          mk(op::LDX | op::MEM | op::W, 0, 0, 0, 0)};
}

/// K editable positions (not a branch, exit or ldimm64 slot) spread evenly
/// over the program, sorted.
std::vector<uint32_t> pickCalls(const std::vector<Insn> &P, uint32_t K) {
  std::vector<uint32_t> Calls;
  for (uint32_t I = 0; I < P.size(); ++I) {
    if (P[I].isLdImm64()) {
      ++I;
      continue;
    }
    if (!P[I].isBranch() && !P[I].isExit())
      Calls.push_back(I);
  }
  std::vector<uint32_t> Picked;
  if (Calls.empty() || K == 0)
    return Picked;
  Picked.reserve(K);
  for (uint64_t J = 0; J < K && J < Calls.size(); ++J)
    Picked.push_back(Calls[J * Calls.size() / K]);
  return Picked;
}

/// The naive primitive: replace the one instruction at \p Pos by \p Seq and
/// fix every branch in the program (what bpf_patch_insn_single and
/// bpf_adj_branches do for a single patch).
void patchOneInsn(std::vector<Insn> &P, uint32_t Pos,
                  const std::vector<Insn> &Seq) {
  int64_t Delta = int64_t(Seq.size()) - 1;
  for (int64_t I = 0, E = P.size(); I < E; ++I) {
    if (I == Pos)
      continue;
    const Insn &In = P[I];
    if (!In.isBranch() && !In.isPseudoCall())
      continue;
    int64_t Target;
    if (!nocsr::branchTarget(In, I, Target))
      continue;
    int64_t NewI = I < Pos ? I : I + Delta;
    int64_t NewT = Target <= Pos ? Target : Target + Delta;
    int64_t Off = NewT - NewI - 1;
    if (In.isGotol() || In.isPseudoCall())
      P[I].Imm = int32_t(Off);
    else
      P[I].Off = int16_t(Off);
    if (In.isLdImm64())
      ++I;
  }
  P.erase(P.begin() + Pos);
  P.insert(P.begin() + Pos, Seq.begin(), Seq.end());
}

void BM_RangePatch(benchmark::State &State) {
  uint32_t N = State.range(0), K = State.range(1);
  std::vector<Insn> P = makeProgram(N);
  std::vector<uint32_t> Calls = pickCalls(P, K);
  std::vector<PatchEdit> Edits;
  Edits.reserve(Calls.size());
  for (uint32_t C : Calls)
    Edits.push_back({C, C + 1, inlinedCall()});
  for (auto _ : State) {
    auto R = nocsr::patchInsns(P, Edits);
    if (!R) {
      State.SkipWithError(llvm::toString(R.takeError()).c_str());
      break;
    }
    benchmark::DoNotOptimize(R->Insns.data());
  }
  State.counters["edits"] = Calls.size();
  State.counters["insns"] = P.size();
}

void BM_NaivePatch(benchmark::State &State) {
  uint32_t N = State.range(0), K = State.range(1);
  const std::vector<Insn> P = makeProgram(N);
  std::vector<uint32_t> Calls = pickCalls(P, K);
  std::vector<Insn> Seq = inlinedCall();
  for (auto _ : State) {
    State.PauseTiming();
    std::vector<Insn> Work = P;
    State.ResumeTiming();
    int64_t Shift = 0;
    for (uint32_t C : Calls) {
      patchOneInsn(Work, uint32_t(C + Shift), Seq);
      Shift += int64_t(Seq.size()) - 1;
    }
    benchmark::DoNotOptimize(Work.data());
  }
  State.counters["edits"] = Calls.size();
  State.counters["insns"] = P.size();
}

/// Both must produce the same program; checked once before timing.
bool resultsAgree(uint32_t N, uint32_t K) {
  std::vector<Insn> P = makeProgram(N);
  std::vector<uint32_t> Calls = pickCalls(P, K);
  std::vector<PatchEdit> Edits;
  for (uint32_t C : Calls)
    Edits.push_back({C, C + 1, inlinedCall()});
  auto R = nocsr::patchInsns(P, Edits);
  if (!R) {
    llvm::consumeError(R.takeError());
    return false;
  }
  std::vector<Insn> Work = P;
  int64_t Shift = 0;
  for (uint32_t C : Calls) {
    patchOneInsn(Work, uint32_t(C + Shift), inlinedCall());
    Shift += 2;
  }
  return Work == R->Insns;
}

} // namespace

constexpr int64_t M = 1 << 20;

// The headline pair: K = 100k edits on N = 1M instructions. The naive
// baseline at full K takes minutes; /1000 and /4000 give its per-edit cost
// (linear in K) for --quick runs, which extrapolate.
BENCHMARK(BM_RangePatch)
    ->Args({M, 100000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_NaivePatch)
    ->Args({M, 1000})
    ->Args({M, 4000})
    ->Args({M, 100000})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// Scaling: N doubled at fixed K, K doubled at fixed N.
BENCHMARK(BM_RangePatch)
    ->Args({M / 4, 25000})
    ->Args({M / 2, 25000})
    ->Args({M, 25000})
    ->Args({2 * M, 25000})
    ->Args({4 * M, 25000})
    ->Args({M, 50000})
    ->Args({M, 200000})
    ->Args({M, 400000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

int main(int argc, char **argv) {
  if (!resultsAgree(1 << 16, 2000)) {
    fprintf(stderr, "nocsr-bench-patcher: range patcher and one-at-a-time "
                    "patching disagree\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
