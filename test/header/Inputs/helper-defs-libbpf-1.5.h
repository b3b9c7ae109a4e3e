/* This is auto-generated file. See bpf_doc.py for details. */

#ifndef __bpf_fastcall
#if __has_attribute(bpf_fastcall)
#define __bpf_fastcall __attribute__((bpf_fastcall))
#else
#define __bpf_fastcall
#endif
#endif

/* Forward declarations of BPF structs */
struct bpf_fib_lookup;

/*
 * bpf_map_lookup_elem
 */
static void *(* const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;

/*
 * bpf_get_smp_processor_id
 */
static __bpf_fastcall __u32 (* const bpf_get_smp_processor_id)(void) = (void *) 8;

/*
 * bpf_get_numa_node_id
 */
static long (* const bpf_get_numa_node_id)(void) = (void *) 42;
