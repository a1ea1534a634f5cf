// SPDX-License-Identifier: GPL-2.0-only
/*
 * secure.c — the trust checks for set-uid guests (see secure.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "secure.h"
#include "syscall.h"

/* One inode: owned by root or the euid, and no one else can write it (or swap its entries). */
static int trusted(const struct stat *st, const char *name, char *why, size_t len)
{
	uid_t euid = geteuid();
	if (st->st_uid != 0 && st->st_uid != euid) {
		snprintf(why, len, "%s is owned by uid %u", name, (unsigned)st->st_uid);
		return 0;
	}
	int sticky_dir = S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX);
	if ((st->st_mode & S_IWOTH) && !sticky_dir) {
		snprintf(why, len, "%s is writable by everyone", name);
		return 0;
	}
	if ((st->st_mode & S_IWGRP) && st->st_gid != 0 && !sticky_dir) {
		snprintf(why, len, "%s is writable by group %u", name, (unsigned)st->st_gid);
		return 0;
	}
	return 1;
}

/* Walk an absolute, resolved path from / down to its last component, checking each directory
 * (the last component included when it is one). */
static int check_dirs(const char *resolved, char *why, size_t len)
{
	char p[PATH_MAX];
	struct stat st;
	size_t n = strlen(resolved);
	if (n >= sizeof(p) || resolved[0] != '/') {
		snprintf(why, len, "%s is not an absolute path", resolved);
		return -EACCES;
	}
	memcpy(p, resolved, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (i < n && p[i] != '/')
			continue;
		char c = p[i];
		p[i] = 0;
		const char *name = i == 1 && c == '/' ? "/" : p;
		int r = lstat(i == 1 && c == '/' ? "/" : p, &st);
		p[i] = c;
		if (r) {
			snprintf(why, len, "%s: %s", name, strerror(errno));
			return -EACCES;
		}
		if (S_ISDIR(st.st_mode) && !trusted(&st, name, why, len))
			return -EACCES;
	}
	if (stat("/", &st) || !trusted(&st, "/", why, len))
		return -EACCES;
	return 0;
}

int secure_check_dir(const char *hpath, char *why, size_t len)
{
	if (!proc.secure)
		return 0;
	char *r = realpath(hpath, NULL);
	if (!r) {
		snprintf(why, len, "%s: %s", hpath, strerror(errno));
		return -EACCES;
	}
	int ret = check_dirs(r, why, len);
	free(r);
	return ret;
}

int secure_check_code_fd(int fd, const char *what)
{
	if (!proc.secure)
		return 0;
	char why[PATH_MAX + 64], link[64], path[PATH_MAX];
	struct stat st;
	int ret = -EACCES;
	if (fstat(fd, &st)) {
		snprintf(why, sizeof(why), "fstat: %s", strerror(errno));
		goto refuse;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0) {
		snprintf(why, sizeof(why), "its path is unknown");
		goto refuse;
	}
	path[n] = 0;
	if (path[0] != '/') {	/* "anon_inode:", a deleted file's " (deleted)" is after a '/' */
		snprintf(why, sizeof(why), "%s is not a file in a directory", path);
		goto refuse;
	}
	if (!trusted(&st, path, why, sizeof(why)))
		goto refuse;
	char *slash = strrchr(path, '/');
	if (slash == path)
		slash[1] = 0;
	else
		*slash = 0;
	if (check_dirs(path, why, sizeof(why)) == 0)
		return 0;
refuse:
	fprintf(stderr, "%s: refusing to load %s as code for a set-uid program: %s\n", guest.emu_name, what, why);
	return ret;
}
