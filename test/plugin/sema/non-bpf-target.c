// On other targets the attributes are unknown and ignored, as upstream's
// target-specific bpf_fastcall.
//
// RUN: %clang %c_std_attrs -target x86_64-linux-gnu -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=nocsr %s
// RUN: %clang %c_std_attrs -target aarch64-linux-gnu -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=nocsr %s
// RUN: %clang %c_std_attrs -target x86_64-linux-gnu -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=csr_eligible %s
// RUN: %clang %c_std_attrs -target x86_64-linux-gnu -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=bpf_fastcall %s

void f1(void) __attribute__((ATTR)); // expected-warning {{unknown attribute}}
static long (*h)(void) __attribute__((ATTR)) = (void *)8; // expected-warning {{unknown attribute}}
[[clang::ATTR]] void f2(void); // expected-warning {{unknown attribute}}
// The argument is not even looked at.
void f3(void) __attribute__((ATTR(1))); // expected-warning {{unknown attribute}}
