//===- ObjectReader.cpp - BPF ELF objects to loadable programs ------------===//

#include "nocsr/ObjectReader.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/DebugInfo/BTF/BTFParser.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace llvm;
using namespace llvm::object;

namespace nocsr {

static Error readError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

namespace {

/// What a relocation on an instruction points at.
struct InsnReloc {
  std::string SymName;
  bool Undefined = false;
  int64_t SecIndex = -1; // Section of the symbol when defined.
  uint64_t SymValue = 0;
};

struct ExecSection {
  std::string Name;
  uint64_t Index = 0;
  std::vector<Insn> Insns;
  std::vector<uint32_t> Funcs; // Indices into ObjFile::Functions, by start.
  DenseMap<uint32_t, InsnReloc> Relocs; // Keyed by slot.
};

class Linker {
public:
  Linker(ObjFile &F, std::vector<ExecSection> &Secs) : F(F), Secs(Secs) {}
  Expected<ObjProgram> link(uint32_t Sec, uint32_t Func);

private:
  ObjFile &F;
  std::vector<ExecSection> &Secs;
  // Function (global index) -> its section index in Secs.
  std::vector<uint32_t> FuncSec;

public:
  void setFuncSections(std::vector<uint32_t> FS) { FuncSec = std::move(FS); }
  Expected<uint32_t> funcAt(uint32_t Sec, int64_t Slot) const;
  DenseMap<uint64_t, uint32_t> *SecOfIndex = nullptr;
  int64_t secByIndex(int64_t Index) const {
    if (Index < 0)
      return -1;
    auto It = SecOfIndex->find(uint64_t(Index));
    return It == SecOfIndex->end() ? -1 : int64_t(It->second);
  }
};

Expected<uint32_t> Linker::funcAt(uint32_t Sec, int64_t Slot) const {
  const ExecSection &S = Secs[Sec];
  // Funcs is sorted by start: find the last function starting at or before
  // Slot.
  auto It = std::upper_bound(S.Funcs.begin(), S.Funcs.end(), Slot,
                             [&](int64_t V, uint32_t Fn) {
                               return V < int64_t(F.Functions[Fn].SecStart);
                             });
  if (It != S.Funcs.begin()) {
    const ObjFunction &Func = F.Functions[*std::prev(It)];
    if (Slot == int64_t(Func.SecStart))
      return *std::prev(It);
    if (Slot < int64_t(Func.SecStart + Func.NumInsns))
      return readError(formatv("call into the middle of function '{0}' "
                               "(section '{1}', insn {2})",
                               Func.Name, S.Name, Slot));
  }
  return readError(formatv("call target insn {0} of section '{1}' is not a "
                           "function",
                           Slot, S.Name));
}

Expected<ObjProgram> Linker::link(uint32_t Sec, uint32_t Func) {
  ObjProgram P;
  P.Name = F.Functions[Func].Name;
  P.Section = Secs[Sec].Name;
  std::vector<int64_t> LinkedStart(F.Functions.size(), -1);
  std::vector<Insn> &Out = P.Input.Insns;

  auto Append = [&](uint32_t Fn) {
    LinkedStart[Fn] = int64_t(Out.size());
    P.Input.SubprogStarts.push_back(uint32_t(Out.size()));
    P.SubprogFuncs.push_back(Fn);
    const ObjFunction &OF = F.Functions[Fn];
    const ExecSection &S = Secs[FuncSec[Fn]];
    Out.insert(Out.end(), S.Insns.begin() + OF.SecStart,
               S.Insns.begin() + OF.SecStart + OF.NumInsns);
  };

  // Depth-first, like libbpf's bpf_object__reloc_code(): a callee is
  // appended and processed as soon as its first call is seen.
  struct Frame {
    uint32_t Fn;
    uint32_t Next; // Next slot of the function to process.
  };
  std::vector<Frame> Stack;
  Append(Func);
  Stack.push_back({Func, 0});
  while (!Stack.empty()) {
    Frame &Fr = Stack.back();
    const ObjFunction &OF = F.Functions[Fr.Fn];
    if (Fr.Next >= OF.NumInsns) {
      Stack.pop_back();
      continue;
    }
    uint32_t SecIdx = FuncSec[Fr.Fn];
    const ExecSection &S = Secs[SecIdx];
    uint32_t Slot = OF.SecStart + Fr.Next;
    uint32_t Pos = uint32_t(LinkedStart[Fr.Fn]) + Fr.Next;
    ++Fr.Next;
    Insn &I = Out[Pos];
    bool IsCall = I.isCall() && I.Src == op::PseudoCall;
    bool IsLd = I.isLdImm64();
    if (IsLd)
      ++Fr.Next; // Second slot.
    if (!IsCall && !IsLd)
      continue;
    auto RI = S.Relocs.find(Slot);
    const InsnReloc *R = RI == S.Relocs.end() ? nullptr : &RI->second;
    int64_t TargetSec = SecIdx, TargetSlot;
    if (IsLd) {
      // A function address: a relocation against an executable section.
      if (!R || R->Undefined)
        continue;
      TargetSec = secByIndex(R->SecIndex);
      if (TargetSec < 0)
        continue;
      TargetSlot = int64_t(R->SymValue / InsnSize) + I.Imm / int64_t(InsnSize);
      I.Src = op::PseudoFunc;
    } else if (R && R->Undefined) {
      I.Src = op::PseudoKfuncCall;
      I.Imm = 0;
      P.Input.KfuncNames[Pos] = R->SymName;
      continue;
    } else if (R) {
      TargetSec = secByIndex(R->SecIndex);
      if (TargetSec < 0)
        return readError(formatv("insn {0} of section '{1}': call relocated "
                                 "against a non-executable section",
                                 Slot, S.Name));
      TargetSlot = int64_t(R->SymValue / InsnSize) + int64_t(I.Imm) + 1;
    } else {
      TargetSlot = int64_t(Slot) + int64_t(I.Imm) + 1;
    }
    const ExecSection &TS = Secs[TargetSec];
    if (TargetSlot < 0 || TargetSlot >= int64_t(TS.Insns.size()))
      return readError(formatv("insn {0} of section '{1}': call target {2} "
                               "out of range",
                               Slot, S.Name, TargetSlot));
    Expected<uint32_t> Callee = funcAt(uint32_t(TargetSec), TargetSlot);
    if (!Callee)
      return Callee.takeError();
    bool Fresh = LinkedStart[*Callee] < 0;
    if (Fresh)
      Append(*Callee);
    // Out may have grown; re-fetch the instruction.
    Out[Pos].Imm = int32_t(LinkedStart[*Callee] - int64_t(Pos) - 1);
    if (Fresh)
      Stack.push_back({*Callee, 0});
  }
  return P;
}

} // namespace

template <class ELFT>
static Error readRelocations(const ELFFile<ELFT> &EF,
                             std::vector<ExecSection> &Secs,
                             const DenseMap<uint64_t, uint32_t> &SecOfIndex) {
  auto Sections = EF.sections();
  if (!Sections)
    return readError("bad section table: " + toString(Sections.takeError()));
  for (const typename ELFT::Shdr &Sh : *Sections) {
    if (Sh.sh_type != ELF::SHT_REL && Sh.sh_type != ELF::SHT_RELA)
      continue;
    auto It = SecOfIndex.find(Sh.sh_info);
    if (It == SecOfIndex.end())
      continue;
    ExecSection &ES = Secs[It->second];
    auto SymTab = EF.getSection(Sh.sh_link);
    if (!SymTab)
      return readError("relocation section without a symbol table: " +
                       toString(SymTab.takeError()));
    auto StrTab = EF.getStringTableForSymtab(**SymTab);
    if (!StrTab)
      return readError("bad symbol string table: " +
                       toString(StrTab.takeError()));
    auto AddReloc = [&](uint64_t Off, uint32_t SymIdx) -> Error {
      if (Off % InsnSize || Off / InsnSize >= ES.Insns.size())
        return readError(formatv("relocation at offset {0} outside section "
                                 "'{1}' or misaligned",
                                 Off, ES.Name));
      if (SymIdx == 0)
        return Error::success();
      auto Sym = EF.template getEntry<typename ELFT::Sym>(**SymTab, SymIdx);
      if (!Sym)
        return readError("bad relocation symbol: " + toString(Sym.takeError()));
      InsnReloc IR;
      auto Name = (*Sym)->getName(*StrTab);
      if (!Name)
        return readError("bad relocation symbol name: " +
                         toString(Name.takeError()));
      IR.SymName = Name->str();
      IR.Undefined = (*Sym)->st_shndx == ELF::SHN_UNDEF;
      if (!IR.Undefined && (*Sym)->st_shndx < ELF::SHN_LORESERVE)
        IR.SecIndex = int64_t((*Sym)->st_shndx);
      IR.SymValue = (*Sym)->st_value;
      ES.Relocs[uint32_t(Off / InsnSize)] = std::move(IR);
      return Error::success();
    };
    if (Sh.sh_type == ELF::SHT_REL) {
      auto Rels = EF.rels(Sh);
      if (!Rels)
        return readError("bad relocation section: " +
                         toString(Rels.takeError()));
      for (const typename ELFT::Rel &R : *Rels)
        if (Error E = AddReloc(R.r_offset, R.getSymbol(EF.isMips64EL())))
          return E;
    } else {
      auto Relas = EF.relas(Sh);
      if (!Relas)
        return readError("bad relocation section: " +
                         toString(Relas.takeError()));
      for (const typename ELFT::Rela &R : *Relas)
        if (Error E = AddReloc(R.r_offset, R.getSymbol(EF.isMips64EL())))
          return E;
    }
  }
  return Error::success();
}

/// Prototype shapes of the extern functions (kfuncs) the object's BTF
/// describes. Objects without usable BTF give none.
static StringMap<KfuncShape> readKfuncShapes(const ObjectFile &Obj) {
  StringMap<KfuncShape> Shapes;
  BTFParser BTF;
  BTFParser::ParseOptions Opts;
  Opts.LoadTypes = true;
  if (Error E = BTF.parse(Obj, Opts)) {
    consumeError(std::move(E));
    return Shapes;
  }
  constexpr uint32_t KindFunc = 12, KindFuncProto = 13;
  for (uint32_t Id = 1; Id < BTF.typesCount(); ++Id) {
    const BTF::CommonType *T = BTF.findType(Id);
    if (!T || T->getKind() != KindFunc)
      continue;
    const BTF::CommonType *Proto = BTF.findType(T->Type);
    if (!Proto || Proto->getKind() != KindFuncProto)
      continue;
    StringRef Name = BTF.findString(T->NameOff);
    if (Name.empty())
      continue;
    Shapes[Name] = {Proto->getVlen(), Proto->Type == 0};
  }
  return Shapes;
}

Expected<ObjFile> readBpfObject(MemoryBufferRef Buf) {
  Expected<std::unique_ptr<ObjectFile>> ObjOrErr =
      ObjectFile::createObjectFile(Buf);
  if (!ObjOrErr)
    return readError("not an object file: " + toString(ObjOrErr.takeError()));
  auto *Obj = dyn_cast<ELFObjectFileBase>(ObjOrErr->get());
  if (!Obj)
    return readError("not an ELF object");
  Triple::ArchType Arch = Obj->getArch();
  if (Arch != Triple::bpfel && Arch != Triple::bpfeb)
    return readError("not a BPF ELF object (machine is not EM_BPF)");

  ObjFile F;
  F.LittleEndian = Arch == Triple::bpfel;
  std::vector<ExecSection> Secs;
  DenseMap<uint64_t, uint32_t> SecOfIndex;

  for (const SectionRef &S : Obj->sections()) {
    if (!S.isText())
      continue;
    Expected<StringRef> Name = S.getName();
    if (!Name)
      return readError("bad section name: " + toString(Name.takeError()));
    Expected<StringRef> Data = S.getContents();
    if (!Data)
      return readError(
          formatv("section '{0}': {1}", *Name, toString(Data.takeError())));
    if (Data->size() % InsnSize)
      return readError(formatv("section '{0}': size {1} is not a multiple of "
                               "8 (truncated instruction)",
                               *Name, Data->size()));
    ExecSection ES;
    ES.Name = Name->str();
    ES.Index = S.getIndex();
    size_t Count = Data->size() / InsnSize;
    ES.Insns.resize(Count);
    const uint8_t *P = reinterpret_cast<const uint8_t *>(Data->data());
    for (size_t I = 0; I < Count; ++I)
      ES.Insns[I] = decodeInsn(P + I * InsnSize, F.LittleEndian);
    SecOfIndex[ES.Index] = uint32_t(Secs.size());
    Secs.push_back(std::move(ES));
  }

  // Functions: FUNC symbols of executable sections.
  std::vector<uint32_t> FuncSec;
  for (const SymbolRef &Sym : Obj->symbols()) {
    Expected<SymbolRef::Type> Ty = Sym.getType();
    if (!Ty)
      return readError("bad symbol: " + toString(Ty.takeError()));
    if (*Ty != SymbolRef::ST_Function)
      continue;
    Expected<section_iterator> SI = Sym.getSection();
    if (!SI)
      return readError("bad symbol section: " + toString(SI.takeError()));
    if (*SI == Obj->section_end())
      continue;
    auto It = SecOfIndex.find((*SI)->getIndex());
    if (It == SecOfIndex.end())
      continue;
    Expected<StringRef> Name = Sym.getName();
    Expected<uint64_t> Value = Sym.getValue();
    if (!Name || !Value) {
      consumeError(Name.takeError());
      consumeError(Value.takeError());
      return readError("bad function symbol");
    }
    uint64_t Size = ELFSymbolRef(Sym).getSize();
    ExecSection &ES = Secs[It->second];
    uint64_t SecBytes = uint64_t(ES.Insns.size()) * InsnSize;
    if (*Value % InsnSize || Size % InsnSize || *Value > SecBytes ||
        Size > SecBytes - *Value)
      return readError(formatv("function '{0}' lies outside section '{1}' or "
                               "is not 8-byte aligned",
                               *Name, ES.Name));
    if (Size == 0)
      continue;
    ObjFunction Fn{Name->str(), ES.Name, uint32_t(*Value / InsnSize),
                   uint32_t(Size / InsnSize)};
    ES.Funcs.push_back(uint32_t(F.Functions.size()));
    F.Functions.push_back(std::move(Fn));
    FuncSec.push_back(It->second);
  }
  // A section with code but no function symbols (hand-written assembly)
  // is one function named after the section.
  for (size_t S = 0; S < Secs.size(); ++S) {
    ExecSection &ES = Secs[S];
    if (!ES.Funcs.empty() || ES.Insns.empty())
      continue;
    ES.Funcs.push_back(uint32_t(F.Functions.size()));
    F.Functions.push_back({ES.Name, ES.Name, 0, uint32_t(ES.Insns.size())});
    FuncSec.push_back(uint32_t(S));
  }
  for (ExecSection &ES : Secs) {
    std::sort(ES.Funcs.begin(), ES.Funcs.end(), [&](uint32_t A, uint32_t B) {
      return F.Functions[A].SecStart < F.Functions[B].SecStart;
    });
    for (size_t I = 1; I < ES.Funcs.size(); ++I) {
      const ObjFunction &Prev = F.Functions[ES.Funcs[I - 1]];
      if (Prev.SecStart + Prev.NumInsns > F.Functions[ES.Funcs[I]].SecStart)
        return readError(formatv("functions '{0}' and '{1}' overlap", Prev.Name,
                                 F.Functions[ES.Funcs[I]].Name));
    }
  }

  // Relocations against instructions, read through the typed ELF API, which
  // validates entry sizes and symbol indices.
  Error RelErr = Error::success();
  if (auto *LE = dyn_cast<ELF64LEObjectFile>(Obj))
    RelErr = readRelocations(LE->getELFFile(), Secs, SecOfIndex);
  else if (auto *BE = dyn_cast<ELF64BEObjectFile>(Obj))
    RelErr = readRelocations(BE->getELFFile(), Secs, SecOfIndex);
  else
    return readError("not a 64-bit BPF ELF object");
  if (RelErr)
    return RelErr;

  StringMap<KfuncShape> Shapes;
  bool HasKfuncCall = false;
  for (const ExecSection &ES : Secs)
    for (const auto &R : ES.Relocs)
      HasKfuncCall |= R.second.Undefined;
  if (HasKfuncCall)
    Shapes = readKfuncShapes(*Obj);

  // Programs: the functions of executable sections other than .text.
  Linker L(F, Secs);
  L.setFuncSections(FuncSec);
  L.SecOfIndex = &SecOfIndex;
  for (size_t S = 0; S < Secs.size(); ++S) {
    if (Secs[S].Name == ".text")
      continue;
    for (uint32_t Fn : Secs[S].Funcs) {
      Expected<ObjProgram> P = L.link(uint32_t(S), Fn);
      if (!P)
        return P.takeError();
      for (const auto &K : P->Input.KfuncNames) {
        auto It = Shapes.find(K.second);
        if (It != Shapes.end())
          P->Input.KfuncShapes[It->first()] = It->second;
      }
      F.Programs.push_back(std::move(*P));
    }
  }
  return F;
}

uint32_t sectionInsn(const ObjFile &F, const ObjProgram &P, uint32_t Idx) {
  const auto &Starts = P.Input.SubprogStarts;
  size_t S = size_t(std::upper_bound(Starts.begin(), Starts.end(), Idx) -
                    Starts.begin()) -
             1;
  return F.Functions[P.SubprogFuncs[S]].SecStart + (Idx - Starts[S]);
}

} // namespace nocsr
