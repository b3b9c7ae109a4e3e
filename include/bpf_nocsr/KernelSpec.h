//===- bpf_nocsr/KernelSpec.h - Which kernel: versions, arches --*- C++ -*-===//
//
// How the plugin and the tools name a kernel: a version ("6.12", "latest",
// or a uname release such as "6.18.44-foo"), optionally with an
// architecture ("6.12:arm64"), the running kernel ("host"), or a saved
// profile file. One parser and one set of messages for every front end;
// each architecture has one canonical spelling (printed) and aliases
// (accepted, e.g. uname -m's).
//
//===----------------------------------------------------------------------===//

#ifndef BPF_NOCSR_KERNELSPEC_H
#define BPF_NOCSR_KERNELSPEC_H

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include <sys/stat.h>
#include <sys/utsname.h>

namespace bpf_nocsr {

enum class Arch : std::uint8_t { X86_64, ARM64, RISCV64, PPC64 };

struct ArchInfo {
  Arch A;
  std::string_view Name;       // Canonical: printed everywhere.
  std::string_view Aliases[3]; // Also accepted (uname -m, Debian, LLVM).
};

inline constexpr ArchInfo ArchInfos[] = {
    {Arch::X86_64, "x86_64", {"x86-64", "amd64"}},
    {Arch::ARM64, "arm64", {"aarch64"}},
    {Arch::RISCV64, "riscv64", {}},
    {Arch::PPC64, "powerpc64", {"ppc64", "ppc64le", "powerpc64le"}},
};

/// The canonical name of \p A.
inline const char *archName(Arch A) {
  for (const ArchInfo &I : ArchInfos)
    if (I.A == A)
      return I.Name.data();
  return "?";
}

/// \p S as an architecture: a canonical name or an alias.
inline std::optional<Arch> parseArch(std::string_view S) {
  for (const ArchInfo &I : ArchInfos) {
    if (S == I.Name)
      return I.A;
    for (std::string_view Alias : I.Aliases)
      if (!Alias.empty() && S == Alias)
        return I.A;
  }
  return std::nullopt;
}

/// "x86_64, arm64, riscv64 or powerpc64": the canonical names, for
/// messages; with \p OrHost, "'host', " first.
inline std::string archList(bool OrHost = false) {
  std::string L = OrHost ? "'host', " : "";
  constexpr size_t N = std::size(ArchInfos);
  for (size_t I = 0; I < N; ++I) {
    if (I)
      L += I + 1 == N ? " or " : ", ";
    L += ArchInfos[I].Name;
  }
  return L;
}

/// A kernel version; {~0u, ~0u} stands for "latest".
struct KernelVersion {
  unsigned Major = 0;
  unsigned Minor = 0;
  static constexpr KernelVersion latest() { return {~0u, ~0u}; }
  constexpr bool isLatest() const { return Major == ~0u; }
  constexpr bool atLeast(unsigned M, unsigned N) const {
    return Major > M || (Major == M && Minor >= N);
  }
};

/// Parse "6.12", "6.18.44-foo" (a uname release) or "latest".
inline std::optional<KernelVersion> parseKernelVersion(std::string_view S) {
  if (S == "latest")
    return KernelVersion::latest();
  unsigned Parts[2] = {0, 0};
  size_t I = 0;
  for (unsigned P = 0; P < 2; ++P) {
    size_t Begin = I;
    while (I < S.size() && S[I] >= '0' && S[I] <= '9' && I - Begin < 6)
      Parts[P] = Parts[P] * 10 + unsigned(S[I++] - '0');
    if (I == Begin)
      return std::nullopt;
    if (P == 0) {
      if (I >= S.size() || S[I] != '.')
        return std::nullopt;
      ++I;
    }
  }
  if (I < S.size() && S[I] != '.' && S[I] != '-' && S[I] != '+')
    return std::nullopt;
  return KernelVersion{Parts[0], Parts[1]};
}

/// "latest" or "MAJOR.MINOR".
inline std::string kernelVersionText(KernelVersion V) {
  if (V.isLatest())
    return "latest";
  return std::to_string(V.Major) + "." + std::to_string(V.Minor);
}

/// The forms of a kernel specification a front end accepts besides a
/// version ("latest", "6.12", "6.18.44-foo"), which all accept.
enum KernelSpecForm : unsigned {
  SpecArchSuffix = 1u << 0,  // VERSION:ARCH, e.g. "6.12:arm64"
  SpecHost = 1u << 1,        // "host": the running kernel
  SpecProfileFile = 1u << 2, // a saved profile: *.json or an existing file
};

/// A parsed kernel specification.
struct KernelSpec {
  enum class Kind : std::uint8_t { Version, Host, ProfileFile };
  Kind K = Kind::Version;
  KernelVersion Version = KernelVersion::latest(); // Kind::Version.
  std::optional<Arch> A;                           // VERSION:ARCH.
  std::string Path;                                // Kind::ProfileFile.
};

/// What a specification of \p Forms may be, for messages:
/// "'latest', 'host' or a version such as 6.12".
inline std::string kernelSpecForms(unsigned Forms) {
  std::string Items[4];
  size_t N = 0;
  Items[N++] = "'latest'";
  if (Forms & SpecHost)
    Items[N++] = "'host'";
  Items[N++] = "a version such as 6.12";
  if (Forms & SpecArchSuffix)
    Items[N++] = "VERSION:ARCH such as 6.12:arm64";
  if (Forms & SpecProfileFile)
    Items[N++] = "a saved profile file";
  std::string L;
  for (size_t I = 0; I < N; ++I) {
    if (I)
      L += I + 1 == N ? " or " : ", ";
    L += Items[I];
  }
  return L;
}

/// "invalid --arch 'sparc': expected x86_64, arm64, riscv64 or powerpc64"
/// (\p OrHost: where 'host' is accepted too).
inline std::string invalidArchMessage(std::string_view What, std::string_view S,
                                      bool OrHost = false) {
  return "invalid " + std::string(What) + " '" + std::string(S) +
         "': expected " + archList(OrHost);
}

/// Parses \p S, a version or one of \p Forms, optionally prefixed "profile:"
/// (the plugin's spelling, accepted everywhere). \p What names the option in
/// messages ("--kernel"). A profile file is tested first, so a file named
/// like a version is read as a profile. On failure returns nullopt and sets
/// \p Error to "invalid WHAT 'S': expected ...".
inline std::optional<KernelSpec> parseKernelSpec(std::string_view S,
                                                 unsigned Forms,
                                                 std::string_view What,
                                                 std::string &Error) {
  const std::string_view Given = S;
  constexpr std::string_view Prefix = "profile:";
  if (S.substr(0, Prefix.size()) == Prefix)
    S.remove_prefix(Prefix.size());
  KernelSpec Spec;
  if ((Forms & SpecHost) && S == "host") {
    Spec.K = KernelSpec::Kind::Host;
    return Spec;
  }
  if (Forms & SpecProfileFile) {
    constexpr std::string_view Json = ".json";
    struct stat St;
    const std::string Path(S);
    if ((S.size() >= Json.size() && S.substr(S.size() - Json.size()) == Json) ||
        (stat(Path.c_str(), &St) == 0 && S_ISREG(St.st_mode))) {
      Spec.K = KernelSpec::Kind::ProfileFile;
      Spec.Path = Path;
      return Spec;
    }
  }
  std::string_view VersionText = S, ArchText;
  if (Forms & SpecArchSuffix) {
    size_t Colon = S.find(':');
    if (Colon != std::string_view::npos) {
      VersionText = S.substr(0, Colon);
      ArchText = S.substr(Colon + 1);
    }
  }
  std::optional<KernelVersion> V = parseKernelVersion(VersionText);
  if (!V) {
    Error = "invalid " + std::string(What) + " '" + std::string(Given) +
            "': expected " + kernelSpecForms(Forms);
    return std::nullopt;
  }
  Spec.Version = *V;
  if (VersionText.size() != S.size()) {
    Spec.A = parseArch(ArchText);
    if (!Spec.A) {
      Error = "invalid architecture '" + std::string(ArchText) + "' in " +
              std::string(What) + " '" + std::string(Given) + "': expected " +
              archList();
      return std::nullopt;
    }
  }
  return Spec;
}

/// The running kernel as uname(2) reports it.
struct HostKernel {
  std::string Release; // uname -r
  std::string Machine; // uname -m
  std::optional<KernelVersion> Version;
  std::optional<Arch> A;
};

/// nullopt when uname(2) fails.
inline std::optional<HostKernel> hostKernel() {
  struct utsname U;
  if (uname(&U) != 0)
    return std::nullopt;
  HostKernel H;
  H.Release = U.release;
  H.Machine = U.machine;
  H.Version = parseKernelVersion(H.Release);
  H.A = parseArch(H.Machine);
  return H;
}

} // namespace bpf_nocsr

#endif // BPF_NOCSR_KERNELSPEC_H
