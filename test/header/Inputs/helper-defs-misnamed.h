/* This is auto-generated file. See bpf_doc.py for details. */

static __u32 (* const bpf_get_cpu)(void) = (void *) 8;
