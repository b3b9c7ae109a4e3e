# Program types: helper 8 has the fastcall prototype in tc, raw_tp, kprobe,
# tracepoint, perf_event, lwt (and xdp) programs, so their brackets go;
# socket filters and cgroup_skb get the raw prototype: the pattern is
# marked, kept, and the stack kept.
# KERNEL: load
# RUN: %clang --target=bpf -c %s -o %t.o
# RUN: %nocsr-check --kernel=6.18 --arch=x86_64 %t.o | FileCheck %s
# CHECK: sock+2: note: helper:8 is not fastcall on this kernel/program type
# CHECK-DAG: sock sock 1 1 1 0 8 -> 8 6 -> 6
# CHECK-DAG: cls cls 1 1 1 1 8 -> 0 6 -> 4
# CHECK-DAG: rawtp rawtp 1 1 1 1 8 -> 0 6 -> 4
# CHECK-DAG: kp kp 1 1 1 1 8 -> 0 6 -> 4
# CHECK-DAG: cgskb cgskb 1 1 1 0 8 -> 8 6 -> 6
# CHECK-DAG: lwt lwt 1 1 1 1 8 -> 0 6 -> 4
# CHECK-DAG: tracept tracept 1 1 1 1 8 -> 0 6 -> 4
# CHECK-DAG: perf perf 1 1 1 1 8 -> 0 6 -> 4
	.section	socket,"ax",@progbits
	.globl	sock
	.type	sock,@function
sock:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lsock_end:
	.size	sock, .Lsock_end-sock
	.section	tc,"ax",@progbits
	.globl	cls
	.type	cls,@function
cls:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lcls_end:
	.size	cls, .Lcls_end-cls
	.section	raw_tp/sys_enter,"ax",@progbits
	.globl	rawtp
	.type	rawtp,@function
rawtp:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lrawtp_end:
	.size	rawtp, .Lrawtp_end-rawtp
	.section	kprobe/do_nanosleep,"ax",@progbits
	.globl	kp
	.type	kp,@function
kp:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lkp_end:
	.size	kp, .Lkp_end-kp

	.section	cgroup_skb/ingress,"ax",@progbits
	.globl	cgskb
	.type	cgskb,@function
cgskb:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lcgskb_end:
	.size	cgskb, .Lcgskb_end-cgskb
	.section	lwt_out,"ax",@progbits
	.globl	lwt
	.type	lwt,@function
lwt:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Llwt_end:
	.size	lwt, .Llwt_end-lwt
	.section	tracepoint/syscalls/sys_enter_nanosleep,"ax",@progbits
	.globl	tracept
	.type	tracept,@function
tracept:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Ltracept_end:
	.size	tracept, .Ltracept_end-tracept
	.section	perf_event,"ax",@progbits
	.globl	perf
	.type	perf,@function
perf:
	r1 = 1
	*(u64 *)(r10 - 8) = r1
	call 8
	r1 = *(u64 *)(r10 - 8)
	r0 = 0
	exit
.Lperf_end:
	.size	perf, .Lperf_end-perf

	.section	license,"aw",@progbits
	.globl	_license
_license:
	.asciz	"GPL"
	.size	_license, 4
