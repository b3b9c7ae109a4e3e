// Plugin arguments: selfcheck=on|off reaches the back end as the module flag
// bpf_nocsr.selfcheck (plugin/PluginOptions.h); anything unknown or malformed
// is a clang error naming the argument.
//
// RUN: %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=on %s -o - \
// RUN:   | FileCheck %s --check-prefix=ON
// RUN: %clang %ir_ptrs -target bpf -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=off %s -o - \
// RUN:   | FileCheck %s --check-prefix=OFF
// RUN: %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin %s -o - \
// RUN:   | FileCheck %s --check-prefix=DEFAULT
// ON: !{i32 1, !"bpf_nocsr.selfcheck", i32 1}
// OFF: !{i32 1, !"bpf_nocsr.selfcheck", i32 0}
// DEFAULT-NOT: bpf_nocsr.selfcheck
// DEFAULT: !llvm.module.flags =
// DEFAULT-NOT: bpf_nocsr.selfcheck
//
// RUN: not %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-bogus=1 %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR1
// ERR1: error: unknown or malformed argument 'bogus=1' to plugin 'BPFNoCSR': expected eligible=attr|profile:VERSION[:ARCH]|profile:FILE, selfcheck=on|off or version
// RUN: not %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=profile:6 %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR2
// ERR2: error: unknown or malformed argument 'eligible=profile:6' to plugin 'BPFNoCSR': invalid kernel '6': expected 'latest', a version such as 6.12, VERSION:ARCH such as 6.12:arm64 or a saved profile file
// RUN: not %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=all %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR3
// ERR3: error: unknown or malformed argument 'eligible=all' to plugin 'BPFNoCSR'
// RUN: not %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-selfcheck=yes %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR4
// ERR4: error: unknown or malformed argument 'selfcheck=yes' to plugin 'BPFNoCSR'
// RUN: not %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=profile:6.12:mips %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ERR5
// ERR5: error: unknown or malformed argument 'eligible=profile:6.12:mips' to plugin 'BPFNoCSR': invalid architecture 'mips' in kernel '6.12:mips': expected x86_64, arm64, riscv64 or powerpc64

// A version beyond the profile table compiles, but not silently.
// RUN: %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=profile:9.99 %s -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FUTURE
// FUTURE: warning: plugin BPFNoCSR: kernel 9.99 is newer than any the profile table knows ({{[0-9]+\.[0-9]+}}); it is predicted as the latest kernel
// RUN: %clang %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-BPFNoCSR-eligible=profile:6.18 %s -o /dev/null 2>&1 \
// RUN:   | count 0

int f(int x) { return x; }
