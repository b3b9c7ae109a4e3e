//===- bpf_nocsr/CallChain.h - Stack of BPF-to-BPF call chains --*- C++ -*-===//
//
// The kernel's check_max_stack_depth(): the frames along a chain of
// BPF-to-BPF calls, each rounded as round_up_stack_depth() rounds it, must
// fit in 512 bytes together. A subprogram whose address another one loads (a
// bpf_loop or bpf_for_each_map_elem callback) extends that chain as a call
// does, unless it is an asynchronous callback, which starts a chain of its
// own. Shared by the plugin (bracket regions) and the checker (stack depths
// after the rewrite).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_CALLCHAIN_H
#define BPF_NOCSR_CALLCHAIN_H

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace bpf_nocsr {

/// Helpers that take a subprogram's address as an asynchronous callback (the
/// verifier's is_async_cb): bpf_timer_set_callback.
constexpr int AsyncCallbackHelpers[] = {170};

/// Kfuncs that do: workqueue and task_work callbacks (the task_work kfuncs
/// under both names they have had).
constexpr std::string_view AsyncCallbackKfuncs[] = {
    "bpf_wq_set_callback_impl",           "bpf_task_work_schedule_signal",
    "bpf_task_work_schedule_resume",      "bpf_task_work_schedule_signal_impl",
    "bpf_task_work_schedule_resume_impl",
};

/// Does a subprogram address passed to helper \p Helper start a chain of its
/// own?
constexpr bool takesAsyncCallback(int Helper) {
  for (int H : AsyncCallbackHelpers)
    if (H == Helper)
      return true;
  return false;
}

/// Does a subprogram address passed to kfunc \p Name start a chain of its
/// own?
constexpr bool takesAsyncCallback(std::string_view Name) {
  for (std::string_view K : AsyncCallbackKfuncs)
    if (K == Name)
      return true;
  return false;
}

/// How round_up_stack_depth() counts a frame: to 16 bytes when the program
/// is JITed, to 32 (and at least 32) for the interpreter.
enum class StackRounding { Jit, Interpreter };

constexpr int roundUpStackDepth(int Depth,
                                StackRounding Rounding = StackRounding::Jit) {
  if (Rounding == StackRounding::Jit)
    return (Depth + 15) / 16 * 16;
  return (std::max(Depth, 1) + 31) / 32 * 32;
}

/// The deepest chain starting at one subprogram.
struct CallChain {
  /// The rounded frames along the chain, added up.
  int StackBytes = 0;
  /// Subprogram indices, the root first. The chain ends at the last frame
  /// that adds bytes; of callees as deep as each other, the first one counts.
  std::vector<std::size_t> Frames;
};

/// The deepest call chain from subprogram \p Root, given each subprogram's
/// stack depth \p Depths[S] and the subprograms it calls or loads as a
/// synchronous callback, \p Callees[S].
/// A call back into a subprogram already on the chain (recursion, which the
/// kernel rejects anyway) adds nothing.
inline CallChain
deepestCallChain(const std::vector<int> &Depths,
                 const std::vector<std::vector<std::size_t>> &Callees,
                 std::size_t Root,
                 StackRounding Rounding = StackRounding::Jit) {
  constexpr std::size_t None = ~std::size_t(0);
  enum State : char { Unvisited, OnChain, Done };
  struct Node {
    State Seen = Unvisited;
    int Below = 0;           // Deepest chain from here, this frame included.
    std::size_t Next = None; // The callee on that chain.
  };
  std::vector<Node> Nodes(Depths.size());

  // Iterative post-order walk: a deep call graph must not exhaust the host
  // stack.
  std::vector<std::pair<std::size_t, std::size_t>> Walk{{Root, 0}};
  Nodes[Root].Seen = OnChain;
  while (!Walk.empty()) {
    auto &[S, NextCallee] = Walk.back();
    if (NextCallee < Callees[S].size()) {
      const std::size_t C = Callees[S][NextCallee++];
      if (Nodes[C].Seen == Unvisited) {
        Nodes[C].Seen = OnChain;
        Walk.push_back({C, 0});
      }
      continue;
    }
    int Deepest = 0;
    for (std::size_t C : Callees[S])
      if (Nodes[C].Seen == Done && Nodes[C].Below > Deepest) {
        Deepest = Nodes[C].Below;
        Nodes[S].Next = C;
      }
    Nodes[S].Below = roundUpStackDepth(Depths[S], Rounding) + Deepest;
    Nodes[S].Seen = Done;
    Walk.pop_back();
  }

  CallChain Chain;
  Chain.StackBytes = Nodes[Root].Below;
  for (std::size_t S = Root; S != None; S = Nodes[S].Next)
    Chain.Frames.push_back(S);
  return Chain;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_CALLCHAIN_H
