//===- CallChainTest.cpp - Call-chain depth and r10 offsets ---------------===//
//
// Expected values are derived by hand from the kernel's
// round_up_stack_depth() (kernel/bpf/verifier.c): round_up(depth, 16) when
// the program is JITed, round_up(max(depth, 1), 32) for the interpreter.
//
//===----------------------------------------------------------------------===//

#include "bpf_nocsr/CallChain.h"
#include "bpf_nocsr/FrameOffset.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <limits>

using namespace bpf_nocsr;

TEST(CallChain, RoundsFramesAsTheKernel) {
  EXPECT_EQ(roundUpStackDepth(0), 0);
  EXPECT_EQ(roundUpStackDepth(8), 16);
  EXPECT_EQ(roundUpStackDepth(16), 16);
  EXPECT_EQ(roundUpStackDepth(200), 208);
  EXPECT_EQ(roundUpStackDepth(0, StackRounding::Interpreter), 32);
  EXPECT_EQ(roundUpStackDepth(8, StackRounding::Interpreter), 32);
  EXPECT_EQ(roundUpStackDepth(200, StackRounding::Interpreter), 224);
}

TEST(CallChain, DeepestPathWithRoundedFrames) {
  // 0 calls 1 and 2; 2 calls 3. 0 -> 2 -> 3: 208 + 16 + 304 = 528;
  // 0 -> 1: 208 + 256 = 464.
  const std::vector<int> Depths = {200, 256, 8, 304};
  const std::vector<std::vector<std::size_t>> Callees = {{1, 2}, {}, {3}, {}};
  CallChain C = deepestCallChain(Depths, Callees, 0);
  EXPECT_EQ(C.StackBytes, 528);
  EXPECT_EQ(C.Frames, (std::vector<std::size_t>{0, 2, 3}));
  // Interpreter: 224 + 32 + 320 = 576.
  EXPECT_EQ(deepestCallChain(Depths, Callees, 0, StackRounding::Interpreter)
                .StackBytes,
            576);
  // From a callee.
  EXPECT_EQ(deepestCallChain(Depths, Callees, 2).StackBytes, 320);
}

TEST(CallChain, TiesGoToTheFirstCalleeAndEmptyTailsAreLeftOut) {
  const std::vector<int> Depths = {16, 32, 32, 0};
  const std::vector<std::vector<std::size_t>> Callees = {{1, 2}, {3}, {}, {}};
  CallChain C = deepestCallChain(Depths, Callees, 0);
  EXPECT_EQ(C.StackBytes, 48);
  EXPECT_EQ(C.Frames, (std::vector<std::size_t>{0, 1}));
}

TEST(CallChain, RecursionCountsOnce) {
  const std::vector<int> Depths = {16, 32};
  const std::vector<std::vector<std::size_t>> Callees = {{1}, {0, 1}};
  CallChain C = deepestCallChain(Depths, Callees, 0);
  EXPECT_EQ(C.StackBytes, 48);
  EXPECT_EQ(C.Frames, (std::vector<std::size_t>{0, 1}));
}

TEST(FrameOffset, SpellsAsTheChecker) {
  EXPECT_EQ(formatFrameOffset(-8), "r10-8");
  EXPECT_EQ(formatFrameOffset(16), "r10+16");
  EXPECT_EQ(formatFrameOffset(0), "r10+0");
  EXPECT_EQ(formatFrameOffset(std::numeric_limits<std::int64_t>::min()),
            "r10+?");
  EXPECT_EQ(formatFrameOffset(std::numeric_limits<std::int64_t>::max()),
            "r10+?");
}
