// Where "bpf_fastcall" lands in IR, by upstream's rules (clang >= 20): on the
// declaration of an attributed function and on every call whose callee
// expression names an attributed declaration -- a function or a pointer
// variable (const or not, global or local) -- but not a struct field. The
// CHECK lines are written from those rules; placement-clang22.test runs them
// against clang-22 itself.
#define FC __attribute__((ATTR))

static long (*const helper_const)(void) FC = (void *)8;
static long (*helper_var)(void) FC = (void *)9;
static long (*const helper_plain)(void) = (void *)10;
extern void *kfunc_fc(void *) FC __attribute__((section(".ksyms")));
extern int kfunc_plain(int) __attribute__((section(".ksyms")));
void fn_fc(int) FC;
void fn_redecl(void) FC;
void fn_redecl(void);
__attribute__((noinline)) int fn_def(int x) FC { return x + 1; }
struct ops {
  long (*cb)(void) FC;
};
long (*global_fp)(long) FC;

// CHECK-LABEL: define {{.*}}i32 @fn_def(
// CHECK-SAME: #[[DEF_FC:[0-9]+]]

// CHECK-LABEL: define {{.*}}i64 @test(
// CHECK-SAME: #[[DEF_PLAIN:[0-9]+]]
long test(struct ops *o, void *ctx) {
  // CHECK: call i64 inttoptr (i64 8 to ptr)() #[[CALL_FC:[0-9]+]]
  long r = helper_const();
  // O0: [[HV:%.*]] = load ptr, ptr @helper_var
  // O0-NEXT: call i64 [[HV]]() #[[CALL_FC]]
  // O2: call i64 inttoptr (i64 9 to ptr)() #[[CALL_FC]]
  r += helper_var();
  // O0: call i64 inttoptr (i64 10 to ptr)(){{$}}
  // O2: call i64 inttoptr (i64 10 to ptr)() #[[CALL_PLAIN:[0-9]+]]
  r += helper_plain();
  // CHECK: call ptr @kfunc_fc(ptr noundef %{{.*}}) #[[CALL_FC]]
  r += (long)kfunc_fc(ctx);
  // O0: call i32 @kfunc_plain(i32 noundef 1){{$}}
  // O2: call i32 @kfunc_plain(i32 noundef 1) #[[CALL_PLAIN]]
  r += kfunc_plain(1);
  // CHECK: call void @fn_fc(i32 noundef 2) #[[CALL_FC]]
  fn_fc(2);
  // CHECK: call void @fn_redecl() #[[CALL_FC]]
  fn_redecl();
  // O0: call i32 @fn_def(i32 noundef 3) #[[CALL_FC]]
  // O2: call i32 @fn_def(i32 noundef 3) #[[CALL_FC_DEF:[0-9]+]]
  r += fn_def(3);
  long (*local)(void) FC = (void *)11;
  // O0: [[LP:%.*]] = load ptr, ptr %local
  // O0-NEXT: call i64 [[LP]]() #[[CALL_FC]]
  // O2: call i64 inttoptr (i64 11 to ptr)() #[[CALL_FC]]
  r += local();
  // O0: [[CB:%.*]] = load ptr, ptr %cb,
  // O2: [[CB:%.*]] = load ptr, ptr %{{[0-9]+}},
  // O0-NEXT: call i64 [[CB]](){{$}}
  // O2-NEXT: call i64 [[CB]]() #[[CALL_PLAIN]]
  r += o->cb();
  // CHECK: [[GFP:%.*]] = load ptr, ptr @global_fp
  // CHECK: call i64 [[GFP]](i64 noundef %{{.*}}) #[[CALL_FC]]
  r += global_fp(r);
  return r;
}

// CHECK-DAG: declare {{.*}}@kfunc_fc(ptr noundef) {{.*}}#[[DECL_FC:[0-9]+]]
// CHECK-DAG: declare {{.*}}@kfunc_plain(i32 noundef) {{.*}}#[[DECL_PLAIN:[0-9]+]]
// CHECK-DAG: declare {{.*}}@fn_fc(i32 noundef) {{.*}}#[[DECL_FC]]
// CHECK-DAG: declare {{.*}}@fn_redecl() {{.*}}#[[DECL_FC]]

// A string attribute starting with b, in an attribute group line, can only
// be "bpf_fastcall" here; ([^"]|"[^b])* matches lines without one.
// CHECK-DAG: attributes #[[DEF_FC]] = { {{.*}}"bpf_fastcall"
// CHECK-DAG: attributes #[[DEF_PLAIN]] = { {{([^"]|"[^b])*}}}
// CHECK-DAG: attributes #[[DECL_FC]] = { {{.*}}"bpf_fastcall"
// CHECK-DAG: attributes #[[DECL_PLAIN]] = { {{([^"]|"[^b])*}}}
// CHECK-DAG: attributes #[[CALL_FC]] = { {{.*}}"bpf_fastcall"
// O2-DAG: attributes #[[CALL_FC_DEF]] = { {{.*}}"bpf_fastcall"
// O2-DAG: attributes #[[CALL_PLAIN]] = { {{([^"]|"[^b])*}}}
