/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Shared between pcpu_counter.bpf.c and its loader. */
#ifndef PCPU_COUNTER_H
#define PCPU_COUNTER_H

struct pkt_stats {
	__u64 packets;
	__u64 bytes;
	__u64 ipv4;
	__u64 ipv6;
	__u64 tcp;
	__u64 udp;
	__u64 cpu_mask;
};

#endif /* PCPU_COUNTER_H */
