/* kprobe: emits an event with pid, cpu, time and arguments to a ring buffer. */
#include "bench.h"

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1 << 16);
} events SEC(".maps");

struct event {
  __u64 ts;
  __u32 pid, tgid;
  __u32 cpu, flags;
  __u64 arg0, arg1, arg2;
  char comm[16];
};
static __u64 lost[NR_CPUS];

SEC("kprobe/do_sys_openat2")
int kprobe_task_event(struct pt_regs *ctx) {
  __u64 a0 = ctx->di, a1 = ctx->si, a2 = ctx->dx;
  __u64 id = bpf_get_current_pid_tgid();
  struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
  if (!e) {
    lost[this_cpu()]++;
    return 0;
  }
  e->ts = bpf_ktime_get_ns();
  e->pid = (__u32)id;
  e->tgid = id >> 32;
  e->cpu = bpf_get_smp_processor_id();
  e->flags = a2;
  e->arg0 = a0;
  e->arg1 = a1;
  e->arg2 = a2;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  bpf_ringbuf_submit(e, 0);
  return 0;
}
