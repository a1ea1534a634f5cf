/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * abi32.h — the handlers of abi32.c (a 32-bit guest's structures and register-pair arguments
 * converted to the 64-bit ones) and legacy.c (the system calls older than their *at forms),
 * named by the syscall tables of linux/ (syscalls-arm.h), and the conversions a 32-bit guest's
 * signal frame needs.
 */
#ifndef XARCH_ABI32_H
#define XARCH_ABI32_H

#include <signal.h>
#include "linux_abi.h"

struct gthread;

#define H(name) long name(struct gthread *t, const uint64_t *a, int hostnr);
/* abi32.c */
H(sys32_clock_gettime) H(sys32_clock_getres) H(sys32_ts1) H(sys32_nanosleep) H(sys32_gettimeofday)
H(sys32_settimeofday) H(sys32_futex) H(sys32_ppoll) H(sys32_pselect6) H(sys32_pselect6_time64)
H(sys32_select) H(sys32_utimensat) H(sys32_utimes) H(sys32_sched_rr_get_interval) H(sys32_itimer)
H(sys32_settime) H(sys32_gettime) H(sys32_timeout_last) H(sys32_times) H(sys32_getrusage)
H(sys32_wait4) H(sys32_ugetrlimit) H(sys32_setrlimit) H(sys32_sysinfo) H(sys32_stat64)
H(sys32_statfs64) H(sys32_statfs) H(sys32_pread64) H(sys32_truncate64) H(sys32_truncate)
H(sys32_readahead) H(sys32_fadvise64_64) H(sys32_sync_file_range2) H(sys32_fallocate) H(sys32_rwv)
H(sys32_vmsplice) H(sys32_process_vm) H(sys32_sendfile) H(sys32_mmap2) H(sys32_fcntl64)
H(sys32_getdents64) H(sys32_lseek) H(sys32__llseek) H(sys32_rt_sigaction) H(sys32_sigaltstack)
H(sys32_sigqueueinfo) H(sys32_rt_sigtimedwait) H(sys32_rt_sigtimedwait_time64) H(sys32_waitid)
H(sys32_timer_create) H(sys32_mq_notify) H(sys32_sendmsg) H(sys32_recvmsg) H(sys32_sendmmsg)
H(sys32_recvmmsg) H(sys32_recvmmsg_time64) H(sys32_sockopt) H(sys32_epoll_wait)
H(sys32_execve) H(sys32_time64) H(sys32_settime64) H(sys32_utimensat_time64) H(sys32_sendrecv)
H(sys32_ioctl) H(sys32_ipcctl) H(sys32_msg) H(sys32_mq_open) H(sys32_mq_getsetattr)
H(sys16_getid) H(sys16_setid) H(sys16_getresid) H(sys16_chown) H(sys16_groups)
/* legacy.c */
H(sys_open) H(sys_creat) H(sys_link) H(sys_unlink) H(sys_mknod) H(sys_chmod) H(sys_chown_at)
H(sys_lchown_at) H(sys_access) H(sys_rename) H(sys_mkdir) H(sys_rmdir) H(sys_symlink) H(sys_readlink)
H(sys_pipe) H(sys_fork) H(sys_vfork)
#undef H

/* The signal frame of a 32-bit guest: siginfo_t (128 bytes) and stack_t in its layout. */
void abi32_siginfo_out(void *g128, const siginfo_t *h);
void abi32_siginfo_in(siginfo_t *h, const void *g128);
void abi32_stack_out(void *g32, const struct gabi_stack *s);
void abi32_stack_in(struct gabi_stack *s, const void *g32);

#endif /* XARCH_ABI32_H */
