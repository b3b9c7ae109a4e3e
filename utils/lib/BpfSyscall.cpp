//===- BpfSyscall.cpp - Loading programs and reading them back ------------===//

#include "nocsr/BpfSyscall.h"
#include "nocsr/InsnBuilders.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <unistd.h>

using namespace llvm;

namespace nocsr {

static Error bpfError(const Twine &Msg) {
  return createStringError(inconvertibleErrorCode(), Msg);
}

std::vector<bpf_insn> toKernelInsns(ArrayRef<Insn> Program) {
  std::vector<bpf_insn> Insns;
  for (const Insn &I : Program)
    Insns.push_back({I.Code, I.Dst, I.Src, I.Off, I.Imm});
  return Insns;
}

Error readXlatedProgram(int Fd, std::vector<bpf_insn> &Xlated) {
  bpf_prog_info Info = {};
  __u32 Len = sizeof(Info);
  if (bpf_obj_get_info_by_fd(Fd, &Info, &Len))
    return bpfError(Twine("bpf_obj_get_info_by_fd: ") + std::strerror(errno));
  Xlated.resize(Info.xlated_prog_len / sizeof(bpf_insn));
  __u32 XlatedLen = Info.xlated_prog_len;
  Info = {};
  Info.xlated_prog_len = XlatedLen;
  Info.xlated_prog_insns = reinterpret_cast<__u64>(Xlated.data());
  Len = sizeof(Info);
  if (bpf_obj_get_info_by_fd(Fd, &Info, &Len))
    return bpfError(Twine("bpf_obj_get_info_by_fd: ") + std::strerror(errno));
  if (Xlated.empty() || Info.xlated_prog_insns == 0)
    return bpfError("the kernel did not return the translated program");
  return Error::success();
}

std::vector<unsigned> parseStackDepth(StringRef Log) {
  std::vector<unsigned> Depths;
  size_t Pos = Log.rfind("stack depth ");
  if (Pos == StringRef::npos)
    return Depths;
  StringRef Rest = Log.drop_front(Pos + std::strlen("stack depth "));
  while (true) {
    unsigned V;
    if (Rest.consumeInteger(10, V))
      break;
    Depths.push_back(V);
    if (!Rest.consume_front("+"))
      break;
  }
  return Depths;
}

Error checkBpfPermitted(bool TestRun) {
  const std::vector<bpf_insn> Trivial =
      toKernelInsns({build::movImm(0, 0), build::exitInsn()});
  int Fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, nullptr, "GPL",
                         Trivial.data(), Trivial.size(), nullptr);
  if (Fd < 0)
    return bpfError(Twine("bpf() not permitted: BPF_PROG_LOAD: ") +
                    std::strerror(errno));
  int Err = 0;
  if (TestRun) {
    std::uint8_t Packet[64] = {}; // At least an Ethernet header.
    LIBBPF_OPTS(bpf_test_run_opts, Run, .data_in = Packet,
                .data_size_in = sizeof(Packet), .repeat = 1);
    Err = bpf_prog_test_run_opts(Fd, &Run) ? errno : 0;
  }
  close(Fd);
  if (Err)
    return bpfError(Twine("bpf() not permitted: BPF_PROG_TEST_RUN: ") +
                    std::strerror(Err));
  return Error::success();
}

} // namespace nocsr
