//===- HeaderAnnotator.cpp - Mark eligible callees in BPF headers ---------===//
//
// Target spellings (libbpf >= 1.5's bpf_doc.py, bpftool >= 7.6):
//   static __bpf_fastcall __u32 (* const bpf_get_smp_processor_id)(void) = ...;
//   extern __bpf_fastcall void *bpf_rdonly_cast(...) __weak __ksym;
// plus the `#ifndef __bpf_fastcall` definition block both emit near the top.
//
//===----------------------------------------------------------------------===//

#include "HeaderAnnotator.h"

#include "CalleeDeclarations.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Regex.h"

#include <optional>

using namespace llvm;

namespace bpf_nocsr {

using Lines = std::vector<std::string>;

static Lines splitLines(StringRef Text) {
  Lines L;
  SmallVector<StringRef, 0> Parts;
  Text.split(Parts, '\n');
  // A trailing newline yields one empty part that is not a line.
  if (!Parts.empty() && Parts.back().empty())
    Parts.pop_back();
  for (StringRef P : Parts)
    L.push_back(P.str());
  return L;
}

static std::string joinLines(const Lines &L) {
  std::string S;
  for (const std::string &Line : L)
    S += Line + "\n";
  return S;
}

static Lines blockLines(StringRef Block) { return splitLines(Block); }

static std::optional<size_t> findLine(const Lines &L, StringRef Wanted,
                                      size_t From = 0) {
  for (size_t I = From; I < L.size(); ++I)
    if (StringRef(L[I]).rtrim() == Wanted)
      return I;
  return std::nullopt;
}

/// The #endif closing the conditional opened at line \p If.
static std::optional<size_t> findMatchingEndif(const Lines &L, size_t If) {
  unsigned Depth = 0;
  for (size_t I = If; I < L.size(); ++I) {
    StringRef S = StringRef(L[I]).ltrim();
    if (S.starts_with("#if"))
      ++Depth;
    else if (S.starts_with("#endif") && --Depth == 0)
      return I;
  }
  return std::nullopt;
}

static bool definesMacro(const Lines &L, StringRef Macro) {
  std::string Prefix = ("#define " + Macro).str();
  return any_of(L, [&](const std::string &Line) {
    StringRef S(Line);
    return S.starts_with(Prefix) &&
           (S.size() == Prefix.size() || S[Prefix.size()] == ' ' ||
            S[Prefix.size()] == '\t');
  });
}

static bool isEligible(const EligibleCallee &C,
                       const nocsr::KernelProfile &Profile) {
  return Profile.isFastcallAnywhere(C);
}

// libbpf's helper pointer: static [__bpf_fastcall ]RET (*[ const ]NAME)(ARGS)
// = (void *) N;
const char HelperPointerPattern[] =
    "^static (__bpf_fastcall )?(.*)\\(\\*( ?const)? ?([A-Za-z0-9_]+)\\)"
    "(\\(.*\\)) = \\(void \\*\\) ([0-9]+);[ \t]*$";

static Error annotateHelperDefs(Lines &L, const nocsr::KernelProfile &Profile,
                                AnnotatedHeader &Out) {
  Regex HelperPointer(HelperPointerPattern);
  std::vector<const EligibleCallee *> Seen;
  for (size_t I = 0; I < L.size(); ++I) {
    SmallVector<StringRef, 8> M;
    if (!HelperPointer.match(L[I], &M))
      continue;
    unsigned Number;
    if (M[6].getAsInteger(10, Number))
      continue;
    const EligibleCallee *C = findHelper(Number);
    if (!C)
      continue;
    if (M[4] != C->Name)
      return createStringError(inconvertibleErrorCode(),
                               "helper %u is named '%s' in the input but '%s' "
                               "in the kernel profile table",
                               Number, M[4].str().c_str(), C->Name);
    Seen.push_back(C);
    if (!isEligible(*C, Profile)) {
      Out.Skipped.push_back(std::string(C->Name) +
                            ": not fastcall under this profile");
      continue;
    }
    bool Marked =
        !M[1].empty() || (I > 0 && StringRef(L[I - 1]).trim() == FastcallMacro);
    if (Marked)
      continue;
    L[I].insert(strlen("static "), (FastcallMacro + " ").str());
    Out.Marked.push_back(C->Name);
  }
  for (const EligibleCallee &C : EligibleCallees)
    if (C.Kind == CalleeKind::Helper && isEligible(C, Profile) &&
        !is_contained(Seen, &C))
      Out.Skipped.push_back(std::string(C.Name) +
                            ": not declared in the input");

  bool UsesMacro = any_of(L, [](const std::string &Line) {
    return StringRef(Line).contains(FastcallMacro);
  });
  if (UsesMacro && !definesMacro(L, FastcallMacro)) {
    // bpf_doc.py puts the block after its first comment and a blank line.
    size_t At = 0;
    if (!L.empty() && StringRef(L[0]).starts_with("/*") && L.size() > 1 &&
        StringRef(L[1]).trim().empty())
      At = 2;
    Lines Block = blockLines(FastcallMacroBlock);
    Block.push_back("");
    L.insert(L.begin() + At, Block.begin(), Block.end());
  }
  return Error::success();
}

// The three macro blocks bpftool puts after the preserve_access_index push.
static void addVmlinuxMacros(Lines &L) {
  size_t At;
  if (auto Push = findLine(L, "#pragma clang attribute push "
                              "(__attribute__((preserve_access_index)), "
                              "apply_to = record)"))
    At = *Push + 1;
  else
    At = *findLine(L, "#define __VMLINUX_H__") + 1;
  // Past the closing #endif of the push and the blank line after it.
  if (At < L.size() && StringRef(L[At]).trim() == "#endif")
    ++At;
  if (At < L.size() && StringRef(L[At]).trim().empty())
    ++At;

  Lines Add;
  if (!definesMacro(L, "__ksym"))
    Add.insert(Add.end(),
               {"#ifndef __ksym",
                "#define __ksym __attribute__((section(\".ksyms\")))", "#endif",
                ""});
  if (!definesMacro(L, "__weak"))
    Add.insert(Add.end(),
               {"#ifndef __weak", "#define __weak __attribute__((weak))",
                "#endif", ""});
  if (!definesMacro(L, FastcallMacro)) {
    Lines Block = blockLines(FastcallMacroBlock);
    Add.insert(Add.end(), Block.begin(), Block.end());
    Add.push_back("");
  }
  L.insert(L.begin() + At, Add.begin(), Add.end());
}

// The name a bpftool kfunc line declares: the identifier before the first
// parenthesis of the parameter list.
static StringRef declaredName(StringRef Line) {
  StringRef Head = Line.take_until([](char Ch) { return Ch == '('; });
  size_t Start = Head.find_last_of(" *");
  return Start == StringRef::npos ? Head : Head.drop_front(Start + 1);
}

static Error annotateVmlinux(Lines &L, const nocsr::KernelProfile &Profile,
                             AnnotatedHeader &Out) {
  if (none_of(EligibleCallees, [&](const EligibleCallee &C) {
        return C.Kind == CalleeKind::Kfunc && isEligible(C, Profile);
      }))
    return Error::success();
  addVmlinuxMacros(L);

  std::optional<size_t> Begin = findLine(L, "#ifndef BPF_NO_KFUNC_PROTOTYPES");
  bool HadBlock = Begin.has_value();
  if (!HadBlock) {
    // bpftool >= 7.5 emits the block just before the access-index pop.
    std::optional<size_t> Pop;
    for (size_t I = L.size(); I-- > 1;)
      if (StringRef(L[I]).rtrim() == "#pragma clang attribute pop" &&
          StringRef(L[I - 1]).rtrim() ==
              "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX") {
        Pop = I - 1;
        break;
      }
    size_t At = Pop ? *Pop : *findLine(L, "#endif /* __VMLINUX_H__ */");
    L.insert(L.begin() + At, {"", "/* BPF kfuncs */",
                              "#ifndef BPF_NO_KFUNC_PROTOTYPES", "#endif", ""});
    Begin = At + 2;
  }
  std::optional<size_t> BlockEnd = findMatchingEndif(L, *Begin);
  if (!BlockEnd || StringRef(L[*BlockEnd]).contains("__VMLINUX_H__"))
    return createStringError(inconvertibleErrorCode(),
                             "the BPF_NO_KFUNC_PROTOTYPES block has no #endif");
  size_t End = *BlockEnd;

  for (const EligibleCallee &C : EligibleCallees) {
    if (C.Kind != CalleeKind::Kfunc)
      continue;
    if (!isEligible(C, Profile)) {
      Out.Skipped.push_back(std::string(C.Name) +
                            ": not fastcall under this profile");
      continue;
    }
    std::optional<size_t> Existing;
    size_t InsertAt = End;
    for (size_t I = *Begin + 1; I < End; ++I) {
      StringRef Line(L[I]);
      if (!Line.starts_with("extern "))
        continue;
      StringRef Name = declaredName(Line);
      if (Name == C.Name) {
        Existing = I;
        break;
      }
      if (InsertAt == End && Name > StringRef(C.Name))
        InsertAt = I;
    }
    if (Existing) {
      StringRef Line(L[*Existing]);
      if (Line.contains(FastcallMacro))
        continue;
      L[*Existing].insert(strlen("extern "), (FastcallMacro + " ").str());
      Out.Marked.push_back(C.Name);
      continue;
    }
    if (HadBlock) {
      // bpftool listed the kernel's kfuncs and this one is not among them.
      Out.Skipped.push_back(std::string(C.Name) +
                            ": not a kfunc of the kernel this vmlinux.h "
                            "describes");
      continue;
    }
    L.insert(L.begin() + InsertAt,
             kfuncDeclaration(C, /*UseLibbpfMacros=*/true));
    ++End;
    Out.Marked.push_back(C.Name);
  }
  return Error::success();
}

static bool looksLikeVmlinux(const Lines &L) {
  auto First = find_if(
      L, [](const std::string &S) { return !StringRef(S).trim().empty(); });
  return First != L.end() &&
         StringRef(*First).rtrim() == "#ifndef __VMLINUX_H__" &&
         findLine(L, "#define __VMLINUX_H__") &&
         findLine(L, "#endif /* __VMLINUX_H__ */");
}

/// A file that opens with vmlinux.h's guard but lacks the rest of it: cut
/// short, e.g. by an interrupted `bpftool btf dump > vmlinux.h`.
static std::optional<std::string> truncatedVmlinux(const Lines &L) {
  auto First = find_if(
      L, [](const std::string &S) { return !StringRef(S).trim().empty(); });
  if (First == L.end() || StringRef(*First).rtrim() != "#ifndef __VMLINUX_H__")
    return std::nullopt;
  const char *Missing = !findLine(L, "#define __VMLINUX_H__")
                            ? "#define __VMLINUX_H__"
                            : "#endif /* __VMLINUX_H__ */";
  return std::string("starts with vmlinux.h's __VMLINUX_H__ guard but has "
                     "no '") +
         Missing +
         "' line: the file looks truncated (regenerate it with 'bpftool btf "
         "dump file /sys/kernel/btf/vmlinux format c')";
}

static bool looksLikeHelperDefs(const Lines &L) {
  Regex HelperPointer(HelperPointerPattern);
  return any_of(L,
                [&](const std::string &S) { return HelperPointer.match(S); });
}

Expected<AnnotatedHeader>
annotateBPFHeader(StringRef Text, const nocsr::KernelProfile &Profile) {
  Lines L = splitLines(Text);
  AnnotatedHeader Out;
  Error E = Error::success();
  if (looksLikeVmlinux(L)) {
    Out.Kind = BPFHeaderKind::Vmlinux;
    E = annotateVmlinux(L, Profile, Out);
  } else if (looksLikeHelperDefs(L)) {
    Out.Kind = BPFHeaderKind::HelperDefs;
    E = annotateHelperDefs(L, Profile, Out);
  } else if (std::optional<std::string> Why = truncatedVmlinux(L)) {
    return createStringError(inconvertibleErrorCode(), *Why);
  } else {
    return createStringError(
        inconvertibleErrorCode(),
        "not a header nocsr-annotate knows: expected libbpf's "
        "bpf_helper_defs.h (lines like 'static long (* const bpf_x)(...) = "
        "(void *) N;') or a vmlinux.h from 'bpftool btf dump ... format c' "
        "(guarded by __VMLINUX_H__)");
  }
  if (E)
    return E;
  Out.Text = joinLines(L);
  return Out;
}

} // namespace bpf_nocsr
