// Subjects of the three spellings, as upstream's bpf_fastcall: functions and
// declarations whose type is a pointer to function (variables, fields,
// typedefs, parameters); anything else gets the -Wignored-attributes warning.
// The attribute name and caret position in each message are checked by
// diagnostics.c; parity-clang22.test compares with clang-22 directly.
//
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=nocsr %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=csr_eligible %s
// RUN: %clang %c_std_attrs -target bpf -fsyntax-only -fplugin=%plugin -Xclang -verify -DATTR=bpf_fastcall %s

// Function declarations, every placement.
void fn1(void) __attribute__((ATTR));
__attribute__((ATTR)) void fn2(void);
void __attribute__((ATTR)) fn3(void);
[[clang::ATTR]] void fn4(void);
void fn5 [[clang::ATTR]] (void);
int fn6(int x) __attribute__((ATTR)) { return x; }
int (*ret_fp(void))(void) __attribute__((ATTR));

// libbpf's helper definitions, with and without const.
static long (*helper1)(void) __attribute__((ATTR)) = (void *)8;
static long (*const helper2)(void) __attribute__((ATTR)) = (void *)8;
static long (*__attribute__((ATTR)) helper3)(void) = (void *)8;
[[clang::ATTR]] static long (*helper4)(void) = (void *)8;
long (*global_fp)(long) __attribute__((ATTR));

// kfunc externs as vmlinux.h/libbpf declare them.
extern void *kfunc(void *) __attribute__((ATTR))
    __attribute__((section(".ksyms")));

// Typedefs of function pointer and function type.
typedef int (*fp_typedef)(int) __attribute__((ATTR));
typedef int fn_typedef(int) __attribute__((ATTR));

// Fields and parameters of pointer-to-function type.
struct ops {
  int (*cb)(int) __attribute__((ATTR));
  [[clang::ATTR]] int (*cb2)(void);
  int not_fp __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
};
void takes_cb(int (*cb)(void) __attribute__((ATTR)));
void takes_int(int x __attribute__((ATTR))); // expected-warning {{attribute only applies to functions and function pointers}}

void locals(void) {
  int (*lp)(void) __attribute__((ATTR)) = 0;
  int li __attribute__((ATTR)) = 0; // expected-warning {{attribute only applies to functions and function pointers}}
  [[clang::ATTR]] int lj = 0; // expected-warning {{attribute only applies to functions and function pointers}}
  (void)lp, (void)li, (void)lj;
}

// Not functions or function pointers.
int var __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
int arr[2] __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
int (*fp_array[2])(void) __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
void *data_ptr __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
typedef int int_typedef __attribute__((ATTR)); // expected-warning {{attribute only applies to functions and function pointers}}
struct __attribute__((ATTR)) tagged { int x; }; // expected-warning {{attribute only applies to functions and function pointers}}
enum __attribute__((ATTR)) en { E1 }; // expected-warning {{attribute only applies to functions and function pointers}}
union __attribute__((ATTR)) un { int x; }; // expected-warning {{attribute only applies to functions and function pointers}}
