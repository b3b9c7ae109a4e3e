/* A C header, but neither libbpf nor bpftool output. */
#ifndef FOO_H
#define FOO_H
int foo(void);
#endif
