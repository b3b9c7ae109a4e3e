#!/usr/bin/python3
"""Run time of the corpus programs under BPF_PROG_TEST_RUN, per variant.

measure_runtime() (called by bench.py) picks the programs the kernel can run
(XDP, tc, socket filter: repeat loops in the kernel; raw_tp: one run per
call), writes the input packets, and runs this file again inside
utils/scripts/with_private_bpffs.sh, where --inner loads every object with
`bpftool prog loadall` into the private bpffs and times the runs. Nothing
is attached, nothing is pinned outside that namespace.

Timing: each sample is one BPF_PROG_TEST_RUN call (bpf(2) on the program
bpftool pinned, BPF_OBJ_GET) with `repeat` runs in the kernel. Per sample:
the CPU time of the calling thread over the call (CLOCK_THREAD_CPUTIME_ID,
which leaves out time the thread waits while other jobs run) divided by
`repeat`: sub-nanosecond resolution, and it includes the kernel's loop
around each run and the call's own setup (a few microseconds, spread over
the repeats), alike for every variant of a program. Beside it the kernel's
own average (integer nanoseconds, its timer paused while it reschedules)
and the wall time per run. Samples are interleaved: every round runs every
program once per variant, the variant order rotating from round to round,
so that load on the machine hits all variants alike; every run on one CPU
(the first the process may use). Before the rounds, one
`bpftool prog run` per program and variant (warm-up; its return value and
"duration (average)" are kept as a cross-check).

Raw tracepoints refuse `repeat` and data_in in the kernel: each of their
samples times `RAW_TP_CALLS` separate calls from user space, which is the
cost of the bpf() syscall (and of Python's ctypes call) plus one run:
syscall-dominated, reported apart. bpftool cannot run them (it always passes
repeat >= 1).
"""
import ctypes
import json
import os
import platform
import re
import statistics
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PRIVATE_BPFFS = os.path.join(ROOT, "utils", "scripts", "with_private_bpffs.sh")

# The variants compared (clang-19, clang-19 + plugin, clang-22 native
# bpf_fastcall, clang-22 + plugin).
RUNTIME_VARIANTS = ("c19", "c19p", "c22", "c22p")
# ELF section (prefix) -> kind of test run.
RUNNABLE = (("xdp", "xdp"), ("tc", "skb"), ("classifier", "skb"),
            ("socket", "skb"), ("raw_tp", "raw_tp"), ("raw_tracepoint", "raw_tp"))
RAW_TP_CALLS = 2000
RAW_TP_CTX = 12 * 8  # MAX_BPF_FUNC_ARGS u64 arguments, all zero

# bpf(2)
SYS_BPF = {"x86_64": 321, "aarch64": 280, "riscv64": 280, "ppc64le": 361,
           "s390x": 351}.get(platform.machine(), 321)
BPF_OBJ_GET = 7
BPF_PROG_TEST_RUN = 10


# ---------------------------------------------------------------- packets

def csum16(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def ipv4_tcp_frame(vlan=None, payload_len=64):
    """An Ethernet frame with IPv4 and a TCP SYN to port 80, valid checksums;
    with vlan, one 802.1Q tag of that VLAN id."""
    src, dst = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])
    payload = bytes((i * 7) & 0xff for i in range(payload_len))
    tcp = struct.pack("!HHIIBBHHH", 40000, 80, 1, 0, 5 << 4, 0x02, 65535, 0, 0)
    pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp) + len(payload))
    tcp = tcp[:16] + struct.pack("!H", csum16(pseudo + tcp + payload)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 1,
                     0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum16(ip)) + ip[12:]
    eth = bytes.fromhex("020000000002") + bytes.fromhex("020000000001")
    if vlan is not None:
        eth += struct.pack("!HH", 0x8100, vlan)
    eth += struct.pack("!H", 0x0800)
    return eth + ip + tcp + payload


# Input per kind (the corpus parses Ethernet, IPv4 and TCP/UDP ports and
# flags), and per program where it parses something else.
INPUTS = {"frame": lambda: ipv4_tcp_frame(),
          "frame_vlan": lambda: ipv4_tcp_frame(vlan=100),
          "raw_tp_ctx": lambda: bytes(RAW_TP_CTX)}
INPUT_OF_KIND = {"xdp": "frame", "skb": "frame", "raw_tp": "raw_tp_ctx"}
INPUT_OF_PROGRAM = {"xdp_vlan_stats": "frame_vlan"}
INPUT_TEXT = {"frame": "Ethernet + IPv4 + TCP SYN to port 80, 64-byte payload "
                       "(118 bytes, valid checksums)",
              "frame_vlan": "the same frame with one 802.1Q tag (VLAN 100)",
              "raw_tp_ctx": "12 zero u64 arguments (pointer arguments NULL: "
                            "reads through them fail and are counted as such)"}


# ---------------------------------------------------------------- outer side

def sections_of(objdump, obj):
    out = subprocess.run([objdump, "-h", obj], stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    return re.findall(r"^\s*\d+\s+(\S+)\s", out, re.M)


def kind_of(sections):
    for sec in sections:
        for prefix, kind in RUNNABLE:
            if sec == prefix or sec.startswith(prefix + "/"):
                return kind
    return None


def measure_runtime(args, results, groups, objdump, log):
    """Samples per (program, variant) for the runnable programs of the
    written corpus, the project's tests and the socket filters."""
    rdir = os.path.join(args.out, "runtime")
    os.makedirs(rdir, exist_ok=True)
    inputs = {}
    for name, make in INPUTS.items():
        path = os.path.join(rdir, name + ".bin")
        with open(path, "wb") as f:
            f.write(make())
        inputs[name] = path
    jobs = []
    for (prog, var), r in sorted(results.items()):
        if var not in RUNTIME_VARIANTS or not r.get("obj") or \
                groups.get(prog) not in ("written", "proj", "sockfilter"):
            continue
        kind = kind_of(sections_of(objdump, r["obj"]))
        if not kind:
            continue
        inp = INPUT_OF_PROGRAM.get(prog, INPUT_OF_KIND[kind])
        jobs.append({"program": prog, "variant": var, "obj": r["obj"],
                     "kind": kind, "input": inp, "input_file": inputs[inp]})
    if not jobs:
        return {"error": "no runnable program"}
    repeat = 500000 if args.quick else 1000000
    samples = 15 if args.quick else 31
    spec = {"jobs": jobs, "repeat": repeat, "samples": samples,
            "variants": [v for v in RUNTIME_VARIANTS
                         if any(j["variant"] == v for j in jobs)]}
    spec_path = os.path.join(rdir, "spec.json")
    out_path = os.path.join(rdir, "samples.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f, indent=1)
    log("run time: %d programs x %d variants, %d samples of %d runs" % (
        len({j["program"] for j in jobs}), len(spec["variants"]), samples, repeat))
    res = subprocess.run([PRIVATE_BPFFS, sys.executable, os.path.abspath(__file__),
                          "--inner", spec_path, out_path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    if res.returncode != 0:
        return {"error": "runtime runner failed (%d): %s" % (
            res.returncode, res.stderr.strip()[-400:])}
    with open(out_path) as f:
        raw = json.load(f)
    return summarize(spec, raw)


def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 4:
        return xs[0], statistics.median(xs), xs[-1]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[1], q[2]


def summarize(spec, raw):
    """Median and interquartile range per (program, variant); pairs compared
    as within noise when their interquartile ranges overlap."""
    rows = {}
    for key, d in raw["results"].items():
        prog, var = key.split("|")
        row = {"kind": d["kind"], "input": d["input"], "error": d.get("error"),
               "retval": d.get("retval"), "bpftool": d.get("bpftool")}
        if d.get("ns"):
            q1, med, q3 = quartiles(d["ns"])
            row.update({"n": len(d["ns"]), "median": med, "q1": q1, "q3": q3,
                        "min": min(d["ns"]), "max": max(d["ns"]),
                        "mean": statistics.fmean(d["ns"])})
            row["wall_median"] = statistics.median(d["wall_ns"])
            if d.get("kernel_ns"):
                row["kernel_median"] = statistics.median(d["kernel_ns"])
                row["kernel_mean"] = statistics.fmean(d["kernel_ns"])
            if d.get("retvals"):
                row["retvals_agree"] = len(set(d["retvals"])) == 1
        rows.setdefault(prog, {})[var] = row
    return {"repeat": spec["repeat"], "samples": spec["samples"],
            "raw_tp_calls": RAW_TP_CALLS, "variants": spec["variants"],
            "inputs": {k: INPUT_TEXT[k] for k in INPUTS}, "cpu": raw.get("cpu"),
            "programs": rows, "load_errors": raw.get("load_errors", {})}


# ---------------------------------------------------------------- inner side

class TestRunAttr(ctypes.Structure):
    _fields_ = [("prog_fd", ctypes.c_uint32), ("retval", ctypes.c_uint32),
                ("data_size_in", ctypes.c_uint32), ("data_size_out", ctypes.c_uint32),
                ("data_in", ctypes.c_uint64), ("data_out", ctypes.c_uint64),
                ("repeat", ctypes.c_uint32), ("duration", ctypes.c_uint32),
                ("ctx_size_in", ctypes.c_uint32), ("ctx_size_out", ctypes.c_uint32),
                ("ctx_in", ctypes.c_uint64), ("ctx_out", ctypes.c_uint64),
                ("flags", ctypes.c_uint32), ("cpu", ctypes.c_uint32),
                ("batch_size", ctypes.c_uint32), ("_pad", ctypes.c_uint32)]


class ObjGetAttr(ctypes.Structure):
    _fields_ = [("pathname", ctypes.c_uint64), ("bpf_fd", ctypes.c_uint32),
                ("file_flags", ctypes.c_uint32), ("path_fd", ctypes.c_int32),
                ("_pad", ctypes.c_uint32)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def bpf(cmd, attr):
    r = _libc.syscall(ctypes.c_long(SYS_BPF), ctypes.c_int(cmd), ctypes.byref(attr),
                      ctypes.c_uint(ctypes.sizeof(attr)))
    if r < 0:
        e = ctypes.get_errno()
        raise OSError(e, "bpf(%d): %s" % (cmd, os.strerror(e)))
    return r


def obj_get(path):
    p = ctypes.create_string_buffer(path.encode())
    a = ObjGetAttr(pathname=ctypes.addressof(p))
    return bpf(BPF_OBJ_GET, a)


class Runner:
    """One loaded program and its prepared BPF_PROG_TEST_RUN attribute."""

    def __init__(self, fd, kind, data, repeat):
        self.kind = kind
        self.buf = ctypes.create_string_buffer(data, len(data))
        self.attr = TestRunAttr(prog_fd=fd)
        if kind == "raw_tp":
            self.attr.ctx_in = ctypes.addressof(self.buf)
            self.attr.ctx_size_in = len(data)
        else:
            self.attr.data_in = ctypes.addressof(self.buf)
            self.attr.data_size_in = len(data)
            self.attr.repeat = repeat

    def sample(self):
        """(ns per run measured in user space, kernel's average or None,
        return value)."""
        if self.kind == "raw_tp":
            c0 = time.clock_gettime_ns(time.CLOCK_THREAD_CPUTIME_ID)
            t0 = time.perf_counter_ns()
            for _ in range(RAW_TP_CALLS):
                bpf(BPF_PROG_TEST_RUN, self.attr)
            dt = time.perf_counter_ns() - t0
            dc = time.clock_gettime_ns(time.CLOCK_THREAD_CPUTIME_ID) - c0
            self.wall = dt / RAW_TP_CALLS
            return dc / RAW_TP_CALLS, None, self.attr.retval
        c0 = time.clock_gettime_ns(time.CLOCK_THREAD_CPUTIME_ID)
        t0 = time.perf_counter_ns()
        bpf(BPF_PROG_TEST_RUN, self.attr)
        dt = time.perf_counter_ns() - t0
        dc = time.clock_gettime_ns(time.CLOCK_THREAD_CPUTIME_ID) - c0
        self.wall = dt / self.attr.repeat
        return dc / self.attr.repeat, self.attr.duration, self.attr.retval


def bpftool_run(path, data_file, repeat):
    """`bpftool prog run`: its return value and "duration (average)". (bpftool
    always passes repeat >= 1, which raw tracepoints refuse.)"""
    res = subprocess.run(["bpftool", "prog", "run", "pinned", path, "data_in",
                          data_file, "repeat", str(repeat)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    m = RUN_RE.search(res.stdout + res.stderr)
    if res.returncode != 0 or not m:
        raise RuntimeError("bpftool prog run: " + (res.stderr or res.stdout).strip()[-200:])
    return {"retval": int(m.group(1)), "duration_ns": int(m.group(2))}


RUN_RE = re.compile(r"Return value: (\d+), duration(?: \(average\))?: (\d+)ns")


def inner(spec_path, out_path):
    with open(spec_path) as f:
        spec = json.load(f)
    if os.environ.get("NOCSR_PRIVATE_BPFFS") != "1":
        sys.exit("runtime.py --inner runs only under with_private_bpffs.sh")
    repeat = spec["repeat"]
    # One CPU for every run: the same core's caches for every variant, and
    # return values that depend on the CPU id (the project's tests) agree.
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    results = {}
    load_errors = {}
    runners = {}  # program -> {variant: Runner}
    for i, job in enumerate(spec["jobs"]):
        key = "%s|%s" % (job["program"], job["variant"])
        d = {"kind": job["kind"], "input": job["input"], "ns": [], "wall_ns": [],
             "kernel_ns": [], "retvals": []}
        results[key] = d
        pin = "/sys/fs/bpf/rt%d" % i
        res = subprocess.run(["bpftool", "prog", "loadall", job["obj"], pin],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True)
        if res.returncode != 0:
            d["error"] = "load: " + res.stderr.strip()[-200:]
            load_errors[key] = d["error"]
            continue
        with open(job["input_file"], "rb") as f:
            data = f.read()
        # One program per object in this corpus; take the first runnable one.
        for name in sorted(os.listdir(pin)):
            path = os.path.join(pin, name)
            try:
                runner = Runner(obj_get(path), job["kind"], data, repeat)
                if job["kind"] != "raw_tp":
                    d["bpftool"] = bpftool_run(path, job["input_file"], repeat)
                _, _, d["retval"] = runner.sample()  # warm-up
            except (OSError, RuntimeError) as e:
                d["error"] = "%s: %s" % (name, e)
                continue
            d.pop("error", None)
            runners.setdefault(job["program"], {})[job["variant"]] = runner
            break
    variants = spec["variants"]
    for rnd in range(spec["samples"]):
        order = variants[rnd % len(variants):] + variants[:rnd % len(variants)]
        for prog in sorted(runners):
            for var in order:
                r = runners[prog].get(var)
                if r is None:
                    continue
                d = results["%s|%s" % (prog, var)]
                try:
                    ns, kns, ret = r.sample()
                except OSError as e:
                    d["error"] = str(e)
                    runners[prog].pop(var)
                    continue
                d["ns"].append(ns)
                d["wall_ns"].append(r.wall)
                if kns is not None:
                    d["kernel_ns"].append(kns)
                d["retvals"].append(ret)
    with open(out_path, "w") as f:
        json.dump({"results": results, "load_errors": load_errors, "cpu": cpu}, f,
                  indent=1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--inner":
        inner(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: runtime.py --inner SPEC OUT (bench.py calls measure_runtime)")
