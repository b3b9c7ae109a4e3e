//===- ProfileFile.cpp - Kernel profiles as JSON --------------------------===//

#include "nocsr/ProfileFile.h"
#include "plugin/Compat.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace llvm;
using namespace bpf_nocsr;

namespace nocsr {

// llvm::json's getters, as std::optional on every LLVM (llvm::Optional
// before 16).
static std::optional<StringRef> stringOf(const json::Value &V) {
  return BPF_NOCSR_STD_OPTIONAL(V.getAsString());
}
static StringRef stringAt(const json::Object &O, StringRef Key) {
  return BPF_NOCSR_STD_OPTIONAL(O.getString(Key)).value_or("");
}
static std::optional<bool> boolAt(const json::Object &O, StringRef Key) {
  return BPF_NOCSR_STD_OPTIONAL(O.getBoolean(Key));
}

static Error profileError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), "kernel profile: " + Msg);
}

static std::string calleeKey(CalleeKind Kind, unsigned HelperNumber,
                             StringRef Name) {
  return Kind == CalleeKind::Helper ? "helper:" + std::to_string(HelperNumber)
                                    : ("kfunc:" + Name).str();
}

std::string calleeKey(const ProbedFastcall &C) {
  return calleeKey(C.Kind, C.HelperNumber, C.Name);
}

std::string calleeKey(const EligibleCallee &C) {
  return calleeKey(C.Kind, C.HelperNumber, C.Name);
}

std::string familyList(std::uint32_t Mask) {
  std::string S;
  for (ProgFamily F : ProgFamilies)
    if (Mask & F)
      S += (S.empty() ? "" : ",") + std::string(progFamilyName(F));
  return S;
}

std::string progTypeList(ProgTypeSet Types) {
  std::string S;
  for (const ProgTypeInfo &I : ProgTypeInfos)
    if (Types & progTypeBit(I.Type))
      S += (S.empty() ? "" : ",") + std::string(I.Name);
  return S;
}

std::string progTypesByFamily(ProgTypeSet Types) {
  std::string S;
  for (ProgFamily F : ProgFamilies) {
    ProgTypeSet InFamily = 0;
    for (const ProgTypeInfo &I : ProgTypeInfos)
      if (I.Family == F)
        InFamily |= progTypeBit(I.Type);
    if (Types & InFamily)
      S += (S.empty() ? "" : ", ") + std::string(progFamilyName(F)) + " (" +
           progTypeList(Types & InFamily) + ")";
  }
  return S;
}

static json::Array progTypeNames(ProgTypeSet Types) {
  json::Array A;
  for (const ProgTypeInfo &I : ProgTypeInfos)
    if (Types & progTypeBit(I.Type))
      A.push_back(I.Name);
  return A;
}

static Expected<ProgTypeSet> progTypesFromJSON(const json::Array &A) {
  ProgTypeSet Types = 0;
  for (const json::Value &V : A) {
    std::optional<StringRef> Name = stringOf(V);
    std::optional<ProgType> T = Name ? parseProgTypeName(*Name) : std::nullopt;
    if (!T)
      return profileError("unknown program type in a profile");
    Types |= progTypeBit(*T);
  }
  return Types;
}

std::string describeRules(const FastcallRules &R) {
  if (const FastcallRules *K = knownBuildOf(R))
    return formatv("'{0}' ({1})", K->Name, K->Description).str();
  return formatv("a build not seen before: region top {0}; checked: helper "
                 "reads {1}, helper writes {2}, subprogram reads {3}, "
                 "subprogram writes {4}, jumps into a pattern {5}",
                 R.Top == RegionTop::LowestPatternTop ? "lowest" : "highest",
                 R.HelperReadsBreak, R.HelperWritesBreak, R.CalleeReadsBreak,
                 R.CalleeWritesBreak, R.JumpIntoPatternBreaks)
      .str();
}

json::Value profileToJSON(const SavedProfile &P) {
  const KernelProfile &K = P.Profile;
  const FastcallRules &R = K.Rules;
  const FastcallRules *Known = knownBuildOf(R);
  json::Object Rules{
      {"build", Known ? json::Value(Known->Name) : json::Value(nullptr)},
      {"region_top", R.Top == RegionTop::LowestPatternTop ? "lowest-pattern"
                                                          : "highest-pattern"},
      {"helper_reads_break", R.HelperReadsBreak},
      {"helper_writes_break", R.HelperWritesBreak},
      {"callee_reads_break", R.CalleeReadsBreak},
      {"callee_writes_break", R.CalleeWritesBreak},
      {"jump_into_pattern_breaks", R.JumpIntoPatternBreaks}};
  json::Object O{
      {"format", "bpf-nocsr-kernel-profile"},
      {"format_version", ProfileFormatVersion},
      {"source", P.Source},
      {"release", P.Release},
      {"version",
       K.Version.Major == ~0u
           ? std::string("latest")
           : formatv("{0}.{1}", K.Version.Major, K.Version.Minor).str()},
      {"arch", archName(K.A)},
      {"rules_measured", K.RulesMeasured},
      {"fastcall_rules", std::move(Rules)}};
  if (K.Callees) {
    json::Array Callees;
    for (const ProbedFastcall &C : *K.Callees)
      Callees.push_back(json::Object{{"callee", calleeKey(C)},
                                     {"types", progTypeNames(C.Types)}});
    O["fastcall_callees"] = std::move(Callees);
    O["probed_types"] = progTypeNames(K.ProbedTypes);
  }
  json::Array New;
  for (const std::string &S : P.NewFastcall)
    New.push_back(S);
  O["new_fastcall"] = std::move(New);
  return json::Value(std::move(O));
}

Expected<SavedProfile> profileFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O || stringAt(*O, "format") != "bpf-nocsr-kernel-profile")
    return profileError("not a bpf-nocsr kernel profile");
  std::optional<int64_t> Format =
      BPF_NOCSR_STD_OPTIONAL(O->getInteger("format_version"));
  if (!Format || *Format < 1 || *Format > ProfileFormatVersion)
    return profileError(formatv("unsupported format_version (expected 1 to "
                                "{0})",
                                ProfileFormatVersion));
  SavedProfile P;
  P.Source = stringAt(*O, "source").str();
  P.Release = stringAt(*O, "release").str();
  std::optional<KernelVersion> Ver =
      parseKernelVersion(stringAt(*O, "version"));
  std::optional<Arch> A = parseArch(stringAt(*O, "arch"));
  if (!Ver || !A)
    return profileError("missing or invalid 'version' or 'arch'");
  P.Profile.Version = *Ver;
  P.Profile.A = *A;
  P.Profile.RulesMeasured = boolAt(*O, "rules_measured").value_or(false);

  const json::Object *R = O->getObject("fastcall_rules");
  if (!R)
    return profileError("missing 'fastcall_rules'");
  FastcallRules Rules = defaultFastcallRules();
  StringRef Top = stringAt(*R, "region_top");
  if (Top == "lowest-pattern")
    Rules.Top = RegionTop::LowestPatternTop;
  else if (Top == "highest-pattern")
    Rules.Top = RegionTop::HighestPatternTop;
  else
    return profileError("invalid 'region_top'");
  std::pair<const char *, bool *> Flags[] = {
      {"helper_reads_break", &Rules.HelperReadsBreak},
      {"helper_writes_break", &Rules.HelperWritesBreak},
      {"callee_reads_break", &Rules.CalleeReadsBreak},
      {"callee_writes_break", &Rules.CalleeWritesBreak},
      {"jump_into_pattern_breaks", &Rules.JumpIntoPatternBreaks}};
  for (auto &[Key, Field] : Flags) {
    std::optional<bool> B = boolAt(*R, Key);
    if (!B)
      return profileError(formatv("missing '{0}'", Key));
    *Field = *B;
  }
  if (const FastcallRules *K = knownBuildOf(Rules))
    Rules = *K; // Keep the known build's name and description.
  else
    Rules.Name = "unknown", Rules.Description = "a build not seen before";
  P.Profile.Rules = Rules;

  if (const json::Array *Cs = O->getArray("fastcall_callees")) {
    std::vector<ProbedFastcall> Callees;
    for (const json::Value &CV : *Cs) {
      const json::Object *C = CV.getAsObject();
      StringRef Key = C ? stringAt(*C, "callee") : "";
      ProbedFastcall F;
      if (Key.consume_front("helper:")) {
        if (Key.getAsInteger(10, F.HelperNumber))
          return profileError("invalid callee 'helper:" + Key + "'");
      } else if (Key.consume_front("kfunc:") && !Key.empty()) {
        F.Kind = CalleeKind::Kfunc;
        F.Name = Key.str();
      } else {
        return profileError("invalid entry in 'fastcall_callees'");
      }
      if (const json::Array *Types = C->getArray("types")) {
        Expected<ProgTypeSet> T = progTypesFromJSON(*Types);
        if (!T)
          return T.takeError();
        F.Types = *T;
      } else if (const json::Array *Fams = C->getArray("families")) {
        // Format 1: every type of the families.
        for (const json::Value &FV : *Fams) {
          std::optional<StringRef> Name = stringOf(FV);
          bool Found = false;
          for (ProgFamily Fam : ProgFamilies)
            if (Name && *Name == progFamilyName(Fam)) {
              F.Types |= progTypesOfFamilies(Fam);
              Found = true;
            }
          if (!Found)
            return profileError("unknown program family in 'fastcall_callees'");
        }
      }
      Callees.push_back(std::move(F));
    }
    P.Profile.Callees = std::move(Callees);
    if (const json::Array *Probed = O->getArray("probed_types")) {
      Expected<ProgTypeSet> T = progTypesFromJSON(*Probed);
      if (!T)
        return T.takeError();
      P.Profile.ProbedTypes = *T;
    }
  }
  if (const json::Array *New = O->getArray("new_fastcall"))
    for (const json::Value &S : *New)
      if (std::optional<StringRef> Str = stringOf(S))
        P.NewFastcall.push_back(Str->str());
  return P;
}

Expected<SavedProfile> readProfileFile(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return profileError(Path + ": " + Buf.getError().message());
  Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  if (!V)
    return profileError(Path + ": " + toString(V.takeError()));
  Expected<SavedProfile> P = profileFromJSON(*V);
  if (!P)
    return profileError(Path + ": " + toString(P.takeError()));
  return P;
}

} // namespace nocsr
