// Every form of bpf_fastcall; parity-clang22.test compares the diagnostics
// of clang 19 with the plugin against clang-22 natively.
#define A __attribute__((bpf_fastcall))
void d1(void) A;
A void d2(void);
void A d3(void);
[[clang::bpf_fastcall]] void d4(void);
void d5 [[clang::bpf_fastcall]] (void);
void d6(void) [[clang::bpf_fastcall]];
int d7(int x) A { return x; }
static long (*h1)(void) A = (void *) 8;
static long (* const h2)(void) A = (void *) 8;
static long (* A h3)(void) = (void *) 8;
[[clang::bpf_fastcall]] static long (*h4)(void) = (void *) 8;
typedef int (*t1)(int) A;
typedef int t2(int) A;
typedef int t3 A;
struct s { int (*f1)(int) A; int f2 A; [[clang::bpf_fastcall]] int (*f3)(void); };
void p1(int (*cb)(void) A);
void p2(int x A);
void l(void) {
  int (*lp)(void) A = 0; (void)lp;
  int li A = 0; (void)li;
  [[clang::bpf_fastcall]] int lj = 0; (void)lj;
  [[clang::bpf_fastcall]];
  [[clang::bpf_fastcall]] return;
}
void e1(void) __attribute__((bpf_fastcall()));
void e3(void) [[clang::bpf_fastcall(1, 2)]];
[[clang::bpf_fastcall("s")]] void e4(void);
int (*ret_fp(void))(void) A;
enum A en { E1 };
union A un { int x; };
int arr[3] A;
int (&refmaybe)(void);
