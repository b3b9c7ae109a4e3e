// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pcpu_counter: an XDP program that classifies each packet and adds it to
 * per-CPU counters, recording which CPUs saw traffic.
 *
 * Six values (the counters' address, the packet length and four protocol
 * flags) are live across bpf_get_smp_processor_id(). Built without the
 * plugin, only r6-r9 survive the call, so two of them go to the stack for
 * good. Built with the plugin, the call keeps them in r1-r5 inside a bracket
 * that the kernel deletes, together with its stack slots.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <bpf_nocsr.h>

#include "pcpu_counter.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct pkt_stats);
} stats SEC(".maps");

SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	__u64 ipv4 = 0, ipv6 = 0, tcp = 0, udp = 0;
	struct pkt_stats *s;
	__u32 key = 0, cpu;
	__u64 len;

	s = bpf_map_lookup_elem(&stats, &key);
	if (!s)
		return XDP_ABORTED;
	if ((void *)(eth + 1) > data_end)
		return XDP_DROP;

	len = data_end - data;
	if (eth->h_proto == bpf_htons(ETH_P_IP)) {
		ipv4 = 1;
		if ((void *)(ip + 1) <= data_end) {
			tcp = ip->protocol == IPPROTO_TCP;
			udp = ip->protocol == IPPROTO_UDP;
		}
	} else if (eth->h_proto == bpf_htons(ETH_P_IPV6)) {
		ipv6 = 1;
	}

	/* Eligible alias of helper 8 from bpf_nocsr.h. */
	cpu = bpf_nocsr_get_smp_processor_id();

	s->packets += 1;
	s->bytes += len;
	s->ipv4 += ipv4;
	s->ipv6 += ipv6;
	s->tcp += tcp;
	s->udp += udp;
	s->cpu_mask |= 1ULL << (cpu & 63);
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
