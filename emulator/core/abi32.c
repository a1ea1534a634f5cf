// SPDX-License-Identifier: GPL-2.0-only
/*
 * abi32.c — THE place where the system calls of a 32-bit guest (32-bit arm EABI) meet the
 * 64-bit ones: every structure whose layout follows from 4-byte longs and pointers
 * (linux_abi32.h), every 64-bit argument passed as a register pair, every 32-bit time. A
 * handler here converts the guest's structure into the 64-bit one on the emulator's stack,
 * calls the core's handler for the 64-bit call (guest memory is identity mapped, so a host
 * pointer is as good an argument as a guest one) or the host, and converts the answer back.
 * Calls whose layouts agree use the core's handlers directly (linux/syscalls-arm.h).
 *
 * Also here: the directory offsets a 32-bit guest sees. ext4 and overlayfs give 64-bit hashes
 * as d_off; a 32-bit C library's readdir() fails on them with EOVERFLOW ("Value too large for
 * defined data type"), and telldir() returns a 32-bit long. getdents64 therefore hands out
 * small cookies (1, 2, ...) per open directory and lseek/_llseek map them back.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <time.h>
#include "abi32.h"
#include "linux_abi32.h"
#include "syscall.h"

#define GP(x) ((void *)(uintptr_t)(x))
/* a 64-bit argument in a register pair (EABI: the even/odd pair, low word first) */
#define PAIR(lo, hi) ((int64_t)((uint64_t)(uint32_t)(lo) | (uint64_t)(hi) << 32))
#define S32(x) ((int64_t)(int32_t)(x))

/* ---- time ---- */

static void ts_in(struct timespec *h, const struct g32_timespec *g)
{
	h->tv_sec = g->tv_sec;
	h->tv_nsec = g->tv_nsec;
}

static int ts_out(struct g32_timespec *g, const struct timespec *h)
{
	g->tv_sec = (int32_t)h->tv_sec;
	g->tv_nsec = (int32_t)h->tv_nsec;
	return h->tv_sec == g->tv_sec ? 0 : -EOVERFLOW;
}

static void tv_in(struct timeval *h, const struct g32_timeval *g)
{
	h->tv_sec = g->tv_sec;
	h->tv_usec = g->tv_usec;
}

static void tv_out(struct g32_timeval *g, const struct timeval *h)
{
	g->tv_sec = (int32_t)h->tv_sec;
	g->tv_usec = (int32_t)h->tv_usec;
}

static void its_in(struct itimerspec *h, const struct g32_itimerspec *g)
{
	ts_in(&h->it_interval, &g->it_interval);
	ts_in(&h->it_value, &g->it_value);
}

static void its_out(struct g32_itimerspec *g, const struct itimerspec *h)
{
	ts_out(&g->it_interval, &h->it_interval);
	ts_out(&g->it_value, &h->it_value);
}

/* A time32 call whose argument k is an optional struct timespec: converted in, the core or
 * host call made with the 64-bit one, and written back when the call updates it. */
static long with_ts(struct gthread *t, const uint64_t *a, int k, int hostnr, syscall_fn fn, int writeback)
{
	uint64_t b[6];
	struct timespec ts;
	struct g32_timespec *g = GP(a[k]);
	memcpy(b, a, sizeof(b));
	if (g) {
		ts_in(&ts, g);
		b[k] = (uint64_t)(uintptr_t)&ts;
	}
	long r = fn(t, b, hostnr);
	if (g && writeback)
		ts_out(g, &ts);
	return r;
}

/*
 * The time64 calls take the 64-bit struct timespec, but a 32-bit C library's struct
 * __timespec64 has a 32-bit tv_nsec and 4 bytes of padding it need not clear: Linux drops the
 * padding for a 32-bit task, a 64-bit kernel would see it as part of tv_nsec (EINVAL). So the
 * timespec is copied with the padding dropped (and written back whole when the call updates it).
 */
static void ts64_in(struct timespec *h, const int64_t *g)
{
	h->tv_sec = g[0];
	h->tv_nsec = (long)(uint32_t)g[1];
}

static long with_ts64(struct gthread *t, const uint64_t *a, int k, int hostnr, syscall_fn fn, int writeback)
{
	uint64_t b[6];
	struct timespec ts;
	int64_t *g = GP(a[k]);
	memcpy(b, a, sizeof(b));
	if (g) {
		ts64_in(&ts, g);
		b[k] = (uint64_t)(uintptr_t)&ts;
	}
	long r = fn(t, b, hostnr);
	if (g && writeback) {
		g[0] = ts.tv_sec;
		g[1] = ts.tv_nsec;
	}
	return r;
}

/* the time64 calls with one struct timespec argument (input, or updated: ppoll) */
long sys32_time64(struct gthread *t, const uint64_t *a, int hostnr)
{
	switch (hostnr) {
	case SYS_clock_settime:
		return with_ts64(t, a, 1, hostnr, sys_pass, 0);
	case SYS_clock_nanosleep:	/* (clk, flags, req, rem): rem is written whole by the host */
		return with_ts64(t, a, 2, hostnr, sys_pass, 0);
	case SYS_ppoll:
		return with_ts64(t, a, 2, hostnr, sys_ppoll, 1);
	case SYS_futex: {
		unsigned cmd = (unsigned)a[1] & ~(unsigned)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
		if (cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_WAIT_BITSET ||
		    cmd == FUTEX_WAIT_REQUEUE_PI || cmd == 13 /* FUTEX_LOCK_PI2 */)
			return with_ts64(t, a, 3, hostnr, sys_pass, 0);
		return sys_pass(t, a, hostnr);
	}
	case SYS_semtimedop:
	case SYS_futex_waitv:
		return with_ts64(t, a, 3, hostnr, sys_pass, 0);
	case SYS_epoll_pwait2:
		return with_ts64(t, a, 3, hostnr, sys_epoll_pwait, 0);
	default:	/* mq_timedsend, mq_timedreceive */
		return with_ts64(t, a, 4, hostnr, sys_pass, 0);
	}
}

/* timer_settime64(id, flags, new, old), timerfd_settime64(fd, flags, new, old) */
long sys32_settime64(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct itimerspec n;
	if (a[2]) {
		const int64_t *g = GP(a[2]);
		ts64_in(&n.it_interval, g);
		ts64_in(&n.it_value, g + 2);
	}
	return HS4(hostnr, a[0], a[1], a[2] ? &n : NULL, a[3]);
}

long sys32_utimensat_time64(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timespec ts[2];
	uint64_t b[6];
	memcpy(b, a, sizeof(b));
	if (a[2]) {
		const int64_t *g = GP(a[2]);
		ts64_in(&ts[0], g);
		ts64_in(&ts[1], g + 2);
		b[2] = (uint64_t)(uintptr_t)ts;
	}
	return sys_utimensat(t, b, hostnr);
}

long sys32_clock_gettime(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timespec ts;
	uint64_t b[6] = { a[0], (uint64_t)(uintptr_t)&ts };
	long r = sys_clock_gettime(t, b, hostnr);
	if (r == 0)
		r = ts_out(GP(a[1]), &ts);
	return r;
}

long sys32_clock_getres(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timespec ts;
	uint64_t b[6] = { a[0], (uint64_t)(uintptr_t)&ts };
	long r = sys_clock_getres(t, b, hostnr);
	if (r == 0 && a[1])
		ts_out(GP(a[1]), &ts);
	return r;
}

long sys32_ts1(struct gthread *t, const uint64_t *a, int hostnr)	/* clock_settime: (clk, ts) */
{
	return with_ts(t, a, 1, hostnr, sys_pass, 0);
}

/* nanosleep(req, rem), clock_nanosleep(clk, flags, req, rem): rem is written on EINTR */
long sys32_nanosleep(struct gthread *t, const uint64_t *a, int hostnr)
{
	int k = hostnr == SYS_nanosleep ? 0 : 2;
	struct timespec req, rem = { 0, 0 };
	uint64_t b[6];
	memcpy(b, a, sizeof(b));
	ts_in(&req, GP(a[k]));
	b[k] = (uint64_t)(uintptr_t)&req;
	b[k + 1] = a[k + 1] ? (uint64_t)(uintptr_t)&rem : 0;
	long r = sys_pass(t, b, hostnr);
	if (r == -EINTR && a[k + 1])
		ts_out(GP(a[k + 1]), &rem);
	return r;
}

long sys32_gettimeofday(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timeval tv;
	struct timezone tz;
	uint64_t b[6] = { a[0] ? (uint64_t)(uintptr_t)&tv : 0, a[1] ? (uint64_t)(uintptr_t)&tz : 0 };
	long r = sys_gettimeofday(t, b, hostnr);
	if (r == 0 && a[0])
		tv_out(GP(a[0]), &tv);
	if (r == 0 && a[1])
		memcpy(GP(a[1]), &tz, sizeof(tz));	/* two ints everywhere */
	return r;
}

long sys32_settimeofday(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct timeval tv;
	if (a[0])
		tv_in(&tv, GP(a[0]));
	return HS2(hostnr, a[0] ? &tv : NULL, a[1]);
}

/* futex: the fourth argument is a timeout only for the waiting operations (else val2) */
long sys32_futex(struct gthread *t, const uint64_t *a, int hostnr)
{
	unsigned cmd = (unsigned)a[1] & ~(unsigned)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	if (a[3] && (cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI || cmd == FUTEX_WAIT_BITSET ||
		     cmd == FUTEX_WAIT_REQUEUE_PI || cmd == 13 /* FUTEX_LOCK_PI2 */))
		return with_ts(t, a, 3, hostnr, sys_pass, 0);
	return sys_pass(t, a, hostnr);
}

long sys32_ppoll(struct gthread *t, const uint64_t *a, int hostnr)
{
	return with_ts(t, a, 2, hostnr, sys_ppoll, 1);
}

/* pselect6 and pselect6_time64: the sixth argument is {u32 sigset pointer, u32 size} */
static long pselect_common(struct gthread *t, const uint64_t *a, int hostnr, int time32)
{
	uint64_t b[6], ss[2];
	struct timespec ts;
	memcpy(b, a, sizeof(b));
	if (a[5]) {
		const struct g32_sigset_argpack *p = GP(a[5]);
		ss[0] = p->ss;
		ss[1] = p->ss_len;
		b[5] = (uint64_t)(uintptr_t)ss;
	}
	if (a[4]) {
		if (time32)
			ts_in(&ts, GP(a[4]));
		else
			ts64_in(&ts, GP(a[4]));
		b[4] = (uint64_t)(uintptr_t)&ts;
	}
	long r = sys_pselect6(t, b, hostnr);
	if (a[4] && time32) {
		ts_out(GP(a[4]), &ts);
	} else if (a[4]) {
		int64_t *g = GP(a[4]);
		g[0] = ts.tv_sec;
		g[1] = ts.tv_nsec;
	}
	return r;
}

long sys32_pselect6(struct gthread *t, const uint64_t *a, int hostnr)
{
	return pselect_common(t, a, hostnr, 1);
}

long sys32_pselect6_time64(struct gthread *t, const uint64_t *a, int hostnr)
{
	return pselect_common(t, a, hostnr, 0);
}

/* select(n, in, out, ex, struct timeval *) */
long sys32_select(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timeval tv;
	if (a[4])
		tv_in(&tv, GP(a[4]));
	long r = host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], (long)a[3],
				   a[4] ? (long)&tv : 0, 0);
	if (a[4])
		tv_out(GP(a[4]), &tv);
	return r;
}

long sys32_utimensat(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct timespec ts[2];
	uint64_t b[6];
	memcpy(b, a, sizeof(b));
	if (a[2]) {
		const struct g32_timespec *g = GP(a[2]);
		ts_in(&ts[0], &g[0]);
		ts_in(&ts[1], &g[1]);
		b[2] = (uint64_t)(uintptr_t)ts;
	}
	return sys_utimensat(t, b, hostnr);
}

/* utimes(path, tv[2]) (k = 1) and futimesat(dirfd, path, tv[2]) (k = 2) */
long sys32_utimes(struct gthread *t, const uint64_t *a, int hostnr)
{
	int k = hostnr == SYS_utimes ? 1 : 2;
	struct timeval tv[2];
	uint64_t b[6];
	memcpy(b, a, sizeof(b));
	if (a[k]) {
		const struct g32_timeval *g = GP(a[k]);
		tv_in(&tv[0], &g[0]);
		tv_in(&tv[1], &g[1]);
		b[k] = (uint64_t)(uintptr_t)tv;
	}
	return k == 1 ? sys_path0(t, b, hostnr) : sys_path1(t, b, hostnr);
}

long sys32_sched_rr_get_interval(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct timespec ts;
	long r = HS2(hostnr, a[0], &ts);
	if (r == 0)
		ts_out(GP(a[1]), &ts);
	return r;
}

/* setitimer(which, new, old), getitimer(which, cur) */
long sys32_itimer(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct itimerval n, o;
	int set = hostnr == SYS_setitimer;
	struct g32_itimerval *gn = GP(a[1]), *go = GP(set ? a[2] : a[1]);
	if (set && gn) {
		tv_in(&n.it_interval, &gn->it_interval);
		tv_in(&n.it_value, &gn->it_value);
	}
	long r = set ? HS3(hostnr, a[0], gn ? &n : NULL, go ? &o : NULL) : HS2(hostnr, a[0], &o);
	if (r == 0 && go) {
		tv_out(&go->it_interval, &o.it_interval);
		tv_out(&go->it_value, &o.it_value);
	}
	return r;
}

/* timer_settime(id, flags, new, old), timerfd_settime(fd, flags, new, old) */
long sys32_settime(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct itimerspec n, o;
	if (a[2])
		its_in(&n, GP(a[2]));
	long r = HS4(hostnr, a[0], a[1], a[2] ? &n : NULL, a[3] ? &o : NULL);
	if (r == 0 && a[3])
		its_out(GP(a[3]), &o);
	return r;
}

/* timer_gettime(id, cur), timerfd_gettime(fd, cur) */
long sys32_gettime(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct itimerspec o;
	long r = HS2(hostnr, a[0], &o);
	if (r == 0)
		its_out(GP(a[1]), &o);
	return r;
}

/* mq_timedsend(mqd, msg, len, prio, ts), mq_timedreceive(mqd, msg, len, prio *, ts),
 * semtimedop(id, sops, n, ts): the timeout is the last argument */
long sys32_timeout_last(struct gthread *t, const uint64_t *a, int hostnr)
{
	return with_ts(t, a, hostnr == SYS_semtimedop ? 3 : 4, hostnr, sys_pass, 0);
}

long sys32_times(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct tms h;
	long r = HS1(hostnr, &h);
	if (r >= 0 || r < -4096) {
		if (a[0]) {
			struct g32_tms *g = GP(a[0]);
			g->utime = (int32_t)h.tms_utime;
			g->stime = (int32_t)h.tms_stime;
			g->cutime = (int32_t)h.tms_cutime;
			g->cstime = (int32_t)h.tms_cstime;
		}
		r = (int32_t)r;	/* clock_t: a 32-bit tick count that wraps */
		if (r < 0 && r > -4096)
			r = (int32_t)(r & 0x7fffffff);	/* never mistaken for an error */
	}
	return r;
}

/* ---- resources ---- */

static void rusage_out(struct g32_rusage *g, const struct rusage *h)
{
	tv_out(&g->ru_utime, &h->ru_utime);
	tv_out(&g->ru_stime, &h->ru_stime);
	const long *rest = &h->ru_maxrss;
	for (int i = 0; i < 14; i++)
		g->rest[i] = (int32_t)rest[i];
}

long sys32_getrusage(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct rusage ru;
	long r = HS2(hostnr, (int)a[0], &ru);
	if (r == 0)
		rusage_out(GP(a[1]), &ru);
	return r;
}

long sys32_wait4(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct rusage ru;
	long r = host_syscall_safe(t, hostnr, (int)a[0], (long)a[1], (long)a[2], a[3] ? (long)&ru : 0, 0, 0);
	if (r > 0 && a[3])
		rusage_out(GP(a[3]), &ru);
	return r;
}

long sys32_ugetrlimit(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	struct rlimit rl;
	long r = HS4(SYS_prlimit64, 0, a[0], NULL, &rl);
	if (r == 0) {
		struct g32_rlimit *g = GP(a[1]);
		g->rlim_cur = rl.rlim_cur >= G32_RLIM_INFINITY ? G32_RLIM_INFINITY : (uint32_t)rl.rlim_cur;
		g->rlim_max = rl.rlim_max >= G32_RLIM_INFINITY ? G32_RLIM_INFINITY : (uint32_t)rl.rlim_max;
	}
	return r;
}

long sys32_setrlimit(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	const struct g32_rlimit *g = GP(a[1]);
	struct rlimit rl = {
		g->rlim_cur == G32_RLIM_INFINITY ? RLIM_INFINITY : g->rlim_cur,
		g->rlim_max == G32_RLIM_INFINITY ? RLIM_INFINITY : g->rlim_max,
	};
	return HS4(SYS_prlimit64, 0, a[0], &rl, NULL);
}

long sys32_sysinfo(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct sysinfo h;
	long r = HS1(hostnr, &h);
	if (r)
		return r;
	/* as Linux's compat sysinfo: scale the sizes by a power of two until they fit */
	unsigned shift = 0;
	uint64_t unit = h.mem_unit ? h.mem_unit : 1;
	uint64_t big = h.totalram | h.totalswap | h.totalhigh | h.sharedram | h.bufferram;
	while ((big >> shift) > 0xffffffffull)
		shift++;
	struct g32_sysinfo *g = GP(a[0]);
	memset(g, 0, sizeof(*g));
	g->uptime = (int32_t)h.uptime;
	for (int i = 0; i < 3; i++)
		g->loads[i] = (uint32_t)h.loads[i];
	g->totalram = (uint32_t)(h.totalram >> shift);
	g->freeram = (uint32_t)(h.freeram >> shift);
	g->sharedram = (uint32_t)(h.sharedram >> shift);
	g->bufferram = (uint32_t)(h.bufferram >> shift);
	g->totalswap = (uint32_t)(h.totalswap >> shift);
	g->freeswap = (uint32_t)(h.freeswap >> shift);
	g->procs = h.procs;
	g->totalhigh = (uint32_t)(h.totalhigh >> shift);
	g->freehigh = (uint32_t)(h.freehigh >> shift);
	g->mem_unit = (uint32_t)(unit << shift);
	return 0;
}

/* ---- files ---- */

static void stat64_out(struct g32_stat64 *g, const struct gabi_stat *s)
{
	memset(g, 0, sizeof(*g));
	g->st_dev = s->st_dev;
	g->__st_ino = (uint32_t)s->st_ino;
	g->st_mode = s->st_mode;
	g->st_nlink = s->st_nlink;
	g->st_uid = s->st_uid;
	g->st_gid = s->st_gid;
	g->st_rdev = s->st_rdev;
	g->st_size = s->st_size;
	g->st_blksize = (uint32_t)s->st_blksize;
	g->st_blocks = (uint64_t)s->st_blocks;
	g->st_atime_sec = (uint32_t)s->st_atime_sec;
	g->st_atime_nsec = (uint32_t)s->st_atime_nsec;
	g->st_mtime_sec = (uint32_t)s->st_mtime_sec;
	g->st_mtime_nsec = (uint32_t)s->st_mtime_nsec;
	g->st_ctime_sec = (uint32_t)s->st_ctime_sec;
	g->st_ctime_nsec = (uint32_t)s->st_ctime_nsec;
	g->st_ino = s->st_ino;
}

/* stat64(path, buf), lstat64(path, buf), fstatat64(dirfd, path, buf, flags), fstat64(fd, buf):
 * through the core's newfstatat/fstat (paths, /proc/self/exe), then the layout */
long sys32_stat64(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	struct gabi_stat s;
	uint64_t b[6] = { (uint64_t)AT_FDCWD, a[0], (uint64_t)(uintptr_t)&s, 0 };
	void *out = GP(a[1]);
	long r;
	switch (hostnr) {
	case SYS_lstat:
		b[3] = AT_SYMLINK_NOFOLLOW;
		/* fall through */
	case SYS_stat:
		r = sys_newfstatat(t, b, SYS_newfstatat);
		break;
	case SYS_fstat:
		b[0] = a[0];
		b[1] = (uint64_t)(uintptr_t)&s;
		r = sys_fstat(t, b, SYS_fstat);
		break;
	default:	/* fstatat64 */
		b[0] = a[0];
		b[1] = a[1];
		b[3] = a[3];
		out = GP(a[2]);
		r = sys_newfstatat(t, b, SYS_newfstatat);
		break;
	}
	if (r == 0)
		stat64_out(out, &s);
	return r;
}

static void statfs64_out(struct g32_statfs64 *g, const struct statfs *h)
{
	memset(g, 0, sizeof(*g));
	g->f_type = (uint32_t)h->f_type;
	g->f_bsize = (uint32_t)h->f_bsize;
	g->f_blocks = h->f_blocks;
	g->f_bfree = h->f_bfree;
	g->f_bavail = h->f_bavail;
	g->f_files = h->f_files;
	g->f_ffree = h->f_ffree;
	memcpy(g->f_fsid, &h->f_fsid, sizeof(g->f_fsid));
	g->f_namelen = (uint32_t)h->f_namelen;
	g->f_frsize = (uint32_t)h->f_frsize;
	g->f_flags = (uint32_t)h->f_flags;
}

static long statfs_host(struct gthread *t, uint64_t what, struct statfs *h, int hostnr)
{
	uint64_t b[6] = { what, (uint64_t)(uintptr_t)h };
	return hostnr == SYS_statfs ? sys_path0(t, b, hostnr) : HS2(hostnr, what, h);
}

/* statfs64(path, size, buf), fstatfs64(fd, size, buf) */
long sys32_statfs64(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct statfs h;
	if (a[1] != sizeof(struct g32_statfs64) && a[1] != 88)	/* 88: old C libraries' padded size, as Linux */
		return -EINVAL;
	long r = statfs_host(t, a[0], &h, hostnr);
	if (r == 0)
		statfs64_out(GP(a[2]), &h);
	return r;
}

/* statfs(path, buf), fstatfs(fd, buf): 32-bit counts, EOVERFLOW when they do not fit */
long sys32_statfs(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct statfs h;
	long r = statfs_host(t, a[0], &h, hostnr);
	if (r)
		return r;
	if ((h.f_blocks | h.f_bfree | h.f_bavail) >> 32 ||
	    (h.f_files != ~0ul && h.f_files >> 32) || (h.f_ffree != ~0ul && h.f_ffree >> 32))
		return -EOVERFLOW;
	struct g32_statfs *g = GP(a[1]);
	memset(g, 0, sizeof(*g));
	g->f_type = (uint32_t)h.f_type;
	g->f_bsize = (uint32_t)h.f_bsize;
	g->f_blocks = (uint32_t)h.f_blocks;
	g->f_bfree = (uint32_t)h.f_bfree;
	g->f_bavail = (uint32_t)h.f_bavail;
	g->f_files = (uint32_t)h.f_files;
	g->f_ffree = (uint32_t)h.f_ffree;
	memcpy(g->f_fsid, &h.f_fsid, sizeof(g->f_fsid));
	g->f_namelen = (uint32_t)h.f_namelen;
	g->f_frsize = (uint32_t)h.f_frsize;
	g->f_flags = (uint32_t)h.f_flags;
	return 0;
}

/* 64-bit offsets in register pairs */
long sys32_pread64(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, buf, n, pad, lo, hi) */
{
	return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], PAIR(a[4], a[5]), 0, 0);
}

long sys32_truncate64(struct gthread *t, const uint64_t *a, int hostnr)	/* (path|fd, pad, lo, hi) */
{
	uint64_t b[6] = { a[0], (uint64_t)PAIR(a[2], a[3]) };
	return hostnr == SYS_truncate ? sys_path0(t, b, hostnr) : HS2(hostnr, a[0], b[1]);
}

long sys32_truncate(struct gthread *t, const uint64_t *a, int hostnr)	/* (path|fd, off_t) */
{
	uint64_t b[6] = { a[0], (uint64_t)S32(a[1]) };
	return hostnr == SYS_truncate ? sys_path0(t, b, hostnr) : HS2(hostnr, a[0], b[1]);
}

long sys32_readahead(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, pad, lo, hi, n) */
{
	(void)t;
	return HS3(hostnr, a[0], PAIR(a[2], a[3]), a[4]);
}

long sys32_fadvise64_64(struct gthread *t, const uint64_t *a, int hostnr)	/* arm: (fd, advice, off, len) */
{
	(void)t;
	return HS4(hostnr, a[0], PAIR(a[2], a[3]), PAIR(a[4], a[5]), a[1]);
}

long sys32_sync_file_range2(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, flags, off, n) */
{
	return host_syscall_safe(t, hostnr, (long)a[0], PAIR(a[2], a[3]), PAIR(a[4], a[5]), (long)a[1], 0, 0);
}

long sys32_fallocate(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, mode, off, len) */
{
	return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], PAIR(a[2], a[3]), PAIR(a[4], a[5]), 0, 0);
}

/* preadv/pwritev(fd, iov, n, pos_lo, pos_hi), preadv2/pwritev2(..., flags) */
static long iov_in(const struct g32_iovec *g, uint64_t n, struct iovec **out, struct iovec *small, size_t nsmall)
{
	if (n > 1024)
		return -EINVAL;
	struct iovec *h = small;
	if (n > nsmall && !(h = malloc(n * sizeof(*h))))
		return -ENOMEM;
	for (uint64_t i = 0; i < n; i++) {
		h[i].iov_base = GP(g[i].base);
		h[i].iov_len = g[i].len;
	}
	*out = h;
	return 0;
}

long sys32_rwv(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct iovec small[16], *h;
	long r = iov_in(GP(a[1]), a[2], &h, small, 16);
	if (r)
		return r;
	int64_t pos = PAIR(a[3], a[4]);
	switch (hostnr) {
	case SYS_readv:
	case SYS_writev:
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)a[2], 0, 0, 0);
		break;
	case SYS_preadv2:
	case SYS_pwritev2:
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)a[2], pos, 0, (long)a[5]);
		break;
	default:	/* preadv, pwritev: on x86_64 the whole position is the low half */
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)a[2], pos, 0, 0);
		break;
	}
	if (h != small)
		free(h);
	return r;
}

/* vmsplice(fd, iov, n, flags) */
long sys32_vmsplice(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct iovec small[16], *h;
	long r = iov_in(GP(a[1]), a[2], &h, small, 16);
	if (r)
		return r;
	r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)a[2], (long)a[3], 0, 0);
	if (h != small)
		free(h);
	return r;
}

/* process_vm_readv/writev(pid, liov, ln, riov, rn, flags) */
long sys32_process_vm(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct iovec ls[16], rs[16], *l, *r = rs;
	long e = iov_in(GP(a[1]), a[2], &l, ls, 16);
	if (e)
		return e;
	e = iov_in(GP(a[3]), a[4], &r, rs, 16);
	if (!e) {
		e = HS6(hostnr, a[0], l, a[2], r, a[4], a[5]);
		if (r != rs)
			free(r);
	}
	if (l != ls)
		free(l);
	return e;
}

/* sendfile(out, in, off_t *, n): a 32-bit offset */
long sys32_sendfile(struct gthread *t, const uint64_t *a, int hostnr)
{
	int32_t *g = GP(a[2]);
	int64_t off = g ? *g : 0;
	long r = host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], g ? (long)&off : 0, (long)a[3], 0, 0);
	if (g && r >= 0)
		*g = (int32_t)off;
	return r;
}

/* mmap2(addr, len, prot, flags, fd, pgoff): the offset in 4 KiB units */
long sys32_mmap2(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], (uint64_t)(int64_t)(int32_t)a[4], a[5] << 12 };
	return sys_mmap(t, b, hostnr);
}

/* fcntl64(fd, cmd, arg) and fcntl: the 32-bit struct flock for F_GETLK/F_SETLK/F_SETLKW; the
 * EABI's flock64 (F_*LK64, F_OFD_*) is x86_64's struct flock */
long sys32_fcntl64(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint64_t b[6] = { a[0], a[1], a[2] };
	switch (a[1]) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: {
		struct g32_flock *g = GP(a[2]);
		struct flock h = { .l_type = g->l_type, .l_whence = g->l_whence, .l_start = g->l_start,
				   .l_len = g->l_len, .l_pid = g->l_pid };
		b[2] = (uint64_t)(uintptr_t)&h;
		long r = sys_fcntl(t, b, hostnr);
		if (r == 0 && a[1] == F_GETLK) {
			if (h.l_start != (int32_t)h.l_start || h.l_len != (int32_t)h.l_len)
				return -EOVERFLOW;
			g->l_type = h.l_type;
			g->l_whence = h.l_whence;
			g->l_start = (int32_t)h.l_start;
			g->l_len = (int32_t)h.l_len;
			g->l_pid = h.l_pid;
		}
		return r;
	}
	case G32_F_GETLK64:
		b[1] = F_GETLK;
		break;
	case G32_F_SETLK64:
		b[1] = F_SETLK;
		break;
	case G32_F_SETLKW64:
		b[1] = F_SETLKW;
		break;
	}
	return sys_fcntl(t, b, hostnr);
}

/* ---- directories: 32-bit offsets ---- */

struct dirmap {
	int fd;
	uint64_t dev, ino;
	uint64_t *off;		/* cookie n (n >= 1) is off[n - 1] */
	uint32_t n, cap;
	uint32_t *hash;		/* open addressing: host offset -> cookie, 0 = empty */
	uint32_t hcap;
};
static struct dirmap *dirmaps;
static size_t ndirmaps;
static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t hash_off(uint64_t o)
{
	return (uint32_t)((o * 0x9e3779b97f4a7c15ull) >> 32);
}

/*
 * The map of fd (a directory): created by getdents64 (create), looked up by lseek, which must
 * not pay an fstat for every plain file. A map whose fd now names another directory starts
 * again; one whose fd is no longer a directory is dropped. NULL when there is none.
 */
static struct dirmap *dirmap_get(int fd, int create)
{
	struct dirmap *m = NULL;
	for (size_t i = 0; i < ndirmaps; i++)
		if (dirmaps[i].fd == fd)
			m = &dirmaps[i];
	if (!m && !create)
		return NULL;
	struct stat st;
	if (HS2(SYS_fstat, fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (m) {
			free(m->off);
			free(m->hash);
			*m = dirmaps[--ndirmaps];
		}
		return NULL;
	}
	if (m && (m->dev != st.st_dev || m->ino != st.st_ino)) {
		m->n = 0;
		memset(m->hash, 0, m->hcap * sizeof(*m->hash));
		m->dev = st.st_dev;
		m->ino = st.st_ino;
	}
	if (m)
		return m;
	struct dirmap *nm = realloc(dirmaps, (ndirmaps + 1) * sizeof(*nm));
	if (!nm)
		return NULL;
	dirmaps = nm;
	m = &dirmaps[ndirmaps++];
	memset(m, 0, sizeof(*m));
	m->fd = fd;
	m->dev = st.st_dev;
	m->ino = st.st_ino;
	return m;
}

/* The cookie of a host offset (0 stays 0); 0 with *err on failure. */
static uint32_t dirmap_cookie(struct dirmap *m, uint64_t off, long *err)
{
	if (!off)
		return 0;
	if (m->hcap) {
		for (uint32_t i = hash_off(off) & (m->hcap - 1);; i = (i + 1) & (m->hcap - 1)) {
			uint32_t c = m->hash[i];
			if (!c)
				break;
			if (m->off[c - 1] == off)
				return c;
		}
	}
	if (m->n >= 0x7ffffffe) {
		*err = -EOVERFLOW;
		return 0;
	}
	if (m->n == m->cap) {
		uint32_t nc = m->cap ? m->cap * 2 : 256;
		uint64_t *no = realloc(m->off, nc * sizeof(*no));
		if (!no) {
			*err = -ENOMEM;
			return 0;
		}
		m->off = no;
		m->cap = nc;
	}
	if ((m->n + 1) * 2 > m->hcap) {	/* keep the table at most half full */
		uint32_t nh = m->hcap ? m->hcap * 2 : 512;
		uint32_t *h = calloc(nh, sizeof(*h));
		if (!h) {
			*err = -ENOMEM;
			return 0;
		}
		for (uint32_t c = 1; c <= m->n; c++) {
			uint32_t i = hash_off(m->off[c - 1]) & (nh - 1);
			while (h[i])
				i = (i + 1) & (nh - 1);
			h[i] = c;
		}
		free(m->hash);
		m->hash = h;
		m->hcap = nh;
	}
	m->off[m->n++] = off;
	uint32_t i = hash_off(off) & (m->hcap - 1);
	while (m->hash[i])
		i = (i + 1) & (m->hcap - 1);
	m->hash[i] = m->n;
	return m->n;
}

/* getdents64(fd, buf, n): struct linux_dirent64 is the same everywhere but d_off */
long sys32_getdents64(struct gthread *t, const uint64_t *a, int hostnr)
{
	long r = host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], 0, 0, 0);
	if (r <= 0)
		return r;
	pthread_mutex_lock(&dir_lock);
	struct dirmap *m = dirmap_get((int)a[0], 1);
	long err = m ? 0 : -ENOMEM;
	for (long o = 0; !err && o < r;) {
		char *d = (char *)GP(a[1]) + o;
		uint64_t off;
		uint16_t reclen;
		memcpy(&off, d + 8, 8);
		memcpy(&reclen, d + 16, 2);
		uint64_t c = dirmap_cookie(m, off, &err);
		memcpy(d + 8, &c, 8);
		if (!reclen)
			break;
		o += reclen;
	}
	pthread_mutex_unlock(&dir_lock);
	return err ? err : r;
}

/* The host's lseek, with directory cookies translated both ways. */
static long lseek_dir(int fd, int64_t off, int whence, int64_t *res)
{
	pthread_mutex_lock(&dir_lock);
	struct dirmap *m = dirmap_get(fd, 0);
	long err = 0;
	if (m && whence == SEEK_SET && off > 0) {
		if ((uint64_t)off > m->n) {
			pthread_mutex_unlock(&dir_lock);
			return -EINVAL;
		}
		off = (int64_t)m->off[off - 1];
	}
	long r = HS3(SYS_lseek, fd, off, whence);
	if (r >= 0 && m)
		r = dirmap_cookie(m, (uint64_t)r, &err);
	pthread_mutex_unlock(&dir_lock);
	if (err)
		return err;
	if (r >= 0 || r < -4096)
		*res = r;
	return r < 0 && r > -4096 ? r : 0;
}

long sys32_lseek(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, off_t, whence) */
{
	(void)t;
	(void)hostnr;
	int64_t res;
	long r = lseek_dir((int)a[0], S32(a[1]), (int)a[2], &res);
	if (r)
		return r;
	return res > 0x7fffffff ? -EOVERFLOW : (long)res;
}

long sys32__llseek(struct gthread *t, const uint64_t *a, int hostnr)	/* (fd, hi, lo, loff_t *, whence) */
{
	(void)t;
	(void)hostnr;
	int64_t res;
	long r = lseek_dir((int)a[0], PAIR(a[2], a[1]), (int)a[4], &res);
	if (r)
		return r;
	memcpy(GP(a[3]), &res, 8);
	return 0;
}

/* ---- signals ---- */

long sys32_rt_sigaction(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct gabi_sigaction n, o;
	const struct g32_sigaction *g = GP(a[1]);
	if (g) {
		n.handler = g->handler;
		n.flags = g->flags;
		n.restorer = g->restorer;
		n.mask = (uint64_t)g->mask[1] << 32 | g->mask[0];
	}
	uint64_t b[6] = { a[0], g ? (uint64_t)(uintptr_t)&n : 0, a[2] ? (uint64_t)(uintptr_t)&o : 0, a[3] };
	long r = sys_rt_sigaction(t, b, hostnr);
	if (r == 0 && a[2]) {
		struct g32_sigaction *go = GP(a[2]);
		go->handler = (uint32_t)o.handler;
		go->flags = (uint32_t)o.flags;
		go->restorer = (uint32_t)o.restorer;
		go->mask[0] = (uint32_t)o.mask;
		go->mask[1] = (uint32_t)(o.mask >> 32);
	}
	return r;
}

long sys32_sigaltstack(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct gabi_stack n, o;
	const struct g32_stack *g = GP(a[0]);
	if (g)
		n = (struct gabi_stack){ .ss_sp = g->ss_sp, .ss_flags = g->ss_flags, .ss_size = g->ss_size };
	uint64_t b[6] = { g ? (uint64_t)(uintptr_t)&n : 0, a[1] ? (uint64_t)(uintptr_t)&o : 0 };
	long r = sys_sigaltstack(t, b, hostnr);
	if (r == 0 && a[1]) {
		struct g32_stack *go = GP(a[1]);
		go->ss_sp = (uint32_t)o.ss_sp;
		go->ss_flags = o.ss_flags;
		go->ss_size = (uint32_t)o.ss_size;
	}
	return r;
}

void abi32_stack_out(void *g32, const struct gabi_stack *s)
{
	struct g32_stack *g = g32;
	g->ss_sp = (uint32_t)s->ss_sp;
	g->ss_flags = s->ss_flags;
	g->ss_size = (uint32_t)s->ss_size;
}

void abi32_stack_in(struct gabi_stack *s, const void *g32)
{
	const struct g32_stack *g = g32;
	*s = (struct gabi_stack){ .ss_sp = g->ss_sp, .ss_flags = g->ss_flags, .ss_size = g->ss_size };
}

/*
 * siginfo_t: the union starts at offset 12 (16 on a 64-bit ABI) and its longs, pointers and
 * sigval are 4 bytes. Which members are meaningful follows from the signal and si_code, as in
 * Linux's siginfo_layout().
 */
enum si_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };

static enum si_layout si_layout(int sig, int code)
{
	if (code == SI_TIMER)
		return SIL_TIMER;
	if (code == SI_SIGIO)
		return SIL_POLL;
	if (code < 0)
		return SIL_RT;
	if (code == SI_USER || code == SI_KERNEL)
		return SIL_KILL;
	switch (sig) {
	case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS: case SIGTRAP:
		return SIL_FAULT;
	case SIGCHLD:
		return SIL_CHLD;
	case SIGPOLL:
		return SIL_POLL;
	case SIGSYS:
		return SIL_SYS;
	default:
		return SIL_KILL;
	}
}

void abi32_siginfo_out(void *g128, const siginfo_t *h)
{
	uint32_t *g = g128;
	const unsigned char *hb = (const void *)h;
	uint64_t u[6];
	memset(g128, 0, G32_SIGINFO_SIZE);
	memcpy(u, hb + 16, sizeof(u));
	g[0] = (uint32_t)h->si_signo;
	g[1] = (uint32_t)h->si_errno;
	g[2] = (uint32_t)h->si_code;
	switch (si_layout(h->si_signo, h->si_code)) {
	case SIL_KILL:
	case SIL_RT:
	case SIL_TIMER:	/* pid/tid, uid/overrun: two ints, then sigval */
		g[3] = (uint32_t)u[0];
		g[4] = (uint32_t)(u[0] >> 32);
		g[5] = (uint32_t)u[1];
		break;
	case SIL_CHLD:	/* pid, uid, status, utime, stime */
		g[3] = (uint32_t)u[0];
		g[4] = (uint32_t)(u[0] >> 32);
		g[5] = (uint32_t)u[1];
		g[6] = (uint32_t)u[2];
		g[7] = (uint32_t)u[3];
		break;
	case SIL_FAULT:	/* addr, then addr_lsb and its union (bounds/pkey): copied as words */
		g[3] = (uint32_t)u[0];
		g[4] = (uint32_t)u[1];
		g[5] = (uint32_t)u[2];
		g[6] = (uint32_t)u[3];
		break;
	case SIL_POLL:	/* band (a long), fd */
		g[3] = (uint32_t)u[0];
		g[4] = (uint32_t)u[1];
		break;
	case SIL_SYS:	/* call_addr, syscall, arch */
		g[3] = (uint32_t)u[0];
		g[4] = (uint32_t)u[1];
		g[5] = (uint32_t)(u[1] >> 32);
		break;
	}
}

void abi32_siginfo_in(siginfo_t *h, const void *g128)
{
	const uint32_t *g = g128;
	unsigned char *hb = (void *)h;
	uint64_t u[6] = { 0 };
	memset(h, 0, sizeof(*h));
	h->si_signo = (int)g[0];
	h->si_errno = (int)g[1];
	h->si_code = (int)g[2];
	switch (si_layout(h->si_signo, h->si_code)) {
	case SIL_CHLD:
		u[0] = g[3] | (uint64_t)g[4] << 32;
		u[1] = g[5];
		u[2] = (uint64_t)(int64_t)(int32_t)g[6];
		u[3] = (uint64_t)(int64_t)(int32_t)g[7];
		break;
	case SIL_FAULT:
	case SIL_POLL:
		u[0] = g[3];
		u[1] = g[4];
		break;
	default:
		u[0] = g[3] | (uint64_t)g[4] << 32;
		u[1] = g[5];
		break;
	}
	memcpy(hb + 16, u, sizeof(u));
}

/* rt_sigqueueinfo(pid, sig, info), rt_tgsigqueueinfo(tgid, tid, sig, info) */
long sys32_sigqueueinfo(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	siginfo_t h;
	int k = hostnr == SYS_rt_sigqueueinfo ? 2 : 3;
	abi32_siginfo_in(&h, GP(a[k]));
	return k == 2 ? HS3(hostnr, a[0], a[1], &h) : HS4(hostnr, a[0], a[1], a[2], &h);
}

/* rt_sigtimedwait(set, info, ts, size): time32 (k = 1) or time64 */
static long sigtimedwait_common(struct gthread *t, const uint64_t *a, int hostnr, int time32)
{
	siginfo_t h;
	struct timespec ts;
	const void *tsp = NULL;
	if (a[2]) {
		if (time32)
			ts_in(&ts, GP(a[2]));
		else
			ts64_in(&ts, GP(a[2]));
		tsp = &ts;
	}
	long r = host_syscall_safe(t, hostnr, (long)a[0], a[1] ? (long)&h : 0, (long)tsp, (long)a[3], 0, 0);
	if (r > 0 && a[1])
		abi32_siginfo_out(GP(a[1]), &h);
	return r;
}

long sys32_rt_sigtimedwait(struct gthread *t, const uint64_t *a, int hostnr)
{
	return sigtimedwait_common(t, a, hostnr, 1);
}

long sys32_rt_sigtimedwait_time64(struct gthread *t, const uint64_t *a, int hostnr)
{
	return sigtimedwait_common(t, a, hostnr, 0);
}

/* waitid(which, id, info, options, rusage) */
long sys32_waitid(struct gthread *t, const uint64_t *a, int hostnr)
{
	siginfo_t h;
	struct rusage ru;
	memset(&h, 0, sizeof(h));
	long r = host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], a[2] ? (long)&h : 0, (long)a[3],
				   a[4] ? (long)&ru : 0, 0);
	if (r == 0 && a[2])
		abi32_siginfo_out(GP(a[2]), &h);
	if (r == 0 && a[4])
		rusage_out(GP(a[4]), &ru);
	return r;
}

/* timer_create(clock, sigevent *, timer_t *) and mq_notify(mqd, sigevent *): struct sigevent
 * is {sigval (4 bytes), signo, notify, union {tid, ...}} on a 32-bit guest */
static void *sigevent_in(struct sigevent *h, const uint32_t *g)
{
	if (!g)
		return NULL;
	memset(h, 0, sizeof(*h));
	h->sigev_value.sival_ptr = GP(g[0]);
	h->sigev_signo = (int)g[1];
	h->sigev_notify = (int)g[2];
	/* SIGEV_THREAD_ID's tid; SIGEV_THREAD is the C library's business (it passes a tid) */
	memcpy((char *)h + offsetof(struct sigevent, sigev_notify) + sizeof(int), &g[3], 4);
	return h;
}

long sys32_timer_create(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct sigevent h;
	return HS3(hostnr, a[0], sigevent_in(&h, GP(a[1])), a[2]);
}

long sys32_mq_notify(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct sigevent h;
	return HS2(hostnr, a[0], sigevent_in(&h, GP(a[1])));
}

/* ---- sockets: msghdr, cmsg, timeouts ---- */

struct msgconv {
	struct msghdr h;
	struct iovec small[8], *iov;
	char *ctl;
};

static long msg_in(struct msgconv *c, const struct g32_msghdr *g, int recv)
{
	memset(c, 0, sizeof(*c));
	c->h.msg_name = GP(g->name);
	c->h.msg_namelen = g->namelen;
	c->h.msg_flags = g->flags;
	long r = iov_in(GP(g->iov), g->iovlen, &c->iov, c->small, 8);
	if (r)
		return r;
	c->h.msg_iov = c->iov;
	c->h.msg_iovlen = g->iovlen;
	if (!g->control || !g->controllen)
		return 0;
	if (g->controllen > (1u << 20))
		return -ENOBUFS;
	/* a host header is 4 bytes longer and 8-aligned: twice the size plus slack always fits */
	size_t cap = (size_t)g->controllen * 2 + 64;
	if (!(c->ctl = calloc(1, cap)))
		return -ENOMEM;
	c->h.msg_control = c->ctl;
	c->h.msg_controllen = cap;
	if (recv)
		return 0;
	const char *gp = GP(g->control), *ge = gp + g->controllen;
	size_t ho = 0;
	while (gp + sizeof(struct g32_cmsghdr) <= ge) {
		const struct g32_cmsghdr *gc = (const void *)gp;
		if (gc->len < sizeof(*gc) || gp + gc->len > ge)
			return -EINVAL;
		size_t dl = gc->len - sizeof(*gc);
		struct cmsghdr *hc = (void *)(c->ctl + ho);
		hc->cmsg_len = CMSG_LEN(dl);
		hc->cmsg_level = gc->level;
		hc->cmsg_type = gc->type;
		memcpy(CMSG_DATA(hc), gc + 1, dl);
		ho += CMSG_SPACE(dl);
		gp += G32_CMSG_ALIGN(gc->len);
	}
	c->h.msg_controllen = ho;
	return 0;
}

/* After a receive: the host control messages in the guest's layout (timestamps narrowed). */
static void msg_out(struct g32_msghdr *g, struct msgconv *c)
{
	g->namelen = c->h.msg_namelen;
	g->flags = c->h.msg_flags;
	if (!c->ctl) {
		g->controllen = 0;
		return;
	}
	char *gp = GP(g->control);
	uint32_t used = 0, cap = g->controllen;
	for (struct cmsghdr *hc = CMSG_FIRSTHDR(&c->h); hc; hc = CMSG_NXTHDR(&c->h, hc)) {
		const unsigned char *d = CMSG_DATA(hc);
		size_t dl = hc->cmsg_len - CMSG_LEN(0);
		unsigned char tmp[16];
		if (hc->cmsg_level == SOL_SOCKET && (hc->cmsg_type == SO_TIMESTAMP || hc->cmsg_type == SO_TIMESTAMPNS) &&
		    dl == 16) {
			int64_t v[2];
			memcpy(v, d, 16);
			int32_t w[2] = { (int32_t)v[0], (int32_t)v[1] };
			memcpy(tmp, w, 8);
			d = tmp;
			dl = 8;
		}
		uint32_t need = (uint32_t)(sizeof(struct g32_cmsghdr) + dl);
		if (used + need > cap) {
			g->flags |= MSG_CTRUNC;
			break;
		}
		struct g32_cmsghdr gc = { need, hc->cmsg_level, hc->cmsg_type };
		memcpy(gp + used, &gc, sizeof(gc));
		memcpy(gp + used + sizeof(gc), d, dl);
		used += G32_CMSG_ALIGN(need);
		if (used > cap)
			used = cap;
	}
	g->controllen = used;
}

static void msg_free(struct msgconv *c)
{
	if (c->iov && c->iov != c->small)
		free(c->iov);
	free(c->ctl);
}

long sys32_sendmsg(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct msgconv c;
	long r = msg_in(&c, GP(a[1]), 0);
	if (!r)
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)&c.h, (long)a[2], 0, 0, 0);
	msg_free(&c);
	return r;
}

long sys32_recvmsg(struct gthread *t, const uint64_t *a, int hostnr)
{
	struct msgconv c;
	long r = msg_in(&c, GP(a[1]), 1);
	if (!r)
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)&c.h, (long)a[2], 0, 0, 0);
	if (r >= 0)
		msg_out(GP(a[1]), &c);
	msg_free(&c);
	return r;
}

/* sendmmsg(fd, vec, n, flags), recvmmsg(fd, vec, n, flags, timeout): one message at a time
 * would change the semantics (timeouts, MSG_WAITFORONE), so all are converted together */
static long mmsg_common(struct gthread *t, const uint64_t *a, int hostnr, int recv, int tsmode)
{
	uint32_t n = (uint32_t)a[2];
	if (n > 1024)
		n = 1024;
	struct g32_mmsghdr *g = GP(a[1]);
	struct msgconv *c = calloc(n ? n : 1, sizeof(*c));
	struct mmsghdr *h = calloc(n ? n : 1, sizeof(*h));
	long r = c && h ? 0 : -ENOMEM;
	uint32_t done = 0;
	for (; !r && done < n; done++) {
		r = msg_in(&c[done], &g[done].hdr, recv);
		h[done].msg_hdr = c[done].h;
	}
	struct timespec ts;
	const void *tsp = NULL;
	if (recv && a[4]) {
		if (tsmode == 32)
			ts_in(&ts, GP(a[4]));
		else
			ts64_in(&ts, GP(a[4]));
		tsp = &ts;
	}
	if (!r)
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, n, (long)a[3], (long)tsp, 0);
	for (long i = 0; i < r; i++) {
		c[i].h = h[i].msg_hdr;
		if (recv)
			msg_out(&g[i].hdr, &c[i]);
		g[i].len = h[i].msg_len;
	}
	if (recv && a[4] && r >= 0) {
		if (tsmode == 32) {
			ts_out(GP(a[4]), &ts);
		} else {
			int64_t *g = GP(a[4]);
			g[0] = ts.tv_sec;
			g[1] = ts.tv_nsec;
		}
	}
	for (uint32_t i = 0; c && i < done; i++)
		msg_free(&c[i]);
	free(c);
	free(h);
	return r;
}

long sys32_sendmmsg(struct gthread *t, const uint64_t *a, int hostnr)
{
	return mmsg_common(t, a, hostnr, 0, 0);
}

long sys32_recvmmsg(struct gthread *t, const uint64_t *a, int hostnr)
{
	return mmsg_common(t, a, hostnr, 1, 32);
}

long sys32_recvmmsg_time64(struct gthread *t, const uint64_t *a, int hostnr)
{
	return mmsg_common(t, a, hostnr, 1, 64);
}

/* setsockopt/getsockopt(fd, level, name, val, len): SO_RCVTIMEO/SO_SNDTIMEO (the "old" ones,
 * 20 and 21 on arm as on x86_64) take a struct timeval */
long sys32_sockopt(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	if (a[1] != SOL_SOCKET || (a[2] != SO_RCVTIMEO && a[2] != SO_SNDTIMEO))
		return HS5(hostnr, a[0], a[1], a[2], a[3], a[4]);
	struct timeval tv;
	if (hostnr == SYS_setsockopt) {
		if (a[4] < sizeof(struct g32_timeval))
			return -EINVAL;
		tv_in(&tv, GP(a[3]));
		return HS5(hostnr, a[0], a[1], a[2], &tv, sizeof(tv));
	}
	uint32_t *glen = GP(a[4]);
	socklen_t hl = sizeof(tv);
	if (*glen < sizeof(struct g32_timeval))
		return -EINVAL;
	long r = HS5(hostnr, a[0], a[1], a[2], &tv, &hl);
	if (r == 0) {
		tv_out(GP(a[3]), &tv);
		*glen = sizeof(struct g32_timeval);
	}
	return r;
}

/* send(fd, buf, len, flags), recv(...): sendto/recvfrom without an address (r4, r5 are not
 * arguments of these calls) */
long sys32_sendrecv(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
	return sys_pass(t, b, hostnr);
}

/* epoll_wait(fd, events, max, timeout): epoll_pwait without a mask (the event layout of the
 * ARM EABI is arm64's: 16 bytes, not packed) */
long sys32_epoll_wait(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint64_t b[6] = { a[0], a[1], a[2], (uint64_t)(int64_t)(int32_t)a[3], 0, 0 };
	return sys_epoll_pwait(t, b, hostnr);
}

/* ---- 16-bit user and group ids (the calls without the 32 suffix) ---- */

static uint64_t id_in(uint64_t v)
{
	return (v & 0xffff) == 0xffff ? (uint64_t)-1 : (v & 0xffff);
}

static long id_out(long v)
{
	return v < 0 && v > -4096 ? v : (v > 0xffff ? 65534 : v);	/* overflowuid */
}

/* getuid, getgid, geteuid, getegid */
long sys16_getid(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)a;
	return id_out(HS0(hostnr));
}

/* setuid, setgid, setfsuid, setfsgid (1 id), setreuid, setregid (2), setresuid, setresgid (3) */
long sys16_setid(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	long r = HS3(hostnr, id_in(a[0]), id_in(a[1]), id_in(a[2]));
	return hostnr == SYS_setfsuid || hostnr == SYS_setfsgid ? id_out(r) : r;
}

/* getresuid, getresgid(u16 *, u16 *, u16 *) */
long sys16_getresid(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	uint32_t v[3];
	long r = HS3(hostnr, &v[0], &v[1], &v[2]);
	for (int i = 0; r == 0 && i < 3; i++)
		*(uint16_t *)GP(a[i]) = (uint16_t)id_out(v[i]);
	return r;
}

/* chown(path, u, g), lchown(path, u, g), fchown(fd, u, g) */
long sys16_chown(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint64_t b[6] = { a[0], id_in(a[1]), id_in(a[2]) };
	return hostnr == SYS_fchown ? HS3(hostnr, b[0], b[1], b[2]) : sys_path0(t, b, hostnr);
}

/* getgroups(n, u16 *), setgroups(n, const u16 *) */
long sys16_groups(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	uint16_t *gg = GP(a[1]);
	if (a[0] > 65536)
		return -EINVAL;
	uint32_t *g = malloc((a[0] ? a[0] : 1) * sizeof(*g));
	if (!g)
		return -ENOMEM;
	long r;
	if (hostnr == SYS_setgroups) {
		for (uint64_t i = 0; i < a[0]; i++)
			g[i] = (uint32_t)id_in(gg[i]);
		r = HS2(hostnr, a[0], g);
	} else {
		r = HS2(hostnr, a[0], a[0] ? g : NULL);
		for (long i = 0; a[0] && i < r; i++)
			gg[i] = (uint16_t)id_out(g[i]);
	}
	free(g);
	return r;
}

/* ---- execve: argv and envp are arrays of 4-byte pointers ---- */

static char **ptrs_in(uint64_t g)
{
	const uint32_t *v = GP(g);
	size_t n = 0;
	if (!v)
		return NULL;
	while (v[n])
		n++;
	char **h = malloc((n + 1) * sizeof(*h));
	if (!h)
		return NULL;
	for (size_t i = 0; i < n; i++)
		h[i] = GP(v[i]);
	h[n] = NULL;
	return h;
}

/* execve(path, argv, envp) (k = 1) and execveat(dirfd, path, argv, envp, flags) (k = 2) */
long sys32_execve(struct gthread *t, const uint64_t *a, int hostnr)
{
	int k = hostnr == SYS_execve ? 1 : 2;
	uint64_t b[6];
	memcpy(b, a, sizeof(b));
	char **argv = ptrs_in(a[k]), **envp = ptrs_in(a[k + 1]);
	if ((a[k] && !argv) || (a[k + 1] && !envp)) {
		free(argv);
		free(envp);
		return -ENOMEM;
	}
	b[k] = (uint64_t)(uintptr_t)argv;
	b[k + 1] = (uint64_t)(uintptr_t)envp;
	long r = k == 1 ? sys_execve(t, b, hostnr) : sys_execveat(t, b, hostnr);
	free(argv);
	free(envp);
	return r;
}

/* ---- System V IPC: the 32-bit ipc64 structures (asm-generic's 32-bit layouts, times as
 * low and high words) and msgbuf's `long mtype` ---- */

static uint32_t lo32(uint64_t v)
{
	return (uint32_t)v;
}

/* struct ipc64_perm: key uid gid cuid cgid, mode (a short on arm), seq; 36 bytes vs 48 */
static void perm_in(uint32_t *h, const uint32_t *g)
{
	memset(h, 0, 48);
	memcpy(h, g, 20);
	h[5] = g[5] & 0xffff;
	h[6] = g[6] & 0xffff;
}

static void perm_out(uint32_t *g, const uint32_t *h)
{
	memset(g, 0, 36);
	memcpy(g, h, 20);
	g[5] = h[5] & 0xffff;
	g[6] = h[6] & 0xffff;
}

static void time_out(uint32_t *g, uint64_t t)
{
	g[0] = lo32(t);
	g[1] = (uint32_t)(t >> 32);
}

/* shmctl(id, cmd, buf), semctl(id, num, cmd, arg), msgctl(id, cmd, buf) */
long sys32_ipcctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	int sem = hostnr == SYS_semctl;
	long cmd = (long)(a[sem ? 2 : 1] & ~0x100ul);	/* IPC_64: the only layout handled */
	uint32_t *g = GP(a[sem ? 3 : 2]);
	uint64_t h[16];
	uint32_t *h32 = (uint32_t *)h;
	/* the commands that pass a structure, per call (the numbers overlap between them) */
	int stat, info;
	switch (hostnr) {
	case SYS_shmctl:
		stat = cmd == IPC_STAT || cmd == 13 /* SHM_STAT */ || cmd == 15 /* SHM_STAT_ANY */;
		info = cmd == IPC_INFO || cmd == 14 /* SHM_INFO */;
		break;
	case SYS_semctl:
		stat = cmd == IPC_STAT || cmd == 18 /* SEM_STAT */ || cmd == 20 /* SEM_STAT_ANY */;
		info = cmd == IPC_INFO || cmd == 19 /* SEM_INFO */;
		break;
	default:
		stat = cmd == IPC_STAT || cmd == 11 /* MSG_STAT */ || cmd == 13 /* MSG_STAT_ANY */;
		info = cmd == IPC_INFO || cmd == 12 /* MSG_INFO */;
		break;
	}
	if (!stat && !info && cmd != IPC_SET)
		return sys_ipcctl(t, a, hostnr);
	memset(h, 0, sizeof(h));
	if (cmd == IPC_SET) {
		perm_in(h32, g);
		if (hostnr == SYS_msgctl)
			h[11] = g[17];	/* msg_qbytes */
	}
	long r = sem ? HS4(hostnr, a[0], a[1], cmd, h) : HS3(hostnr, a[0], cmd, h);
	if (r < 0 || cmd == IPC_SET)
		return r;
	if (info) {
		if (hostnr == SYS_shmctl && cmd == IPC_INFO) {	/* struct shminfo64: 9 longs */
			for (int i = 0; i < 9; i++)
				g[i] = h[i] > 0xffffffffu ? 0xffffffffu : lo32(h[i]);
		} else if (hostnr == SYS_shmctl) {	/* struct shm_info: int, 5 longs */
			g[0] = h32[0];
			for (int i = 1; i < 6; i++)
				g[i] = lo32(h[i]);
		} else {	/* seminfo, msginfo: ints (and a short) only */
			memcpy(g, h, sem ? 40 : 32);
		}
		return r;
	}
	perm_out(g, h32);
	switch (hostnr) {
	case SYS_shmctl:
		g[9] = lo32(h[6]);		/* shm_segsz */
		time_out(&g[10], h[7]);		/* shm_atime */
		time_out(&g[12], h[8]);		/* shm_dtime */
		time_out(&g[14], h[9]);		/* shm_ctime */
		g[16] = h32[20];		/* shm_cpid */
		g[17] = h32[21];		/* shm_lpid */
		g[18] = lo32(h[11]);		/* shm_nattch */
		g[19] = g[20] = 0;
		break;
	case SYS_semctl:
		time_out(&g[9], h[6]);		/* sem_otime */
		time_out(&g[11], h[8]);		/* sem_ctime */
		g[13] = lo32(h[10]);		/* sem_nsems */
		g[14] = g[15] = 0;
		break;
	default:	/* msgctl */
		time_out(&g[9], h[6]);		/* msg_stime */
		time_out(&g[11], h[7]);		/* msg_rtime */
		time_out(&g[13], h[8]);		/* msg_ctime */
		g[15] = lo32(h[9]);		/* msg_cbytes */
		g[16] = lo32(h[10]);		/* msg_qnum */
		g[17] = lo32(h[11]);		/* msg_qbytes */
		g[18] = h32[24];		/* msg_lspid */
		g[19] = h32[25];		/* msg_lrpid */
		g[20] = g[21] = 0;
		break;
	}
	return r;
}

/* msgsnd(id, msgp, size, flags), msgrcv(id, msgp, size, type, flags): struct msgbuf starts
 * with a 4-byte long */
long sys32_msg(struct gthread *t, const uint64_t *a, int hostnr)
{
	size_t sz = a[2];
	if (sz > (1u << 24))
		return -EINVAL;
	char *h = malloc(sz + 8);
	if (!h)
		return -ENOMEM;
	char *g = GP(a[1]);
	long r;
	if (hostnr == SYS_msgsnd) {
		int64_t type = *(int32_t *)(void *)g;
		memcpy(h, &type, 8);
		memcpy(h + 8, g + 4, sz);
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)sz, (long)a[3], 0, 0);
	} else {
		r = host_syscall_safe(t, hostnr, (long)a[0], (long)h, (long)sz, S32(a[3]), (long)a[4], 0);
		if (r >= 0) {
			int64_t type;
			memcpy(&type, h, 8);
			int32_t t32 = (int32_t)type;
			memcpy(g, &t32, 4);
			memcpy(g + 4, h + 8, (size_t)r);
		}
	}
	free(h);
	return r;
}

/* struct mq_attr: four longs and four reserved */
long sys32_mq_open(struct gthread *t, const uint64_t *a, int hostnr)	/* (name, oflag, mode, attr) */
{
	(void)t;
	long h[8] = { 0 };
	const int32_t *g = GP(a[3]);
	if (g)
		for (int i = 0; i < 4; i++)
			h[i] = g[i];
	return HS4(hostnr, a[0], a[1], a[2], g ? h : NULL);
}

long sys32_mq_getsetattr(struct gthread *t, const uint64_t *a, int hostnr)	/* (mqd, new, old) */
{
	(void)t;
	long n[8] = { 0 }, o[8] = { 0 };
	const int32_t *gn = GP(a[1]);
	int32_t *go = GP(a[2]);
	if (gn)
		for (int i = 0; i < 4; i++)
			n[i] = gn[i];
	long r = HS3(hostnr, a[0], gn ? n : NULL, go ? o : NULL);
	if (r == 0 && go) {
		memset(go, 0, 32);
		for (int i = 0; i < 4; i++)
			go[i] = (int32_t)o[i];
	}
	return r;
}

/*
 * ---- ioctl: the requests whose structures hold a long or a pointer ----
 * FS_IOC32_* carry an int whatever their encoded size says (the 64-bit request numbers encode
 * 8); struct ifreq is 32 bytes on a 32-bit guest and 40 on the host (its ifmap has longs), and
 * SIOC* numbers encode no size, so the host would read and write 8 bytes past the guest's
 * structure; struct ifconf holds a pointer; SIOCGSTAMP gives a struct timeval.
 */
#define G32_IFREQ 32
#define H_IFREQ 40
_Static_assert(sizeof(struct ifreq) == H_IFREQ, "the host's struct ifreq");

static uint32_t ioc_fs32(uint32_t req)
{
	switch (req) {
	case 0x80046601: return 0x80086601;	/* FS_IOC_GETFLAGS */
	case 0x40046602: return 0x40086602;	/* FS_IOC_SETFLAGS */
	case 0x80047601: return 0x80087601;	/* FS_IOC_GETVERSION */
	case 0x40047602: return 0x40087602;	/* FS_IOC_SETVERSION */
	case 0x80041270: return 0x80081270;	/* BLKBSZGET */
	case 0x40041271: return 0x40081271;	/* BLKBSZSET */
	default: return 0;
	}
}

long sys32_ioctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	uint32_t req = (uint32_t)a[1], h = ioc_fs32(req);
	uint64_t b[6] = { a[0], a[1], a[2] };
	if (h) {
		b[1] = h;
		return sys_ioctl(t, b, hostnr);
	}
	if (req == 0x1260) {	/* BLKGETSIZE: an unsigned long of sectors */
		unsigned long v;
		long r = HS3(hostnr, a[0], req, &v);
		if (r == 0) {
			if (v > 0xffffffffu)
				return -EFBIG;
			*(uint32_t *)GP(a[2]) = (uint32_t)v;
		}
		return r;
	}
	if (req == 0x8906 || req == 0x8907) {	/* SIOCGSTAMP, SIOCGSTAMPNS: timeval, timespec */
		int64_t v[2];
		long r = HS3(hostnr, a[0], req, v);
		if (r == 0) {
			int32_t *g = GP(a[2]);
			g[0] = (int32_t)v[0];
			g[1] = (int32_t)v[1];
		}
		return r;
	}
	if (req == 0x8912) {	/* SIOCGIFCONF: {int len; u32 buf}, the buffer of 32-byte ifreqs */
		int32_t *g = GP(a[2]);
		uint32_t gbuf = (uint32_t)g[1];	/* a guest pointer: never sign-extended */
		int n = g[0] > 0 ? g[0] / G32_IFREQ : 0;
		char *hb = gbuf && n ? calloc((size_t)n, H_IFREQ) : NULL;
		struct ifconf hc = { .ifc_len = gbuf ? n * H_IFREQ : 0, .ifc_buf = hb };
		if (gbuf && n && !hb)
			return -ENOMEM;
		long r = HS3(hostnr, a[0], req, &hc);
		if (r == 0) {
			int got = hc.ifc_len / H_IFREQ;
			for (int i = 0; gbuf && i < got; i++)
				memcpy((char *)GP(gbuf) + i * G32_IFREQ, hb + i * H_IFREQ, G32_IFREQ);
			g[0] = gbuf ? got * G32_IFREQ : hc.ifc_len / H_IFREQ * G32_IFREQ;
		}
		free(hb);
		return r;
	}
	/* the requests taking a struct ifreq: SIOC[GS]IF* (0x8910-0x8937), the tx queue length,
	 * ethtool, MII, WAN device (ifr_data: a pointer, its upper half cleared) */
	if (((req >= 0x8910 && req <= 0x8937) || req == 0x8942 || req == 0x8943 || (req >= 0x8946 && req <= 0x894a)) &&
	    a[2]) {
		char hr[H_IFREQ] = { 0 };
		memcpy(hr, GP(a[2]), G32_IFREQ);
		if (req >= 0x8946)
			memset(hr + 20, 0, 4);
		b[2] = (uint64_t)(uintptr_t)hr;
		long r = sys_ioctl(t, b, hostnr);
		if (r >= 0)
			memcpy(GP(a[2]), hr, G32_IFREQ);
		return r;
	}
	return sys_ioctl(t, a, hostnr);
}
