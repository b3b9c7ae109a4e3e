// Several values live across helper 8 and no other call: with the plugin
// they stay in caller-saved registers and the call gets a bracket.
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf_nocsr.h>

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u64);
} total SEC(".maps");

SEC("xdp") int count(struct xdp_md *ctx) {
  __u32 key = 0;
  __u64 *v = bpf_map_lookup_elem(&total, &key);
  if (!v)
    return 0;
  __u64 a = ctx->data, b = ctx->data_end, c = ctx->data_meta;
  __u64 d = ctx->ingress_ifindex;
  __u64 cpu = bpf_nocsr_get_smp_processor_id();
  *v += (b - a) * cpu + c * d;
  return 2;
}

char LICENSE[] SEC("license") = "GPL";
