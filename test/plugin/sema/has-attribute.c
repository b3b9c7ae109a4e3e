// __has_attribute and __has_c_attribute see every spelling once the plugin is
// loaded, and none without it. Before clang 17 they see no plugin spelling;
// there the plugin predefines __BPF_NOCSR_PLUGIN__, which bpf_nocsr.h tests.
// The macro is defined on BPF targets only, where the attributes exist.
//
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify %s \
// RUN:   %if !plugin-has-attribute %{ -DHAS_ATTRIBUTE_BLIND %}
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -DNO_PLUGIN -Xclang -verify %s
// RUN: %clang %c_std_attrs -target x86_64-linux-gnu -fsyntax-only -fplugin=%plugin \
// RUN:   -DNON_BPF -Xclang -verify %s
// expected-no-diagnostics

#if defined(NON_BPF)
#ifdef __BPF_NOCSR_PLUGIN__
#error "__BPF_NOCSR_PLUGIN__ on a non-BPF target"
#endif
#elif defined(NO_PLUGIN)
#ifdef __BPF_NOCSR_PLUGIN__
#error "__BPF_NOCSR_PLUGIN__ without the plugin"
#endif
_Static_assert(!__has_attribute(nocsr), "");
_Static_assert(!__has_attribute(csr_eligible), "");
_Static_assert(!__has_c_attribute(clang::nocsr), "");
#else
_Static_assert(__BPF_NOCSR_PLUGIN__ == 1, "");
#if defined(HAS_ATTRIBUTE_BLIND)
_Static_assert(!__has_attribute(nocsr), "");
_Static_assert(!__has_c_attribute(clang::nocsr), "");
#else
_Static_assert(__has_attribute(nocsr), "");
_Static_assert(__has_attribute(csr_eligible), "");
_Static_assert(__has_attribute(bpf_fastcall), "");
_Static_assert(__has_c_attribute(clang::nocsr), "");
_Static_assert(__has_c_attribute(clang::csr_eligible), "");
_Static_assert(__has_c_attribute(clang::bpf_fastcall), "");
#endif
#endif
