// SPDX-License-Identifier: GPL-2.0-only
/*
 * path.c — the sysroot chokepoint (see path.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "path.h"
#include "syscall.h"

/* Paths that always mean the host's (or our faked) kernel interfaces. */
static int never_redirect(const char *p)
{
	static const char *const roots[] = { "/proc", "/sys", "/dev" };
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		size_t n = strlen(roots[i]);
		if (!strncmp(p, roots[i], n) && (p[n] == '/' || p[n] == 0))
			return 1;
	}
	return 0;
}

static int exists_nofollow(const char *p)
{
	/* faccessat2 with AT_SYMLINK_NOFOLLOW: dangling symlinks in the sysroot still count. */
	struct stat st;
	return HS4(SYS_newfstatat, AT_FDCWD, p, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static const char *join(const char *gpath, char *buf, size_t len)
{
	size_t gl = strlen(gpath);
	if (proc.sysroot_len + gl + 1 > len)
		return NULL;
	memcpy(buf, proc.sysroot, proc.sysroot_len);
	memcpy(buf + proc.sysroot_len, gpath, gl + 1);
	return buf;
}

const char *path_host(const char *gpath, char *buf, size_t len)
{
	if (!proc.sysroot || !gpath || gpath[0] != '/' || never_redirect(gpath))
		return gpath;
	/* "/" itself maps to the sysroot root. */
	if (!join(gpath, buf, len))
		return gpath;
	if (exists_nofollow(buf))
		return buf;
	return gpath;
}

/*
 * Like path_host, for syscalls that follow a final symlink: a symlink inside the sysroot whose
 * target is absolute (/etc/alternatives/...) points into the guest's root, not the host's, so
 * its target is looked up through the chokepoint again. Costs one readlink only when the
 * sysroot path is a symlink; intermediate directories are left to the kernel.
 */
const char *path_host_follow(const char *gpath, char *buf, size_t len)
{
	const char *h = path_host(gpath, buf, len);
	if (h != buf)
		return h;
	char cur[PATH_HOST_MAX], tgt[PATH_HOST_MAX];
	for (int hops = 0; hops < 40; hops++) {
		struct stat st;
		if (HS4(SYS_newfstatat, AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) || !S_ISLNK(st.st_mode))
			return buf;
		long n = HS4(SYS_readlinkat, AT_FDCWD, buf, tgt, sizeof(tgt) - 1);
		if (n <= 0)
			return buf;
		tgt[n] = 0;
		if (tgt[0] != '/')
			return buf;	/* relative: the kernel resolves it inside the sysroot */
		snprintf(cur, sizeof(cur), "%s", tgt);
		h = path_host(cur, buf, len);
		if (h != buf) {	/* the target exists only on the host */
			if (strlen(h) >= len)
				return gpath;
			memmove(buf, h, strlen(h) + 1);
			return buf;
		}
	}
	return buf;
}

const char *path_host_create(const char *gpath, char *buf, size_t len)
{
	if (!proc.sysroot || !gpath || gpath[0] != '/' || never_redirect(gpath))
		return gpath;
	if (!join(gpath, buf, len))
		return gpath;
	if (exists_nofollow(buf))
		return buf;
	/* Parent directory present in the sysroot (and not merely "/")? Create there. */
	char *slash = strrchr(buf, '/');
	if (!slash || slash <= buf + proc.sysroot_len)
		return gpath;
	*slash = 0;
	struct stat st;
	int in_root = HS4(SYS_newfstatat, AT_FDCWD, buf, &st, 0) == 0 && S_ISDIR(st.st_mode);
	*slash = '/';
	/* Only when the host has no such parent: a guest writing /tmp/x wants the host /tmp. */
	if (in_root) {
		char *gslash = strrchr(gpath, '/');
		if (gslash && gslash != gpath) {
			size_t n = (size_t)(gslash - gpath);
			char parent[PATH_HOST_MAX];
			if (n < sizeof(parent)) {
				memcpy(parent, gpath, n);
				parent[n] = 0;
				if (HS4(SYS_newfstatat, AT_FDCWD, parent, &st, 0) == 0)
					return gpath;
			}
		}
		return buf;
	}
	return gpath;
}

/*
 * A relative guest path whose directory (dirfd, or the cwd for AT_FDCWD) is in /proc, made
 * absolute, so that the /proc fakes (procfs.c) see openat(fd of /proc/self, "maps"),
 * readlinkat(fd of /proc/self, "exe"), or "exe" after chdir("/proc/self") the same way as the
 * absolute paths. The directory's path comes from the host (/proc/self/fd/N, getcwd): guest
 * fds and the cwd are host objects. Only paths whose last component is a name procfs fakes
 * cost the extra syscall.
 */
const char *path_at(int dirfd, const char *gpath, char *buf, size_t len)
{
	if (!gpath || !gpath[0] || gpath[0] == '/')
		return gpath;
	const char *last = strrchr(gpath, '/');
	if (!procfs_fakes_name(last ? last + 1 : gpath))
		return gpath;
	char dir[PATH_HOST_MAX];
	if (dirfd == AT_FDCWD) {
		if (HS2(SYS_getcwd, dir, sizeof(dir)) < 0)
			return gpath;
	} else {
		char lnk[40];
		snprintf(lnk, sizeof(lnk), "/proc/self/fd/%d", dirfd);
		long n = HS4(SYS_readlinkat, AT_FDCWD, lnk, dir, sizeof(dir) - 1);
		if (n <= 0)
			return gpath;
		dir[n] = 0;
	}
	if (strncmp(dir, "/proc", 5) || (dir[5] != '/' && dir[5] != 0))
		return gpath;
	/* join and drop "." and ".." lexically (nothing under /proc that we fake is a symlink
	 * we would have to follow in the middle) */
	char tmp[PATH_HOST_MAX];
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/%s", dir, gpath) >= sizeof(tmp) || len < 2)
		return gpath;
	size_t o = 0;
	for (char *save = NULL, *c = strtok_r(tmp, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			while (o > 0 && buf[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		size_t n = strlen(c);
		if (o + 1 + n + 1 > len)
			return gpath;
		buf[o++] = '/';
		memcpy(buf + o, c, n);
		o += n;
	}
	if (!o)
		buf[o++] = '/';
	buf[o] = 0;
	return buf;
}

void path_to_guest(char *hpath)
{
	if (!proc.sysroot || strncmp(hpath, proc.sysroot, proc.sysroot_len))
		return;
	char c = hpath[proc.sysroot_len];
	if (c == '/')
		memmove(hpath, hpath + proc.sysroot_len, strlen(hpath + proc.sysroot_len) + 1);
	else if (c == 0)
		strcpy(hpath, "/");
}

int path_set_sysroot(const char *sysroot)
{
	if (!sysroot || !*sysroot) {
		proc.sysroot = NULL;
		proc.sysroot_len = 0;
		return 0;
	}
	char *r = realpath(sysroot, NULL);
	if (!r)
		return -errno;
	struct stat st;
	if (stat(r, &st) || !S_ISDIR(st.st_mode)) {
		free(r);
		return -ENOTDIR;
	}
	if (!strcmp(r, "/")) {	/* a sysroot of "/" is no sysroot */
		free(r);
		proc.sysroot = NULL;
		proc.sysroot_len = 0;
		return 0;
	}
	proc.sysroot = r;
	proc.sysroot_len = strlen(r);
	return 0;
}
