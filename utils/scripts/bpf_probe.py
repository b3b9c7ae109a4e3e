#!/usr/bin/env python3
"""Exit 0 if this process may load and run BPF programs, else print why.

Loads a two-instruction socket filter (r0 = 0; exit) with bpf(BPF_PROG_LOAD)
and runs it once with BPF_PROG_TEST_RUN; nothing is attached or pinned.
"""
import ctypes
import os
import platform
import struct
import sys

SYS_BPF = {"x86_64": 321, "aarch64": 280, "riscv64": 280, "ppc64le": 361}
BPF_PROG_LOAD = 5
BPF_PROG_TEST_RUN = 10
BPF_PROG_TYPE_SOCKET_FILTER = 1


def main():
    nr = SYS_BPF.get(platform.machine())
    if nr is None:
        print("unknown bpf() syscall number on %s" % platform.machine())
        return 1
    libc = ctypes.CDLL(None, use_errno=True)
    insns = struct.pack("<BBhi", 0xB7, 0, 0, 0) + struct.pack("<BBhi", 0x95, 0, 0, 0)
    insn_buf = ctypes.create_string_buffer(insns)
    lic = ctypes.create_string_buffer(b"GPL")
    # union bpf_attr, BPF_PROG_LOAD prefix: type, insn_cnt, insns, license.
    attr = ctypes.create_string_buffer(
        struct.pack("<IIQQ", BPF_PROG_TYPE_SOCKET_FILTER, 2,
                    ctypes.addressof(insn_buf), ctypes.addressof(lic)).ljust(144, b"\0"))
    fd = libc.syscall(nr, BPF_PROG_LOAD, attr, 144)
    if fd < 0:
        err = ctypes.get_errno()
        print("bpf(BPF_PROG_LOAD) not permitted: %s" % os.strerror(err))
        return 1
    data = ctypes.create_string_buffer(64)
    # test: prog_fd, retval, data_size_in, data_size_out, data_in, data_out, repeat
    run = ctypes.create_string_buffer(
        struct.pack("<IIIIQQI", fd, 0, 64, 0, ctypes.addressof(data), 0, 1).ljust(80, b"\0"))
    rc = libc.syscall(nr, BPF_PROG_TEST_RUN, run, 80)
    err = ctypes.get_errno()
    os.close(fd)
    if rc < 0:
        print("BPF_PROG_TEST_RUN not permitted: %s" % os.strerror(err))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
