//===- Insn.h - Decoded BPF instructions ------------------------*- C++ -*-===//
//
// The eBPF instruction encoding as the verifier sees it: one 8-byte slot per
// instruction (two for ldimm64), decoded from either byte order into a plain
// struct, plus the few predicates the checker asks about opcodes.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_INSN_H
#define NOCSR_INSN_H

#include <cstdint>
#include <cstring>

namespace nocsr {

namespace op {
// Instruction classes.
constexpr uint8_t LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03, ALU = 0x04,
                  JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;
// Size and mode of loads and stores.
constexpr uint8_t W = 0x00, H = 0x08, B = 0x10, DW = 0x18;
constexpr uint8_t IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, MEMSX = 0x80,
                  ATOMIC = 0xc0;
// Source of ALU and jump operands.
constexpr uint8_t K = 0x00, X = 0x08;
// Jump operations.
constexpr uint8_t JA = 0x00, CALL = 0x80, EXIT = 0x90, JCOND = 0xe0;
// ALU operations.
constexpr uint8_t ADD = 0x00, SUB = 0x10, AND = 0x50, NEG = 0x80, MOV = 0xb0,
                  END = 0xd0;
// src_reg values of calls and ldimm64.
constexpr uint8_t PseudoCall = 1, PseudoKfuncCall = 2, PseudoFunc = 4;
// Atomic operation flags.
constexpr int32_t Fetch = 0x01, Xchg = 0xe0 | Fetch, CmpXchg = 0xf0 | Fetch;

constexpr uint8_t StxMemDW = STX | MEM | DW;
constexpr uint8_t LdxMemDW = LDX | MEM | DW;
constexpr uint8_t LdImm64 = LD | IMM | DW;
constexpr uint8_t Call = JMP | CALL;
constexpr uint8_t Exit = JMP | EXIT;
} // namespace op

struct Insn {
  uint8_t Code = 0;
  uint8_t Dst = 0;
  uint8_t Src = 0;
  int16_t Off = 0;
  int32_t Imm = 0;

  uint8_t cls() const { return Code & 0x07; }
  uint8_t size() const { return Code & 0x18; }
  uint8_t mode() const { return Code & 0xe0; }
  uint8_t aluOp() const { return Code & 0xf0; }
  bool srcIsReg() const { return Code & op::X; }

  bool isLdImm64() const { return Code == op::LdImm64; }
  bool isCall() const { return Code == op::Call; }
  bool isHelperCall() const { return isCall() && Src == 0; }
  bool isPseudoCall() const { return isCall() && Src == op::PseudoCall; }
  bool isKfuncCall() const { return isCall() && Src == op::PseudoKfuncCall; }
  bool isPseudoFunc() const { return isLdImm64() && Src == op::PseudoFunc; }
  bool isExit() const { return Code == op::Exit; }
  bool isJmpClass() const { return cls() == op::JMP || cls() == op::JMP32; }
  /// A jump with a target (conditional or not, incl. gotol and may_goto).
  bool isBranch() const {
    if (!isJmpClass())
      return false;
    uint8_t O = aluOp();
    return O != op::CALL && O != op::EXIT;
  }
  bool isUncondJump() const { return isJmpClass() && aluOp() == op::JA; }
  /// gotol: the 32-bit jump whose offset lives in imm.
  bool isGotol() const { return Code == (op::JMP32 | op::JA); }
  /// Relative target of a branch (in slots, from the next instruction).
  int64_t branchDelta() const { return isGotol() ? int64_t(Imm) : Off; }
  bool isSpillToFP() const { return Code == op::StxMemDW && Dst == 10; }
  bool isFillFromFP() const { return Code == op::LdxMemDW && Src == 10; }
  bool isMemAccess() const {
    uint8_t C = cls();
    return (C == op::LDX && (mode() == op::MEM || mode() == op::MEMSX)) ||
           ((C == op::ST || C == op::STX) &&
            (mode() == op::MEM || mode() == op::ATOMIC));
  }
  /// Bytes touched by a load or store.
  unsigned accessBytes() const {
    switch (size()) {
    case op::W:
      return 4;
    case op::H:
      return 2;
    case op::B:
      return 1;
    default:
      return 8;
    }
  }
  bool operator==(const Insn &O) const {
    return Code == O.Code && Dst == O.Dst && Src == O.Src && Off == O.Off &&
           Imm == O.Imm;
  }
  bool operator!=(const Insn &O) const { return !(*this == O); }
};

constexpr unsigned InsnSize = 8;

/// Absolute target slot of branch, call or ldimm64 function reference \p I at
/// slot \p Idx, or false when \p I has none.
inline bool branchTarget(const Insn &I, int64_t Idx, int64_t &Target) {
  if (I.isBranch()) {
    Target = Idx + 1 + I.branchDelta();
    return true;
  }
  if (I.isPseudoCall() || I.isPseudoFunc()) {
    Target = Idx + 1 + int64_t(I.Imm);
    return true;
  }
  return false;
}

/// Decode one 8-byte slot. Big-endian objects store dst in the high nibble of
/// the register byte and the multi-byte fields big-endian.
inline Insn decodeInsn(const uint8_t *P, bool LittleEndian) {
  Insn I;
  I.Code = P[0];
  if (LittleEndian) {
    I.Dst = P[1] & 0x0f;
    I.Src = P[1] >> 4;
    I.Off = int16_t(uint16_t(P[2] | (P[3] << 8)));
    I.Imm = int32_t(uint32_t(P[4]) | (uint32_t(P[5]) << 8) |
                    (uint32_t(P[6]) << 16) | (uint32_t(P[7]) << 24));
  } else {
    I.Dst = P[1] >> 4;
    I.Src = P[1] & 0x0f;
    I.Off = int16_t(uint16_t((P[2] << 8) | P[3]));
    I.Imm = int32_t((uint32_t(P[4]) << 24) | (uint32_t(P[5]) << 16) |
                    (uint32_t(P[6]) << 8) | uint32_t(P[7]));
  }
  return I;
}

inline void encodeInsn(const Insn &I, uint8_t *P, bool LittleEndian) {
  P[0] = I.Code;
  uint16_t Off = uint16_t(I.Off);
  uint32_t Imm = uint32_t(I.Imm);
  if (LittleEndian) {
    P[1] = uint8_t((I.Src << 4) | (I.Dst & 0x0f));
    P[2] = uint8_t(Off);
    P[3] = uint8_t(Off >> 8);
    for (int B = 0; B < 4; ++B)
      P[4 + B] = uint8_t(Imm >> (8 * B));
  } else {
    P[1] = uint8_t((I.Dst << 4) | (I.Src & 0x0f));
    P[2] = uint8_t(Off >> 8);
    P[3] = uint8_t(Off);
    for (int B = 0; B < 4; ++B)
      P[4 + B] = uint8_t(Imm >> (8 * (3 - B)));
  }
}

} // namespace nocsr

#endif // NOCSR_INSN_H
