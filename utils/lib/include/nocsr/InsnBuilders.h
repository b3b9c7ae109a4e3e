//===- nocsr/InsnBuilders.h - BPF instruction constructors ------*- C++ -*-===//
//
// Instructions by name, registers numbered as in BPF assembly: for the
// kernel probe's programs, the unit tests and the patcher benchmark.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_INSNBUILDERS_H
#define NOCSR_INSNBUILDERS_H

#include "nocsr/Insn.h"

namespace nocsr::build {

inline Insn mk(uint8_t Code, uint8_t Dst, uint8_t Src, int16_t Off,
               int32_t Imm) {
  Insn I;
  I.Code = Code;
  I.Dst = Dst;
  I.Src = Src;
  I.Off = Off;
  I.Imm = Imm;
  return I;
}
inline Insn movImm(uint8_t Dst, int32_t Imm) {
  return mk(op::ALU64 | op::MOV | op::K, Dst, 0, 0, Imm);
}
inline Insn movReg(uint8_t Dst, uint8_t Src) {
  return mk(op::ALU64 | op::MOV | op::X, Dst, Src, 0, 0);
}
inline Insn addImm(uint8_t Dst, int32_t Imm) {
  return mk(op::ALU64 | op::ADD | op::K, Dst, 0, 0, Imm);
}
inline Insn addReg(uint8_t Dst, uint8_t Src) {
  return mk(op::ALU64 | op::ADD | op::X, Dst, Src, 0, 0);
}
inline Insn andImm(uint8_t Dst, int32_t Imm) {
  return mk(op::ALU64 | op::AND | op::K, Dst, 0, 0, Imm);
}
inline Insn spill(uint8_t Reg, int16_t Off) {
  return mk(op::StxMemDW, 10, Reg, Off, 0);
}
inline Insn fill(uint8_t Reg, int16_t Off) {
  return mk(op::LdxMemDW, Reg, 10, Off, 0);
}
inline Insn stxW(uint8_t Base, uint8_t Reg, int16_t Off) {
  return mk(op::STX | op::MEM | op::W, Base, Reg, Off, 0);
}
inline Insn ldxDW(uint8_t Dst, uint8_t Base, int16_t Off) {
  return mk(op::LdxMemDW, Dst, Base, Off, 0);
}
inline Insn stxDW(uint8_t Base, uint8_t Reg, int16_t Off) {
  return mk(op::StxMemDW, Base, Reg, Off, 0);
}
inline Insn stImm(uint8_t Base, int16_t Off, int32_t Imm) {
  return mk(op::ST | op::MEM | op::DW, Base, 0, Off, Imm);
}
inline Insn helper(int32_t N) { return mk(op::Call, 0, 0, 0, N); }
inline Insn kfunc(int32_t BtfId = 0) {
  return mk(op::Call, 0, op::PseudoKfuncCall, 0, BtfId);
}
inline Insn subCall(int32_t Rel) {
  return mk(op::Call, 0, op::PseudoCall, 0, Rel);
}
inline Insn ja(int16_t Off) { return mk(op::JMP | op::JA, 0, 0, Off, 0); }
inline Insn gotol(int32_t Imm) { return mk(op::JMP32 | op::JA, 0, 0, 0, Imm); }
inline Insn mayGoto(int16_t Off) {
  return mk(op::JMP | op::JCOND, 0, 0, Off, 0);
}
inline Insn jeqImm(uint8_t Dst, int32_t Imm, int16_t Off) {
  return mk(op::JMP | 0x10 | op::K, Dst, 0, Off, Imm);
}
inline Insn jgtImm(uint8_t Dst, int32_t Imm, int16_t Off) {
  return mk(op::JMP | 0x20 | op::K, Dst, 0, Off, Imm);
}
inline Insn jeq32Imm(uint8_t Dst, int32_t Imm, int16_t Off) {
  return mk(op::JMP32 | 0x10 | op::K, Dst, 0, Off, Imm);
}
inline Insn ldImm64Lo(uint8_t Dst, int32_t Lo, uint8_t Src = 0) {
  return mk(op::LdImm64, Dst, Src, 0, Lo);
}
inline Insn ldImm64Hi(int32_t Hi) { return mk(0, 0, 0, 0, Hi); }
inline Insn exitInsn() { return mk(op::Exit, 0, 0, 0, 0); }

} // namespace nocsr::build

#endif // NOCSR_INSNBUILDERS_H
