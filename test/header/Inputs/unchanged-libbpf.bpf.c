// A libbpf program as written against libbpf's headers, with no
// bpf_nocsr.h and no attribute: six values live across
// bpf_get_smp_processor_id(), more than r6-r9 hold.
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

struct sums {
  __u64 n[5];
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct sums);
} total SEC(".maps");

SEC("xdp") int count(struct xdp_md *ctx) {
  __u32 key = 0;
  struct sums *v = bpf_map_lookup_elem(&total, &key);
  if (!v)
    return 0;
  __u64 q = ctx->rx_queue_index;
  __u64 a = v->n[0] + q, b = v->n[1] + q, c = v->n[2] + q;
  __u64 d = v->n[3] + q, e = v->n[4] + q;
  __u64 cpu = bpf_get_smp_processor_id();
  v->n[0] = a * cpu;
  v->n[1] = b * cpu;
  v->n[2] = c * cpu;
  v->n[3] = d * cpu;
  v->n[4] = e * cpu;
  return 2;
}

char LICENSE[] SEC("license") = "GPL";
