// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_fs.c — path-taking and file syscalls. Every guest path goes through path_host()
 * (path.c) and every faked /proc file through procfs.c; structures and flags whose ABI differs
 * go through xlat.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "path.h"
#include "syscall.h"
#include "xlat.h"

#define GSTR(x) ((const char *)(uintptr_t)(x))

/* The chokepoint for syscall arguments: guest path pointer -> host path. */
static const char *hp(uint64_t g, char *buf)
{
	if (!g)
		return NULL;
	return path_host(GSTR(g), buf, PATH_HOST_MAX);
}

static const char *hp_follow(uint64_t g, char *buf, int follow)
{
	if (!g)
		return NULL;
	return follow ? path_host_follow(GSTR(g), buf, PATH_HOST_MAX) : path_host(GSTR(g), buf, PATH_HOST_MAX);
}

static const char *hp_create(uint64_t g, char *buf)
{
	if (!g)
		return NULL;
	return path_host_create(GSTR(g), buf, PATH_HOST_MAX);
}

long sys_path0(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS6(hostnr, hp(a[0], b), a[1], a[2], a[3], a[4], a[5]);
}

long sys_path1(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS6(hostnr, a[0], hp(a[1], b), a[2], a[3], a[4], a[5]);
}

long sys_path2(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b0[PATH_HOST_MAX], b1[PATH_HOST_MAX];
	return HS6(hostnr, hp(a[0], b0), hp(a[1], b1), a[2], a[3], a[4], a[5]);
}

long sys_path_xattr(struct gthread *t, const uint64_t *a, int hostnr)
{
	return sys_path0(t, a, hostnr);
}

long sys_at_path(struct gthread *t, const uint64_t *a, int hostnr)
{
	return sys_path1(t, a, hostnr);
}

long sys_at_create(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS6(hostnr, a[0], hp_create(a[1], b), a[2], a[3], a[4], a[5]);
}

/* linkat, renameat, renameat2: (olddirfd, oldpath, newdirfd, newpath, flags) */
long sys_at2(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b0[PATH_HOST_MAX], b1[PATH_HOST_MAX];
	return HS6(hostnr, a[0], hp(a[1], b0), a[2], hp_create(a[3], b1), a[4], a[5]);
}

/* symlinkat(target, newdirfd, linkpath): the target text is stored as is. */
long sys_symlinkat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS3(hostnr, a[0], a[1], hp_create(a[2], b));
}

long sys_fanotify_mark(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS5(hostnr, a[0], a[1], a[2], a[3], hp(a[4], b));
}

long sys_mount(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	return HS5(hostnr, a[0], hp(a[1], b), a[2], a[3], a[4]);
}

long sys_faccessat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX], ab[PATH_HOST_MAX];
	const char *p = hp_follow(a[1], b, !(a[3] & AT_SYMLINK_NOFOLLOW));
	if (p && procfs_is_exe(path_at((int)a[0], p, ab, sizeof(ab))))
		p = proc.exe;
	return HS4(hostnr, a[0], p, a[2], a[3]);
}

static long do_open(struct gthread *t, uint64_t dirfd, const char *gpath, uint64_t gflags, uint64_t mode)
{
	char b[PATH_HOST_MAX];
	int hflags = xlat_open_flags_to_host(gflags);
	long r;
	if (gpath && procfs_open(path_at((int)dirfd, gpath, b, sizeof(b)), hflags, &r))
		return r;
	const char *p = (hflags & O_CREAT) ? path_host_create(gpath, b, sizeof(b))
		      : (hflags & O_NOFOLLOW) ? path_host(gpath, b, sizeof(b))
		      : path_host_follow(gpath, b, sizeof(b));
	/* a FIFO's open waits for the other end */
	return host_syscall_safe(t, SYS_openat, (int)dirfd, (long)p, hflags, (long)mode, 0, 0);
}

long sys_openat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	return do_open(t, a[0], GSTR(a[1]), a[2], a[3]);
}

long sys_openat2(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct {
		uint64_t flags, mode, resolve;
	} how = { 0 };
	if (a[3] < 24)
		return -EINVAL;
	memcpy(&how, (void *)(uintptr_t)a[2], sizeof(how));
	for (uint64_t i = 24; i < a[3]; i++)	/* unknown extension fields must be zero */
		if (((const uint8_t *)(uintptr_t)a[2])[i])
			return -E2BIG;
	how.flags = (uint64_t)(unsigned)xlat_open_flags_to_host(how.flags);
	char b[PATH_HOST_MAX];
	long r;
	if (a[1] && procfs_open(path_at((int)a[0], GSTR(a[1]), b, sizeof(b)), (int)how.flags, &r))
		return r;
	const char *p = (how.flags & O_CREAT) ? hp_create(a[1], b) : hp(a[1], b);
	return host_syscall_safe(t, hostnr, (long)a[0], (long)p, (long)&how, sizeof(how), 0, 0);
}

long sys_pipe2(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	return HS2(hostnr, a[0], xlat_open_flags_to_host(a[1]));
}

long sys_readlinkat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	long r;
	char b[PATH_HOST_MAX];
	if (a[1] && procfs_readlink(path_at((int)a[0], GSTR(a[1]), b, sizeof(b)), (char *)(uintptr_t)a[2], a[3], &r))
		return r;
	return HS4(hostnr, a[0], hp(a[1], b), a[2], a[3]);
}

long sys_newfstatat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX], ab[PATH_HOST_MAX];
	struct stat st;
	const char *p = hp_follow(a[1], b, !(a[3] & AT_SYMLINK_NOFOLLOW));
	if (p && procfs_is_exe(path_at((int)a[0], p, ab, sizeof(ab))) && !(a[3] & AT_SYMLINK_NOFOLLOW))
		p = proc.exe;
	long r = HS4(hostnr, a[0], p, &st, a[3]);
	if (r == 0)
		xlat_stat_to_guest(&st, (struct gabi_stat *)(uintptr_t)a[2]);
	return r;
}

long sys_fstat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct stat st;
	long r = HS2(hostnr, a[0], &st);
	if (r == 0)
		xlat_stat_to_guest(&st, (struct gabi_stat *)(uintptr_t)a[1]);
	return r;
}

/* statx: struct statx is the same on every architecture. */
long sys_statx(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX], ab[PATH_HOST_MAX];
	const char *p = hp_follow(a[1], b, !(a[2] & AT_SYMLINK_NOFOLLOW));
	if (p && procfs_is_exe(path_at((int)a[0], p, ab, sizeof(ab))) && !(a[2] & AT_SYMLINK_NOFOLLOW))
		p = proc.exe;
	return HS5(hostnr, a[0], p, a[2], a[3], a[4]);
}

long sys_utimensat(struct gthread *t, const uint64_t *a, int hostnr)
{
	return sys_path1(t, a, hostnr);
}

long sys_getcwd(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	char b[PATH_HOST_MAX];
	long r = HS2(hostnr, b, sizeof(b));
	if (r < 0)
		return r;
	path_to_guest(b);
	size_t n = strlen(b) + 1;
	if (n > a[1])
		return -ERANGE;
	memcpy((void *)(uintptr_t)a[0], b, n);
	return (long)n;
}

long sys_fcntl(struct gthread *t, const uint64_t *a, int hostnr)
{
	switch (a[1]) {
	case F_GETFL: {
		long r = HS2(hostnr, a[0], F_GETFL);
		return r < 0 ? r : (long)xlat_open_flags_to_guest((int)r);
	}
	case F_SETFL:
		return HS3(hostnr, a[0], F_SETFL, xlat_open_flags_to_host(a[2]));
	case F_SETLKW:
	case F_OFD_SETLKW:
		return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], 0, 0, 0);
	default:	/* F_*LK* use the same struct flock on both 64-bit ABIs */
		return HS3(hostnr, a[0], a[1], a[2]);
	}
}

/* ---- epoll: x86_64's struct epoll_event is packed (12 bytes), arm64's is 16 ---- */

long sys_epoll_ctl(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	struct epoll_event he;
	struct gabi_epoll_event *ge = (struct gabi_epoll_event *)(uintptr_t)a[3];
	if (!ge)
		return HS4(hostnr, a[0], a[1], a[2], 0);
	he.events = ge->events;
	he.data.u64 = ge->data;
	return HS4(hostnr, a[0], a[1], a[2], &he);
}

long sys_epoll_pwait(struct gthread *t, const uint64_t *a, int hostnr)
{
	int max = (int)a[2];
	if (max <= 0 || max > (1 << 20))
		return -EINVAL;
	struct epoll_event small[64], *he = small;
	if (max > 64 && !(he = malloc(sizeof(*he) * (size_t)max)))
		return -ENOMEM;
	uint64_t hmask, *maskp = NULL;
	long r;
	int eintr = 0;
	if (a[4]) {
		if (a[5] != 8) {
			if (he != small)
				free(he);
			return -EINVAL;
		}
		hmask = signal_tempmask_begin(t, *(uint64_t *)(uintptr_t)a[4], &eintr);
		maskp = &hmask;
	}
	r = eintr ? -EINTR : host_syscall_safe(t, hostnr, (long)a[0], (long)he, max, (long)a[3], (long)maskp, (long)a[5]);
	if (maskp)
		signal_tempmask_end(t, r);
	struct gabi_epoll_event *ge = (struct gabi_epoll_event *)(uintptr_t)a[1];
	for (long i = 0; i < r; i++) {
		ge[i].events = he[i].events;
		ge[i].__pad = 0;
		ge[i].data = he[i].data.u64;
	}
	if (he != small)
		free(he);
	return r;
}

/* ppoll(fds, nfds, tsp, sigmask, sigsetsize): struct pollfd is the same on both ABIs. */
long sys_ppoll(struct gthread *t, const uint64_t *a, int hostnr)
{
	if (!a[3])
		return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], 0, (long)a[4], 0);
	if (a[4] != 8)
		return -EINVAL;
	int eintr;
	uint64_t hmask = signal_tempmask_begin(t, *(uint64_t *)(uintptr_t)a[3], &eintr);
	long r = eintr ? -EINTR : host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], (long)&hmask, 8, 0);
	signal_tempmask_end(t, r);
	return r;
}

/* pselect6(n, in, out, ex, tsp, {const sigset_t *ss; size_t ss_len}) */
long sys_pselect6(struct gthread *t, const uint64_t *a, int hostnr)
{
	const uint64_t *sig = (const uint64_t *)(uintptr_t)a[5];
	if (!sig || !sig[0])
		return host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
	if (sig[1] != 8)
		return -EINVAL;
	int eintr;
	uint64_t hmask = signal_tempmask_begin(t, *(uint64_t *)(uintptr_t)sig[0], &eintr);
	uint64_t hs[2] = { (uint64_t)(uintptr_t)&hmask, 8 };
	long r = eintr ? -EINTR : host_syscall_safe(t, hostnr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)hs);
	signal_tempmask_end(t, r);
	return r;
}
