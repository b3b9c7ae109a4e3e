// __has_attribute and __has_c_attribute see every spelling once the plugin is
// loaded, and none without it.
//
// RUN: %clang -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify %s
// RUN: %clang -target bpf -fsyntax-only -DNO_PLUGIN -Xclang -verify %s
// expected-no-diagnostics

#ifndef NO_PLUGIN
_Static_assert(__has_attribute(nocsr), "");
_Static_assert(__has_attribute(csr_eligible), "");
_Static_assert(__has_attribute(bpf_fastcall), "");
_Static_assert(__has_c_attribute(clang::nocsr), "");
_Static_assert(__has_c_attribute(clang::csr_eligible), "");
_Static_assert(__has_c_attribute(clang::bpf_fastcall), "");
#else
_Static_assert(!__has_attribute(nocsr), "");
_Static_assert(!__has_attribute(csr_eligible), "");
_Static_assert(!__has_c_attribute(clang::nocsr), "");
#endif
