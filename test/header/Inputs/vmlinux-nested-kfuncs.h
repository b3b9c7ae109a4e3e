#ifndef __VMLINUX_H__
#define __VMLINUX_H__

typedef unsigned int u32;

/* BPF kfuncs */
#ifndef BPF_NO_KFUNC_PROTOTYPES
#ifndef __ksym
#define __ksym __attribute__((section(".ksyms")))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif
extern void *bpf_cast_to_kern_ctx(void *obj) __weak __ksym;
extern void *bpf_rdonly_cast(const void *obj__ign, u32 btf_id__k) __weak __ksym;
#endif

#endif /* __VMLINUX_H__ */
