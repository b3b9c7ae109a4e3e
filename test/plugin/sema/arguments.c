// Any argument is an error, as for upstream's bpf_fastcall. Before clang 17
// the parser asks __has_attribute's logic whether a [[clang::x(...)]] plugin
// attribute takes arguments, gets "no" and drops them silently
// (plugin/VERSIONS.md): the `args` diagnostics are checked from 17 on.
//
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify=expected%if plugin-attr-args-parsed %{,args%} -DATTR=nocsr %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify=expected%if plugin-attr-args-parsed %{,args%} -DATTR=csr_eligible %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify=expected%if plugin-attr-args-parsed %{,args%} -DATTR=bpf_fastcall %s

void a1(void) __attribute__((ATTR(1))); // expected-error {{attribute takes no arguments}}
void a2(void) __attribute__((ATTR("s"))); // expected-error {{attribute takes no arguments}}
void a3(void) __attribute__((ATTR(1, 2))); // expected-error {{attribute takes no arguments}}
[[clang::ATTR(1)]] void a4(void); // args-error {{attribute takes no arguments}}
[[clang::ATTR("s")]] void a5(void); // args-error {{attribute takes no arguments}}
static long (*a6)(void) __attribute__((ATTR(0))) = (void *)8; // expected-error {{attribute takes no arguments}}

// Empty parentheses are no argument.
void a7(void) __attribute__((ATTR()));
[[clang::ATTR()]] void a8(void);
