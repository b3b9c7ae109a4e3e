/* Loads counter.bpf.o through the skeleton bpf_nocsr_add_skeleton()
 * generated, runs it once on a 64-byte packet and prints its return value.
 * Exit: 0 ran, 1 failure, 77 the kernel does not let us load programs. */
#include <errno.h>
#include <stdio.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "counter.skel.h"

int main(void)
{
	struct counter_bpf *skel = counter_bpf__open_and_load();
	if (!skel) {
		int e = errno;
		fprintf(stderr, "loader: cannot load: %d\n", e);
		return e == EPERM || e == EACCES ? 77 : 1;
	}
	char packet[64] = {0};
	LIBBPF_OPTS(bpf_test_run_opts, run, .data_in = packet,
		    .data_size_in = sizeof(packet), .repeat = 1);
	int err = bpf_prog_test_run_opts(bpf_program__fd(skel->progs.count),
					 &run);
	if (!err)
		printf("retval: %u\n", run.retval);
	counter_bpf__destroy(skel);
	return err ? 1 : 0;
}
