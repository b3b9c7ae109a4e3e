#ifndef __VMLINUX_H__
#define __VMLINUX_H__

/* BPF kfuncs */
#ifndef BPF_NO_KFUNC_PROTOTYPES
extern void *bpf_cast_to_kern_ctx(void *obj) __weak __ksym;

#endif /* __VMLINUX_H__ */
