// Positions where the attribute cannot go: statements, types, and the
// unscoped standard spelling (unknown, as upstream's [[bpf_fastcall]]).
//
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=nocsr %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=csr_eligible %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=bpf_fastcall %s

void stmts(void) {
  [[clang::ATTR]]; // expected-error {{attribute cannot be applied to a statement}}
  [[clang::ATTR]] return; // expected-error {{attribute cannot be applied to a statement}}
}

void on_type(void) [[clang::ATTR]]; // expected-error {{attribute cannot be applied to types}}

[[ATTR]] void unscoped(void); // expected-warning {{unknown attribute}}
void unscoped_stmt(void) {
  [[ATTR]]; // expected-warning {{unknown attribute}}
}
