// SPDX-License-Identifier: GPL-2.0-only
/*
 * gdbstub_file.c — GDB's host I/O packets (vFile:open/pread/close/fstat/readlink/setfs): GDB
 * reads the program's files through the target, as the program sees them — the sysroot applied
 * (path.h), /proc/PID/maps, auxv, exe from the /proc fakes (procfs.c). That is what `info proc
 * mappings` reads, and how GDB finds the executable and libraries with its default
 * "target:" sysroot. Read-only: a debugger session does not write the program's files.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "gdbstub_int.h"
#include "path.h"
#include "syscall.h"

#define MAX_FILES 16
static int files[MAX_FILES] = { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };

/* host errno to the protocol's (GDB manual, "Errno Values") */
static int fio_errno(int e)
{
	switch (e) {
	case EPERM: return 1;
	case ENOENT: return 2;
	case EINTR: return 4;
	case EBADF: return 9;
	case EACCES: return 13;
	case EFAULT: return 14;
	case EBUSY: return 16;
	case EEXIST: return 17;
	case ENODEV: return 19;
	case ENOTDIR: return 20;
	case EISDIR: return 21;
	case EINVAL: return 22;
	case ENFILE: return 23;
	case EMFILE: return 24;
	case EFBIG: return 27;
	case ENOSPC: return 28;
	case ESPIPE: return 29;
	case EROFS: return 30;
	case ENAMETOOLONG: return 91;
	}
	return 9999;
}

static size_t fail(char *out, size_t cap, int e)
{
	return (size_t)snprintf(out, cap, "F-1,%x", fio_errno(e));
}

static int unhex(const char *s, char *buf, size_t cap, const char **end)
{
	size_t n = 0;
	while (s[0] && s[1] && s[0] != ',' && n + 1 < cap) {
		int h = s[0] >= 'a' ? s[0] - 'a' + 10 : s[0] >= 'A' ? s[0] - 'A' + 10 : s[0] - '0';
		int l = s[1] >= 'a' ? s[1] - 'a' + 10 : s[1] >= 'A' ? s[1] - 'A' + 10 : s[1] - '0';
		if (h < 0 || h > 15 || l < 0 || l > 15)
			return -1;
		buf[n++] = (char)(h << 4 | l);
		s += 2;
	}
	buf[n] = 0;
	if (end)
		*end = s;
	return n ? 0 : -1;
}

/* the slot holding fd, or with fd -1 a free one; -1 if none */
static int slot_of(long fd)
{
	if (fd < -1)
		return -1;
	for (int i = 0; i < MAX_FILES; i++)
		if (files[i] == fd)
			return i;
	return -1;
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* Handle one vFile packet (after "vFile:"); the reply into out (binary data allowed); its size. */
size_t gdb_vfile(const char *s, char *out, size_t cap)
{
	char path[PATH_HOST_MAX], hb[PATH_HOST_MAX];
	const char *p;
	if (!strncmp(s, "setfs:", 6))
		return (size_t)snprintf(out, cap, "F0");	/* one process, one filesystem view */
	if (!strncmp(s, "open:", 5)) {
		if (unhex(s + 5, path, sizeof(path), &p) < 0 || *p != ',')
			return fail(out, cap, EINVAL);
		unsigned long flags = strtoul(p + 1, NULL, 16);
		if (flags != 0)		/* O_RDONLY only */
			return fail(out, cap, EACCES);
		int slot = slot_of(-1);
		if (slot < 0)
			return fail(out, cap, EMFILE);
		long fd;
		if (!procfs_open(path, O_RDONLY | O_CLOEXEC, &fd)) {
			fd = open(path_host_follow(path, hb, sizeof(hb)), O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				fd = -errno;
		}
		if (fd < 0)
			return fail(out, cap, (int)-fd);
		files[slot] = (int)fd;
		return (size_t)snprintf(out, cap, "F%lx", fd);
	}
	if (!strncmp(s, "pread:", 6)) {
		char *e;
		long fd = strtol(s + 6, &e, 16);
		unsigned long count = *e == ',' ? strtoul(e + 1, &e, 16) : 0;
		unsigned long long off = *e == ',' ? strtoull(e + 1, &e, 16) : 0;
		if (slot_of(fd) < 0)
			return fail(out, cap, EBADF);
		if (count > (cap - 32) / 2)	/* escaping may double the data */
			count = (cap - 32) / 2;
		ssize_t n = pread((int)fd, out + 32, count, (off_t)off);
		if (n < 0)
			return fail(out, cap, errno);
		int head = snprintf(out, 32, "F%lx;", (unsigned long)n);
		memmove(out + head, out + 32, (size_t)n);
		return (size_t)head + (size_t)n;
	}
	if (!strncmp(s, "close:", 6)) {
		int slot = slot_of(strtol(s + 6, NULL, 16));
		if (slot < 0)
			return fail(out, cap, EBADF);
		close(files[slot]);
		files[slot] = -1;
		return (size_t)snprintf(out, cap, "F0");
	}
	if (!strncmp(s, "fstat:", 6)) {
		long fd = strtol(s + 6, NULL, 16);
		struct stat st;
		if (slot_of(fd) < 0)
			return fail(out, cap, EBADF);
		if (fstat((int)fd, &st) < 0)
			return fail(out, cap, errno);
		/* struct stat of the protocol: big-endian, 64 bytes */
		uint8_t b[64];
		put_be(b + 0, st.st_dev, 4);
		put_be(b + 4, st.st_ino, 4);
		put_be(b + 8, st.st_mode, 4);
		put_be(b + 12, st.st_nlink, 4);
		put_be(b + 16, st.st_uid, 4);
		put_be(b + 20, st.st_gid, 4);
		put_be(b + 24, st.st_rdev, 4);
		put_be(b + 28, (uint64_t)st.st_size, 8);
		put_be(b + 36, (uint64_t)st.st_blksize, 8);
		put_be(b + 44, (uint64_t)st.st_blocks, 8);
		put_be(b + 52, (uint64_t)st.st_atime, 4);
		put_be(b + 56, (uint64_t)st.st_mtime, 4);
		put_be(b + 60, (uint64_t)st.st_ctime, 4);
		int head = snprintf(out, cap, "F%x;", 64);
		memcpy(out + head, b, 64);
		return (size_t)head + 64;
	}
	if (!strncmp(s, "readlink:", 9)) {
		if (unhex(s + 9, path, sizeof(path), NULL) < 0)
			return fail(out, cap, EINVAL);
		char link[PATH_HOST_MAX];
		long n;
		if (!procfs_readlink(path, link, sizeof(link), &n)) {
			n = readlink(path_host(path, hb, sizeof(hb)), link, sizeof(link));
			if (n < 0)
				n = -errno;
		}
		if (n < 0)
			return fail(out, cap, (int)-n);
		int head = snprintf(out, cap, "F%lx;", n);
		memcpy(out + head, link, (size_t)n);
		return (size_t)head + (size_t)n;
	}
	return 0;	/* unlink, pwrite...: not offered */
}
