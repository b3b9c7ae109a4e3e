// Like upstream's bpf_fastcall, the attributes are C only: ignored in C++.
//
// RUN: %clang -x c++ -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=nocsr %s
// RUN: %clang -x c++ -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=bpf_fastcall %s

void f1(void) __attribute__((ATTR)); // expected-warning {{attribute ignored}}
[[clang::ATTR]] void f2(void); // expected-warning {{attribute ignored}}
long (*h)(void) __attribute__((ATTR)); // expected-warning {{attribute ignored}}
