// Upstream's rules in corner cases: the callee expression names the
// declaration visible at the call, so a call before an attributed
// redeclaration is not marked (and the IR declaration, created at that first
// use, stays unmarked); the attribute is inherited by later redeclarations;
// (*p)() and (**p)() still name p; a call through an array element does not
// name a declaration; the result of an attributed function is not itself
// attributed.
#define FC __attribute__((ATTR))

void f(void);
void g(void) FC;
// CHECK-LABEL: define {{.*}}void @use1()
// CHECK: call void @f() #[[PLAIN:[0-9]+]]
// CHECK: call void @g() #[[FC:[0-9]+]]
void use1(void) { f(); g(); }

void f(void) FC;
void g(void);
// CHECK-LABEL: define {{.*}}void @use2()
// CHECK: call void @f() #[[FC]]
// CHECK: call void @g() #[[FC]]
void use2(void) { f(); g(); }

long (*arr_fp[1])(void);
// CHECK-LABEL: define {{.*}}i64 @use3()
// CHECK: call i64 %{{.*}}() #[[PLAIN]]
long use3(void) { return arr_fp[0](); }

long (*ret_fp(void))(void) FC;
// CHECK-LABEL: define {{.*}}i64 @use4()
// CHECK: [[P:%.*]] = tail call ptr @ret_fp() #[[FC]]
// CHECK: call i64 [[P]]() #[[PLAIN]]
long use4(void) { return ret_fp()(); }

void (*vp)(void) FC;
// CHECK-LABEL: define {{.*}}void @use5()
// CHECK: call void %{{.*}}() #[[FC]]
// CHECK: call void %{{.*}}() #[[FC]]
// CHECK: call void @f() #[[PLAIN]]
void use5(void) { (*vp)(); (**vp)(); (&f)(); }

// Declarations are printed where they were created; check them on their own.
// DECL-DAG: declare {{.*}}void @f() {{.*}}#[[DECL_PLAIN:[0-9]+]]
// DECL-DAG: declare {{.*}}void @g() {{.*}}#[[DECL_FC:[0-9]+]]
// DECL-DAG: declare {{.*}}ptr @ret_fp() {{.*}}#[[DECL_FC]]
// DECL-DAG: attributes #[[DECL_PLAIN]] = { {{([^"]|"[^b])*}}}
// DECL-DAG: attributes #[[DECL_FC]] = { "bpf_fastcall" {{.*}}}
// CHECK-DAG: attributes #[[PLAIN]] = { nounwind }
// CHECK-DAG: attributes #[[FC]] = { nounwind "bpf_fastcall" }
