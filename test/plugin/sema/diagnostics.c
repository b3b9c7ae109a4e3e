// Exact diagnostic text, location, caret and range, as upstream clang prints
// them for bpf_fastcall (compare parity-clang22.test). The snippets carry
// line numbers from clang 17 on.
// REQUIRES: diag-line-numbers
//
// RUN: not %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BPF --strict-whitespace
// RUN: %clang %c_std_attrs -target x86_64-linux-gnu -fsyntax-only -fplugin=%plugin %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=X86 --strict-whitespace
// RUN: not %clang %c_std_attrs -x c++ -target bpf -fsyntax-only -fplugin=%plugin %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CXX --strict-whitespace

int var __attribute__((nocsr));
// BPF:      diagnostics.c:[[@LINE-1]]:24: warning: 'nocsr' attribute only applies to functions and function pointers [-Wignored-attributes]
// BPF-NEXT: {{^}}   [[@LINE-2]] | int var __attribute__((nocsr));
// BPF-NEXT: {{^}}      |                        ^{{$}}
// X86:      diagnostics.c:[[@LINE-4]]:24: warning: unknown attribute 'nocsr' ignored [-Wunknown-attributes]
// X86-NEXT: {{^}}   [[@LINE-5]] | int var __attribute__((nocsr));
// X86-NEXT: {{^}}      |                        ^~~~~{{$}}
// CXX:      diagnostics.c:[[@LINE-7]]:24: warning: 'nocsr' attribute ignored [-Wignored-attributes]

[[clang::csr_eligible]] int var2;
// BPF:      diagnostics.c:[[@LINE-1]]:3: warning: '{{(clang::)?}}csr_eligible' attribute only applies to functions and function pointers [-Wignored-attributes]
// X86:      diagnostics.c:[[@LINE-2]]:3: warning: unknown attribute '{{(clang::)?}}csr_eligible' ignored [-Wunknown-attributes]
// X86-NEXT: {{^}}   [[@LINE-3]] | {{\[\[}}clang::csr_eligible]] int var2;
// X86-NEXT: {{^}}      |   ^~~~~~~~~~~~~~~~~~~{{$}}
// CXX:      diagnostics.c:[[@LINE-5]]:3: warning: '{{(clang::)?}}csr_eligible' attribute ignored [-Wignored-attributes]

void takes_arg(void) __attribute__((bpf_fastcall(1)));
// BPF:      diagnostics.c:[[@LINE-1]]:37: error: 'bpf_fastcall' attribute takes no arguments
// BPF-NEXT: {{^}}   [[@LINE-2]] | void takes_arg(void) __attribute__((bpf_fastcall(1)));
// BPF-NEXT: {{^}}      |                                     ^{{$}}
// X86:      diagnostics.c:[[@LINE-4]]:37: warning: unknown attribute 'bpf_fastcall' ignored [-Wunknown-attributes]
// X86-NEXT: {{^}}   [[@LINE-5]] | void takes_arg(void) __attribute__((bpf_fastcall(1)));
// X86-NEXT: {{^}}      |                                     ^~~~~~~~~~~~~~~{{$}}
// CXX:      diagnostics.c:[[@LINE-7]]:37: warning: 'bpf_fastcall' attribute ignored [-Wignored-attributes]

void stmt(void) {
  [[clang::nocsr]];
}
// BPF:      diagnostics.c:[[@LINE-2]]:5: error: '{{(clang::)?}}nocsr' attribute cannot be applied to a statement
// BPF-NEXT: {{^}}   [[@LINE-3]] |   {{\[\[}}clang::nocsr]];
// BPF-NEXT: {{^}}      |     ^             ~{{$}}

// No diagnostic for the valid subjects.
static long (*const helper)(void) __attribute__((nocsr)) = (void *)8;
void fn(void) __attribute__((bpf_fastcall));
// BPF-NOT: warning
// BPF-NOT: error
// BPF: 2 warnings and 2 errors generated.
// X86-NOT: error
// X86: 6 warnings generated.
