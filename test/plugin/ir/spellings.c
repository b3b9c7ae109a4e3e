// Every spelling and form marks the declaration and its calls.
//
// RUN: %clang %c_std_attrs %ir_ptrs -target bpf -O2 -S -emit-llvm -fplugin=%plugin %s -o - | FileCheck %s

void gnu_nocsr(void) __attribute__((nocsr));
void gnu_csr_eligible(void) __attribute__((csr_eligible));
void gnu_bpf_fastcall(void) __attribute__((bpf_fastcall));
[[clang::nocsr]] void std_nocsr(void);
[[clang::csr_eligible]] void std_csr_eligible(void);
[[clang::bpf_fastcall]] void std_bpf_fastcall(void);
[[clang::nocsr]] static long (*std_helper)(void) = (void *)8;
void plain(void);

// CHECK-LABEL: define {{.*}}void @calls()
void calls(void) {
  // CHECK: call void @gnu_nocsr() #[[FC:[0-9]+]]
  gnu_nocsr();
  // CHECK-NEXT: call void @gnu_csr_eligible() #[[FC]]
  gnu_csr_eligible();
  // CHECK-NEXT: call void @gnu_bpf_fastcall() #[[FC]]
  gnu_bpf_fastcall();
  // CHECK-NEXT: call void @std_nocsr() #[[FC]]
  std_nocsr();
  // CHECK-NEXT: call void @std_csr_eligible() #[[FC]]
  std_csr_eligible();
  // CHECK-NEXT: call void @std_bpf_fastcall() #[[FC]]
  std_bpf_fastcall();
  // CHECK-NEXT: call i64 inttoptr (i64 8 to ptr)() #[[FC]]
  std_helper();
  // CHECK-NEXT: call void @plain() #[[PLAIN:[0-9]+]]
  plain();
}

// CHECK: declare {{.*}}void @gnu_nocsr() {{.*}}#[[DECL:[0-9]+]]
// CHECK: declare {{.*}}void @gnu_csr_eligible() {{.*}}#[[DECL]]
// CHECK: declare {{.*}}void @gnu_bpf_fastcall() {{.*}}#[[DECL]]
// CHECK: declare {{.*}}void @std_nocsr() {{.*}}#[[DECL]]
// CHECK: declare {{.*}}void @std_csr_eligible() {{.*}}#[[DECL]]
// CHECK: declare {{.*}}void @std_bpf_fastcall() {{.*}}#[[DECL]]
// CHECK: declare {{.*}}void @plain() {{.*}}#[[DECL_PLAIN:[0-9]+]]

// CHECK-DAG: attributes #[[FC]] = { nounwind "bpf_fastcall" }
// CHECK-DAG: attributes #[[PLAIN]] = { nounwind }
// CHECK-DAG: attributes #[[DECL]] = { "bpf_fastcall" {{.*}}}
// CHECK-DAG: attributes #[[DECL_PLAIN]] = { {{([^"]|"[^b])*}}}
