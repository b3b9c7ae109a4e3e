# lit configuration for bpf-nocsr. Loaded through the lit.site.cfg.py that
# CMake writes into the build tree.
import os
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "BPFNoCSR"
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
llvm_config.with_environment("PATH", config.bin_dir, append_path=True)

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

tools = [
    ToolSubst("%clang", os.path.join(config.llvm_tools_dir, "clang")),
    ToolSubst("%llc", os.path.join(config.llvm_tools_dir, "llc")),
    ToolSubst("%opt", os.path.join(config.llvm_tools_dir, "opt")),
    ToolSubst("%llvm-objdump",
              os.path.join(config.llvm_tools_dir, "llvm-objdump")),
    ToolSubst("%llvm-mc", os.path.join(config.llvm_tools_dir, "llvm-mc")),
    ToolSubst("%nocsr-check", os.path.join(config.bin_dir, "nocsr-check")),
    ToolSubst("%nocsr-run", os.path.join(config.bin_dir, "nocsr-run")),
]
llvm_config.add_tool_substitutions(tools)
config.available_features.add("llvm-%s" % config.llvm_version_major)
# native-bpf-fastcall: the host clang knows `bpf_fastcall` itself (>= 20), so
# bpf_nocsr.h marks eligible calls even without the plugin.
if int(config.llvm_version_major) >= 20:
    config.available_features.add("native-bpf-fastcall")

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
