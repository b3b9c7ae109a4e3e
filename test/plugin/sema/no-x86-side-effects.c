// Clang 19 lowers the attributes through the implicit x86 attribute
// no_caller_saved_registers. Its x86-only Sema rule (such a function may only
// call functions with the attribute unless built with -mgeneral-regs-only)
// must not fire on BPF, even with every warning on.
//
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -Wall -Wextra -fplugin=%plugin -Xclang -verify %s
// expected-no-diagnostics

void plain(void);
static long (*helper)(void) = (void *)8;

void caller(void) __attribute__((nocsr));
void caller(void) {
  plain();
  helper();
}

[[clang::csr_eligible]] int caller2(int x) { plain(); return x; }

// Assigning between attributed and plain pointers is allowed, as upstream.
long plain_fn(void);
long (*plain_fp)(void) = plain_fn;
long (*fc_fp)(void) __attribute__((nocsr)) = plain_fn;
void assign(void) {
  plain_fp = fc_fp;
  fc_fp = plain_fp;
  fc_fp = helper;
  long (*local)(void) __attribute__((bpf_fastcall)) = plain_fp;
  plain_fp = local;
}
