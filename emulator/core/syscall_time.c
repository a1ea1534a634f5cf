// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_time.c — clock_gettime, clock_getres and gettimeofday: the guest's vDSO functions
 * (vdso.c) make these syscalls, so they are as hot as a program's clock reads.
 *
 * They go through the host C library, whose functions use the host kernel's vDSO for the clocks
 * it serves (realtime, monotonic, boottime, TAI, raw, coarse) and make the syscall for the
 * others (CPU-time clocks, invalid ids): the same answers as the pass-through syscall, without a
 * host kernel entry. Measured on the development machine (bench "clock", 10^6 calls of
 * clock_gettime(CLOCK_MONOTONIC)): a host syscall costs about 2 µs here, the host vDSO well
 * under 0.1 µs. Guest pointers are written by the host library: a bad one faults inside it and
 * comes back as EFAULT through syscall.c's guarded call, as from the kernel.
 * The arguments have the same layout on both sides (64-bit time_t, struct timeval, timezone).
 */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include "syscall.h"

long sys_clock_gettime(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	if (clock_gettime((clockid_t)a[0], (struct timespec *)(uintptr_t)a[1]))
		return -errno;
	return 0;
}

long sys_clock_getres(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	if (clock_getres((clockid_t)a[0], (struct timespec *)(uintptr_t)a[1]))
		return -errno;
	return 0;
}

long sys_gettimeofday(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	/* the obsolete timezone argument: the kernel's own answer */
	if (a[1])
		return HS2(hostnr, a[0], a[1]);
	if (gettimeofday((struct timeval *)(uintptr_t)a[0], NULL))
		return -errno;
	return 0;
}
