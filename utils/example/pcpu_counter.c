// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pcpu_counter: loads pcpu_counter.bpf.o through its bpftool skeleton, runs
 * the XDP program on three kinds of packets with BPF_PROG_TEST_RUN (pinned
 * to one CPU, nothing attached) and prints what the kernel made of it and
 * the counters it produced.
 *
 * Usage: pcpu_counter [-v] [REPEAT]
 * Exit: 0 ok, 1 failure, 77 the kernel does not let us load BPF programs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_ether.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "pcpu_counter.h"
#include "pcpu_counter.skel.h"

static int verbose;

static int print_libbpf(enum libbpf_print_level level, const char *fmt,
			va_list args)
{
	if (level == LIBBPF_DEBUG && !verbose)
		return 0;
	return verbose ? vfprintf(stderr, fmt, args) : 0;
}

/* A 64-byte Ethernet frame carrying an IPv4/TCP, IPv4/UDP or IPv6 header
 * (only the fields the program reads are filled in). */
static void make_packet(unsigned char *pkt, int kind)
{
	struct ethhdr *eth = (void *)pkt;
	unsigned char *l3 = pkt + sizeof(*eth);

	memset(pkt, 0, 64);
	memset(eth->h_dest, 0xff, ETH_ALEN);
	if (kind == 2) {
		eth->h_proto = htons(ETH_P_IPV6);
		l3[0] = 0x60;		/* version 6 */
		l3[6] = IPPROTO_UDP;	/* next header */
		return;
	}
	eth->h_proto = htons(ETH_P_IP);
	l3[0] = 0x45;			/* version 4, 20-byte header */
	l3[3] = 64 - sizeof(*eth);	/* total length */
	l3[8] = 64;			/* ttl */
	l3[9] = kind == 0 ? IPPROTO_TCP : IPPROTO_UDP;
}

/* "stack depth 8" or "stack depth 8+16" from a BPF_LOG_STATS log. */
static const char *stack_depth(const char *log, char *buf, size_t size)
{
	const char *p = strstr(log, "stack depth ");
	size_t n = 0;

	if (!p)
		return "?";
	for (p += strlen("stack depth "); *p && *p != '\n' && n + 1 < size; p++)
		buf[n++] = *p;
	buf[n] = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { "ipv4/tcp", "ipv4/udp", "ipv6" };
	static char log[1 << 16];
	struct pcpu_counter_bpf *skel;
	struct bpf_prog_info info = {};
	__u32 info_len = sizeof(info);
	struct pkt_stats total = {}, *per_cpu;
	unsigned char pkt[64];
	int repeat = 1000, ncpus, prog_fd, err, i;
	__u32 key = 0, retval = 0;
	char depth[64];
	cpu_set_t cpus;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else
			repeat = atoi(argv[i]);
	}
	libbpf_set_print(print_libbpf);

	/* The program reads the CPU number; run every test on CPU 0. */
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus)) {
		perror("sched_setaffinity");
		return 1;
	}

	skel = pcpu_counter_bpf__open();
	if (!skel) {
		fprintf(stderr, "pcpu_counter: cannot open the BPF object\n");
		return 1;
	}
	/* BPF_LOG_STATS: the verifier reports the final stack depth. */
	bpf_program__set_log_buf(skel->progs.count_packets, log, sizeof(log));
	bpf_program__set_log_level(skel->progs.count_packets, 4);

	err = pcpu_counter_bpf__load(skel);
	if (err) {
		int e = -err;

		fprintf(stderr, "pcpu_counter: load failed: %s\n", strerror(e));
		if (log[0])
			fprintf(stderr, "%s\n", log);
		pcpu_counter_bpf__destroy(skel);
		return e == EPERM || e == EACCES ? 77 : 1;
	}

	prog_fd = bpf_program__fd(skel->progs.count_packets);
	err = bpf_obj_get_info_by_fd(prog_fd, &info, &info_len);
	if (err) {
		fprintf(stderr, "pcpu_counter: prog info: %s\n", strerror(errno));
		goto out;
	}
	printf("object_insns: %zu\n", bpf_program__insn_cnt(skel->progs.count_packets));
	printf("xlated_insns: %u\n", info.xlated_prog_len / 8);
	printf("jited_bytes: %u\n", info.jited_prog_len);
	printf("stack_depth: %s\n", stack_depth(log, depth, sizeof(depth)));

	for (i = 0; i < 3; i++) {
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt,
			    .data_size_in = sizeof(pkt), .repeat = repeat);

		make_packet(pkt, i);
		err = bpf_prog_test_run_opts(prog_fd, &opts);
		if (err) {
			fprintf(stderr, "pcpu_counter: test run: %s\n",
				strerror(errno));
			goto out;
		}
		printf("run %s x%d: retval %u\n", kinds[i], repeat, opts.retval);
		retval |= opts.retval << (8 * i);
	}

	ncpus = libbpf_num_possible_cpus();
	per_cpu = calloc(ncpus, sizeof(*per_cpu));
	if (!per_cpu || bpf_map__lookup_elem(skel->maps.stats, &key, sizeof(key),
					     per_cpu, ncpus * sizeof(*per_cpu), 0)) {
		fprintf(stderr, "pcpu_counter: reading the counters failed\n");
		err = -1;
		goto out;
	}
	for (i = 0; i < ncpus; i++) {
		total.packets += per_cpu[i].packets;
		total.bytes += per_cpu[i].bytes;
		total.ipv4 += per_cpu[i].ipv4;
		total.ipv6 += per_cpu[i].ipv6;
		total.tcp += per_cpu[i].tcp;
		total.udp += per_cpu[i].udp;
		total.cpu_mask |= per_cpu[i].cpu_mask;
	}
	free(per_cpu);
	printf("result: retvals=0x%06x packets=%llu bytes=%llu ipv4=%llu "
	       "ipv6=%llu tcp=%llu udp=%llu cpu_mask=0x%llx\n",
	       retval, total.packets, total.bytes, total.ipv4, total.ipv6,
	       total.tcp, total.udp, total.cpu_mask);
out:
	pcpu_counter_bpf__destroy(skel);
	return err ? 1 : 0;
}
