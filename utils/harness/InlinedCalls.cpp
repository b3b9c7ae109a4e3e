//===- InlinedCalls.cpp - What the verifier makes of a call ---------------===//

#include "InlinedCalls.h"

#include "bpf_nocsr/Contract.h"

#include "llvm/ADT/STLExtras.h"

using namespace llvm;

namespace bpf_nocsr {
namespace harness {

namespace {

bool is(const bpf_insn &I, std::uint8_t Code, unsigned Dst, unsigned Src = 0) {
  return I.code == Code && I.dst_reg == Dst && I.src_reg == Src;
}

bool isHelper(const bpf_insn &Call, std::int32_t Number) {
  return Call.src_reg == 0 && Call.imm == Number;
}

bool isMovKfunc(const bpf_insn &Call, ArrayRef<std::int32_t> MovKfuncIds) {
  return Call.src_reg == BPF_PSEUDO_KFUNC_CALL &&
         is_contained(MovKfuncIds, Call.imm);
}

/// Helper 8, bpf_get_smp_processor_id: `r0 = &cpu_number; r0 = percpu(r0);
/// r0 = *(u32 *)(r0 + 0)`.
unsigned matchCpuId(ArrayRef<bpf_insn> X, size_t J) {
  if (J + 3 > X.size())
    return 0;
  bool Ok = is(X[J], BPF_ALU64 | BPF_MOV | BPF_K, ReturnReg) &&
            is(X[J + 1], BPF_ALU64 | BPF_MOV | BPF_X, ReturnReg, ReturnReg) &&
            X[J + 1].off == -1 /* BPF_ADDR_PERCPU */ &&
            is(X[J + 2], BPF_LDX | BPF_MEM | BPF_W, ReturnReg, ReturnReg) &&
            X[J + 2].off == 0;
  return Ok ? 3 : 0;
}

/// Helper 118, bpf_jiffies64: `r0 = &jiffies ll; r0 = *(u64 *)(r0 + 0)`
/// (three slots).
unsigned matchJiffies(ArrayRef<bpf_insn> X, size_t J) {
  if (J + 3 > X.size())
    return 0;
  bool Ok = is(X[J], BPF_LD | BPF_IMM | BPF_DW, ReturnReg) &&
            X[J + 1].code == 0 &&
            is(X[J + 2], BPF_LDX | BPF_MEM | BPF_DW, ReturnReg, ReturnReg) &&
            X[J + 2].off == 0;
  return Ok ? 3 : 0;
}

/// Helper 1, bpf_map_lookup_elem, on an array-like map (map_gen_lookup):
///   r1 += offsetof(value); r0 = *(u32 *)(r2 + 0); if r0 >= max goto +N;
///   ... (index to element pointer in r0) ...; goto +1; r0 = 0
/// Measured for ARRAY (7 instructions), PERCPU_ARRAY (9, with a percpu
/// load) and ARRAY_OF_MAPS (9, with a null check); maps whose lookup stays a
/// call (the hash family) need no form.
unsigned matchArrayLookup(ArrayRef<bpf_insn> X, size_t J) {
  if (J + 3 > X.size() || !is(X[J], BPF_ALU64 | BPF_ADD | BPF_K, FirstArgReg) ||
      !is(X[J + 1], BPF_LDX | BPF_MEM | BPF_W, ReturnReg, FirstArgReg + 1) ||
      X[J + 1].off != 0 || !is(X[J + 2], BPF_JMP | BPF_JGE | BPF_K, ReturnReg))
    return 0;
  // The out-of-range branch lands on `r0 = 0`, right after `goto +1`.
  size_t Null = J + 3 + size_t(X[J + 2].off);
  if (X[J + 2].off < 2 || Null >= X.size() ||
      !is(X[Null], BPF_ALU64 | BPF_MOV | BPF_K, ReturnReg) || X[Null].imm ||
      X[Null - 1].code != (BPF_JMP | BPF_JA) || X[Null - 1].off != 1)
    return 0;
  // In between: r0 from index to element; ARRAY_OF_MAPS also loads the
  // inner map and branches to `r0 = 0` when it is null.
  for (size_t K = J + 3; K + 1 < Null; ++K) {
    if (X[K].dst_reg != ReturnReg)
      return 0;
    if (BPF_CLASS(X[K].code) == BPF_JMP &&
        (BPF_OP(X[K].code) == BPF_JA || BPF_OP(X[K].code) == BPF_CALL ||
         BPF_OP(X[K].code) == BPF_EXIT || K + 1 + X[K].off != Null))
      return 0;
  }
  return unsigned(Null - J + 1);
}

/// Helper 181, bpf_loop with a known callback (inline_bpf_loop):
///   if r1 <= BPF_MAX_LOOPS goto +2; w0 = -E2BIG; goto +N; <the loop>
/// The loop saves r6-r8 on the stack and calls the callback as a subprogram.
unsigned matchBpfLoop(ArrayRef<bpf_insn> X, size_t J) {
  constexpr std::int32_t MaxLoops = 1 << 23;
  if (J + 3 > X.size() || !is(X[J], BPF_JMP | BPF_JLE | BPF_K, FirstArgReg) ||
      X[J].imm != MaxLoops || X[J].off != 2 ||
      !is(X[J + 1], BPF_ALU | BPF_MOV | BPF_K, ReturnReg) ||
      X[J + 2].code != (BPF_JMP | BPF_JA) || X[J + 2].off <= 0)
    return 0;
  size_t End = J + 3 + size_t(X[J + 2].off);
  if (End > X.size())
    return 0;
  bool CallsBack =
      llvm::any_of(X.slice(J + 3, End - J - 3), [](const bpf_insn &I) {
        return I.code == (BPF_JMP | BPF_CALL) && I.src_reg == BPF_PSEUDO_CALL;
      });
  return CallsBack ? unsigned(End - J) : 0;
}

/// bpf_cast_to_kern_ctx, bpf_rdonly_cast: `r0 = r1`.
unsigned matchMovR0R1(ArrayRef<bpf_insn> X, size_t J) {
  return J < X.size() &&
                 is(X[J], BPF_ALU64 | BPF_MOV | BPF_X, ReturnReg, FirstArgReg)
             ? 1
             : 0;
}

} // namespace

bool mayBeInlined(const bpf_insn &Call, ArrayRef<std::int32_t> MovKfuncIds) {
  return isHelper(Call, BPF_FUNC_get_smp_processor_id) ||
         isHelper(Call, BPF_FUNC_jiffies64) ||
         isHelper(Call, BPF_FUNC_map_lookup_elem) ||
         isHelper(Call, BPF_FUNC_loop) || isMovKfunc(Call, MovKfuncIds);
}

unsigned matchInlinedCall(const bpf_insn &Call,
                          ArrayRef<std::int32_t> MovKfuncIds,
                          ArrayRef<bpf_insn> X, size_t J) {
  if (isHelper(Call, BPF_FUNC_get_smp_processor_id))
    return matchCpuId(X, J);
  if (isHelper(Call, BPF_FUNC_jiffies64))
    return matchJiffies(X, J);
  if (isHelper(Call, BPF_FUNC_map_lookup_elem))
    return matchArrayLookup(X, J);
  if (isHelper(Call, BPF_FUNC_loop))
    return matchBpfLoop(X, J);
  if (isMovKfunc(Call, MovKfuncIds))
    return matchMovR0R1(X, J);
  return 0;
}

} // namespace harness
} // namespace bpf_nocsr
