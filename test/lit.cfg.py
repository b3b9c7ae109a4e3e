# lit configuration for bpf-nocsr. Loaded through the lit.site.cfg.py that
# CMake writes into the build tree.
import os
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "BPFNoCSR"
llvm_major = int(config.llvm_version_major)
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".ll", ".c", ".s", ".test", ".mir"]
config.excludes = ["Inputs", "unit", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.bpf_nocsr_obj_root, "test")

llvm_config.use_default_substitutions()  # FileCheck, not, count
# Prepend (not replace): RUN lines need `not`, `count` from the LLVM tools
# dir and sed/grep/diff from the system PATH.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
# A plugin-only build (LLVM < 18) has no tools of its own: nocsr-check and
# nocsr-run come from a full build (BPF_NOCSR_TOOLS_DIR).
tools_dir = config.tools_dir if config.plugin_only else config.bin_dir
llvm_config.with_environment("PATH", tools_dir, append_path=True)

arch_include = "/usr/include/%s-linux-gnu" % os.uname().machine
src_include = os.path.join(config.bpf_nocsr_src_root, "include")
config.substitutions.append(("%plugin", config.plugin_path))
config.substitutions.append(("%src_include", src_include))
config.substitutions.append(("%arch_include", arch_include))
config.substitutions.append(("%bpf_cflags",
    "-target bpf -O2 -g -I%s -I%s" % (arch_include, src_include)))
# Defines bpf_nocsr.h's attribute macros away: the build without attributes,
# also on a clang with native bpf_fastcall.
config.substitutions.append(("%no_attrs",
    "-D__bpf_fastcall= -D__nocsr= -D__csr_eligible="))
config.substitutions.append(("%inputs",
    os.path.join(config.test_source_root, "Inputs")))
config.substitutions.append(("%utils",
    os.path.join(config.bpf_nocsr_src_root, "utils")))

# The .ll tests are written with opaque pointers, the default from LLVM 15.
llc_args = ["-opaque-pointers"] if llvm_major < 15 else []
# [[clang::x]] in C before clang 17 needs the flag (gone in 18).
config.substitutions.append(("%c_std_attrs",
    "-fdouble-square-bracket-attributes" if llvm_major < 17 else ""))
# The tests read objects with one disassembler syntax (offsets in hex, as
# llvm-objdump >= 19 prints them): older builds use LLVM 19's tools.
objdump_dir = config.llvm_tools_dir
if llvm_major < 19 and os.path.exists("/usr/lib/llvm-19/bin/llvm-objdump"):
    objdump_dir = "/usr/lib/llvm-19/bin"
# IR text in the tests uses opaque pointers, clang's default from 15.
config.substitutions.append(("%ir_ptrs",
    "-mllvm -opaque-pointers" if llvm_major < 15 else ""))
tools = [
    ToolSubst("%clang", os.path.join(config.llvm_tools_dir, "clang")),
    ToolSubst("%llc", os.path.join(config.llvm_tools_dir, "llc"),
              extra_args=llc_args),
    ToolSubst("%opt", os.path.join(config.llvm_tools_dir, "opt")),
    ToolSubst("%llvm-objdump", os.path.join(objdump_dir, "llvm-objdump")),
    ToolSubst("%llvm-mc", os.path.join(objdump_dir, "llvm-mc")),
    ToolSubst("%nocsr-check", os.path.join(tools_dir, "nocsr-check")),
    ToolSubst("%nocsr-run", os.path.join(tools_dir, "nocsr-run")),
]
llvm_config.add_tool_substitutions(tools)
config.available_features.add("llvm-%s" % config.llvm_version_major)
# native-bpf-fastcall: the host clang knows `bpf_fastcall` itself (>= 20), so
# bpf_nocsr.h marks eligible calls even without the plugin.
if int(config.llvm_version_major) >= 20:
    config.available_features.add("native-bpf-fastcall")
# What clang < 17 does differently for plugin attributes and diagnostics
# (plugin/VERSIONS.md): tests that pin the newer behaviour require these.
if llvm_major >= 17:
    # __has_attribute / __has_c_attribute see plugin spellings.
    config.available_features.add("plugin-has-attribute")
    # [[clang::x(args)]] of a plugin attribute reaches its argument check.
    config.available_features.add("plugin-attr-args-parsed")
    # Source snippets in diagnostics carry line numbers.
    config.available_features.add("diag-line-numbers")
config.substitutions.append(("%llvm_major", str(llvm_major)))
# other-clang: a clang of another LLVM version to load the plugin into.
for other in (19, 14, 22, 16, 15):
    other_clang = "/usr/lib/llvm-%d/bin/clang" % other
    if other != llvm_major and os.path.exists(other_clang):
        config.available_features.add("other-clang")
        config.substitutions.append(("%other_clang", other_clang))
        config.substitutions.append(("%other_major", str(other)))
        break
# Remarks keep their line breaks (clang 14 prints them on one line).
if llvm_major >= 15:
    config.available_features.add("multiline-remarks")
if llvm_major >= 19:
    # A -O0 object carries BTF for its kfunc externs, so libbpf loads it.
    config.available_features.add("kfunc-btf-O0")
    # The assembler reads may_goto (and callx).
    config.available_features.add("may-goto-asm")
# The bounded differential run: 100 programs on a full build, 25 on each
# plugin-only build (test.sh runs three of them).
config.substitutions.append(("%differential_count",
    "25" if config.plugin_only else "100"))
# Tests that pin the register allocation of the LLVM >= 19 BPF back end.
if llvm_major >= 19:
    config.available_features.add("bpf-regalloc-19")

# clang-14: Debian 12's default clang, which cannot host the plugin; users
# on it still include bpf_nocsr.h.
clang14 = "/usr/lib/llvm-14/bin/clang"
if os.path.exists(clang14):
    config.available_features.add("clang-14")
    config.substitutions.append(("%clang14", clang14))

clang22 = os.path.join(config.clang22_dir, "clang") if config.clang22_dir else ""
if clang22 and os.path.exists(clang22):
    config.available_features.add("clang-22")
    config.substitutions.append(("%clang22", clang22))
    config.substitutions.append(("%llc22", os.path.join(config.clang22_dir, "llc")))

if config.sanitized:
    config.available_features.add("asan")

# bpf-load: the kernel lets us load and run programs. Probed by the probe
# script shared with ctest, which prints the reason when it is not.
probe = os.path.join(config.bpf_nocsr_src_root, "utils", "scripts",
                     "bpf_probe.py")
try:
    out = subprocess.run([sys.executable, probe], capture_output=True,
                         text=True, timeout=30)
    if out.returncode == 0:
        config.available_features.add("bpf-load")
    else:
        lit_config.note("bpf-load tests skipped: " + out.stdout.strip())
except Exception as e:  # noqa: BLE001
    lit_config.note("bpf-load tests skipped: probe failed: %s" % e)
