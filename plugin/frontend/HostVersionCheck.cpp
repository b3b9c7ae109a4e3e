//===- HostVersionCheck.cpp - Refuse to run inside another LLVM's clang ---===//
//
// The plugin links the libLLVM of the version it was built for. Loaded into
// a clang of another version, the dynamic loader brings that libLLVM in as a
// second copy: the plugin's registrations would go to the copy clang never
// looks at, or objects of one version would reach code of the other. Before
// any other static initialiser of the module runs, look at the libLLVM
// libraries in the process; if one is of another major version, say so in
// one line naming both versions and stop the compiler.
//
// A clang whose libLLVM is not loadable as a shared library (statically
// linked LLVM) cannot be told apart this way; if the plugin's own libLLVM is
// not installed, the loader fails first with its own one-line message.
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <link.h>
#include <unistd.h>

namespace {

/// The major version in a libLLVM file name (Debian: libLLVM-14.so.1,
/// libLLVM.so.22.1), or 0 if \p Path is not a libLLVM.
unsigned llvmMajorOfLibrary(const char *Path) {
  const char *Base = std::strrchr(Path, '/');
  Base = Base ? Base + 1 : Path;
  for (const char *Prefix : {"libLLVM-", "libLLVM.so."}) {
    const size_t Len = std::strlen(Prefix);
    if (std::strncmp(Base, Prefix, Len) == 0)
      return static_cast<unsigned>(std::strtoul(Base + Len, nullptr, 10));
  }
  return 0;
}

int findOtherLLVM(struct dl_phdr_info *Info, size_t, void *Data) {
  unsigned Major = Info->dlpi_name ? llvmMajorOfLibrary(Info->dlpi_name) : 0;
  if (Major == 0 || Major == LLVM_VERSION_MAJOR)
    return 0;
  *static_cast<unsigned *>(Data) = Major;
  return 1;
}

/// Priority 101 runs before the module's C++ static initialisers.
__attribute__((constructor(101))) void checkHostLLVMVersion() {
  unsigned HostMajor = 0;
  dl_iterate_phdr(findOtherLLVM, &HostMajor);
  if (HostMajor == 0)
    return;
  std::fprintf(stderr,
               "error: BPFNoCSR plugin built for LLVM %d cannot be loaded into "
               "clang %u: use the plugin built for LLVM %u "
               "(/usr/lib/bpf-nocsr/llvm-%u/BPFNoCSR.so or `pkg-config "
               "--variable=plugin_llvm%u bpf-nocsr`)\n",
               LLVM_VERSION_MAJOR, HostMajor, HostMajor, HostMajor, HostMajor);
  std::fflush(stderr);
  _exit(1);
}

} // namespace
