// SPDX-License-Identifier: GPL-2.0-only
/*
 * legacy.c — the system calls older than their *at forms (open, mkdir, rename, ..., fork), which
 * the asm-generic numbering dropped and 32-bit arm still has: each is its *at form with
 * AT_FDCWD, through the same core handler (paths, /proc fakes), so nothing is translated twice.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include "abi32.h"
#include "syscall.h"

#define FDCWD ((uint64_t)(int64_t)AT_FDCWD)

long sys_open(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, flags, mode) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], a[2] };
	return sys_openat(t, b, SYS_openat);
}

long sys_creat(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, mode) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, a[1] };	/* same values on every ABI */
	return sys_openat(t, b, SYS_openat);
}

long sys_link(struct gthread *t, const uint64_t *a, int hostnr)	/* (old, new) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], FDCWD, a[1], 0 };
	return sys_at2(t, b, SYS_linkat);
}

long sys_rename(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], FDCWD, a[1], 0 };
	return sys_at2(t, b, SYS_renameat);
}

long sys_unlink(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], 0 };
	return sys_at_path(t, b, SYS_unlinkat);
}

long sys_rmdir(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], AT_REMOVEDIR };
	return sys_at_path(t, b, SYS_unlinkat);
}

long sys_mknod(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, mode, dev) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], a[2] };
	return sys_at_create(t, b, SYS_mknodat);
}

long sys_mkdir(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, mode) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1] };
	return sys_at_create(t, b, SYS_mkdirat);
}

long sys_chmod(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1] };
	return sys_at_path(t, b, SYS_fchmodat);
}

long sys_chown_at(struct gthread *t, const uint64_t *a, int hostnr)	/* chown32(path, uid, gid) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], a[2], 0 };
	return sys_at_path(t, b, SYS_fchownat);
}

long sys_lchown_at(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW };
	return sys_at_path(t, b, SYS_fchownat);
}

long sys_access(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, mode) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], 0 };
	return sys_faccessat(t, b, SYS_faccessat);
}

long sys_symlink(struct gthread *t, const uint64_t *a, int hostnr)	/* (target, path) */
{
	(void)hostnr;
	uint64_t b[6] = { a[0], FDCWD, a[1] };
	return sys_symlinkat(t, b, SYS_symlinkat);
}

long sys_readlink(struct gthread *t, const uint64_t *a, int hostnr)	/* (path, buf, size) */
{
	(void)hostnr;
	uint64_t b[6] = { FDCWD, a[0], a[1], a[2] };
	return sys_readlinkat(t, b, SYS_readlinkat);
}

long sys_pipe(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)hostnr;
	uint64_t b[6] = { a[0], 0 };
	return sys_pipe2(t, b, SYS_pipe2);
}

long sys_fork(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	return thread_clone(t, 0, 0, 0, 0, 0, SIGCHLD);
}

long sys_vfork(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)a;
	(void)hostnr;
	return thread_clone(t, CLONE_VM | CLONE_VFORK, 0, 0, 0, 0, SIGCHLD);
}
