//===- HostProfile.cpp - The running kernel's profile, cached per boot ----===//
//
// Probing loads a few dozen programs; tools that predict the host kernel on
// every run read the answer from a file under /run named for the boot id
// instead, so that a rebooted (possibly different) kernel is probed again.
//
//===----------------------------------------------------------------------===//

#include "nocsr/KernelProbe.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace llvm;

namespace nocsr {

/// /run/bpf-nocsr/kernel-profile-BOOTID.json, or "" without a boot id.
static std::string cachePath() {
  // procfs reports size 0: read as a stream.
  ErrorOr<std::unique_ptr<MemoryBuffer>> Id =
      MemoryBuffer::getFileAsStream("/proc/sys/kernel/random/boot_id");
  if (!Id)
    return "";
  std::string Boot = (*Id)->getBuffer().trim().str();
  if (Boot.empty())
    return "";
  return formatv("/run/bpf-nocsr/kernel-profile-v{0}-{1}.json",
                 ProfileFormatVersion, Boot)
      .str();
}

Expected<SavedProfile> probedHostProfile(bool UseCache) {
  std::string Cache = cachePath();
  if (UseCache && !Cache.empty() && sys::fs::exists(Cache)) {
    Expected<SavedProfile> P = readProfileFile(Cache);
    if (P)
      return P;
    consumeError(P.takeError()); // Stale format: probe again.
  }
  Expected<ProbeAnswers> A = probeRunningKernel();
  if (!A)
    return A.takeError();
  Expected<SavedProfile> P = deriveProfile(*A);
  if (!P || Cache.empty())
    return P;
  if (!sys::fs::create_directories(sys::path::parent_path(Cache))) {
    // Concurrent probes each write their own file; the rename is atomic.
    std::string Tmp = Cache + ".tmp." + std::to_string(getpid());
    std::error_code EC;
    raw_fd_ostream OS(Tmp, EC);
    if (!EC) {
      OS << formatv("{0:2}", profileToJSON(*P)) << "\n";
      OS.close();
      if (OS.has_error() || sys::fs::rename(Tmp, Cache))
        sys::fs::remove(Tmp);
    }
  }
  return P;
}

} // namespace nocsr
