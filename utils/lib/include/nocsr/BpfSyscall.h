//===- nocsr/BpfSyscall.h - Loading programs and reading them back -*- C++ -*-//
//
// The bpf() operations the kernel probe and nocsr-run share (library
// NoCSRBpf, through libbpf): whether this process may load and run
// programs, the translated program of a loaded one, and the verifier log's
// stack depths.
//
//===----------------------------------------------------------------------===//

#ifndef NOCSR_BPFSYSCALL_H
#define NOCSR_BPFSYSCALL_H

#include "nocsr/Insn.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <linux/bpf.h>

#include <vector>

namespace nocsr {

/// \p Program in the kernel's struct bpf_insn, for bpf_prog_load().
std::vector<bpf_insn> toKernelInsns(llvm::ArrayRef<Insn> Program);

/// The translated program of the loaded program \p Fd, as
/// bpf_obj_get_info_by_fd() returns it.
llvm::Error readXlatedProgram(int Fd, std::vector<bpf_insn> &Xlated);

/// "stack depth 24+0+8" in a verifier log (log level 4, BPF_LOG_STATS): one
/// number per subprogram; empty when the log has no such line.
std::vector<unsigned> parseStackDepth(llvm::StringRef Log);

/// Whether this process may load programs (and, with \p TestRun, run them
/// with BPF_PROG_TEST_RUN): loads a trivial socket filter and closes it.
/// Fails with "bpf() not permitted: <command>: <reason>".
llvm::Error checkBpfPermitted(bool TestRun = false);

} // namespace nocsr

#endif // NOCSR_BPFSYSCALL_H
