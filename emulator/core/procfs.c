// SPDX-License-Identifier: GPL-2.0-only
/*
 * procfs.c — the /proc files whose host contents would describe the emulator instead of the
 * guest: /proc/{self,<pid>,thread-self}/{exe,maps,auxv,cmdline,stat} (also under task/<tid>/)
 * and /proc/cpuinfo. Paths are absolute here; path_at() (path.c) makes the relative ones that
 * lie in /proc absolute first. Generated files are served from a memfd, so
 * read/lseek/mmap/fstat all work.
 * comm (and status' Name:) need no fake: the host task's name is the guest's (main.c sets it
 * stand-alone; the kernel names the task after the guest file in module mode).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "path.h"
#include "syscall.h"

enum pf { PF_NONE, PF_EXE, PF_MAPS, PF_AUXV, PF_CMDLINE, PF_CPUINFO, PF_STAT };

/* Could a path ending in this component be one of ours? (cheap filter for path_at) */
int procfs_fakes_name(const char *name)
{
	static const char *const names[] = { "exe", "maps", "auxv", "cmdline", "cpuinfo", "stat" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

static int is_num(const char *s, size_t n, long want)
{
	if (!n)
		return 0;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v == want;
}

/* Which faked file does this absolute path name, if any? */
static enum pf classify(const char *p)
{
	if (strncmp(p, "/proc/", 6))
		return PF_NONE;
	p += 6;
	if (!strcmp(p, "cpuinfo"))
		return PF_CPUINFO;
	const char *slash = strchr(p, '/');
	if (!slash)
		return PF_NONE;
	size_t n = (size_t)(slash - p);
	int ours = (n == 4 && !strncmp(p, "self", 4)) || (n == 11 && !strncmp(p, "thread-self", 11)) ||
		   is_num(p, n, getpid()) || is_num(p, n, cur ? cur->tid : getpid());
	if (!ours)
		return PF_NONE;
	p = slash + 1;
	/* /proc/self/task/<tid>/ too */
	if (!strncmp(p, "task/", 5)) {
		const char *s2 = strchr(p + 5, '/');
		if (!s2)
			return PF_NONE;
		p = s2 + 1;
	}
	if (!strcmp(p, "exe"))
		return PF_EXE;
	if (!strcmp(p, "maps"))
		return PF_MAPS;
	if (!strcmp(p, "auxv"))
		return PF_AUXV;
	if (!strcmp(p, "cmdline"))
		return PF_CMDLINE;
	if (!strcmp(p, "stat"))
		return PF_STAT;
	return PF_NONE;
}

int procfs_is_exe(const char *p)
{
	return classify(p) == PF_EXE;
}

/* The guest's idea of its executable (sysroot prefix removed). */
const char *procfs_guest_exe(void)
{
	static __thread char g[4096];
	snprintf(g, sizeof(g), "%s", proc.exe);
	path_to_guest(g);
	return g;
}


/*
 * /proc/<pid>/stat: the host's line (same pid, same task: state, times, ppid... are right) with
 * the fields that describe the emulator replaced by the guest's: the program's code and data
 * ranges, its initial stack and argument/environment strings, brk, and the signal sets.
 * vsize and rss stay the host's (they include the emulator). Field numbers as in proc(5).
 */
static char *gen_stat(const char *path, size_t *len)
{
	char line[4096];
	int fd = (int)HS4(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return NULL;
	long n = HS3(SYS_read, fd, line, sizeof(line) - 1);
	HS1(SYS_close, fd);
	if (n <= 0)
		return NULL;
	line[n] = 0;
	char *rp = strrchr(line, ')');	/* comm may hold spaces and parentheses */
	if (!rp)
		return NULL;
	uint64_t ign, catch, pend = cur ? cur->pending : 0;
	signal_dispositions(&ign, &catch);
	struct { int field; uint64_t v; int or; } rep[] = {
		{ 26, proc.start_code, 0 }, { 27, proc.end_code, 0 }, { 28, proc.start_stack, 0 },
		{ 31, pend, 1 }, { 32, cur ? cur->sigmask : 0, 0 }, { 33, ign, 0 }, { 34, catch, 0 },
		{ 45, proc.start_data, 0 }, { 46, proc.end_data, 0 }, { 47, proc.brk_start, 0 },
		{ 48, proc.arg_start, 0 }, { 49, proc.arg_end, 0 }, { 50, proc.env_start, 0 },
		{ 51, proc.env_end, 0 },
	};
	size_t cap = sizeof(line) + 64 * 24;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t o = (size_t)(rp + 1 - line);
	memcpy(out, line, o);
	int field = 2;
	char *save = NULL;
	for (char *tok = strtok_r(rp + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save)) {
		field++;
		const char *txt = tok;
		char num[24];
		for (size_t i = 0; i < sizeof(rep) / sizeof(rep[0]); i++) {
			if (rep[i].field != field)
				continue;
			uint64_t v = rep[i].v;
			if (rep[i].or)
				v |= strtoull(tok, NULL, 10);
			snprintf(num, sizeof(num), "%llu", (unsigned long long)v);
			txt = num;
		}
		o += (size_t)snprintf(out + o, cap - o, " %s", txt);
		if (o >= cap - 1)
			break;
	}
	o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "\n");
	*len = o < cap ? o : cap - 1;
	return out;
}

static long memfd_with(const void *data, size_t len, int hflags)
{
	int fd = (int)HS2(SYS_memfd_create, "xarch-proc", (hflags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
	if (fd < 0)
		return fd;
	size_t done = 0;
	while (done < len) {
		long w = HS3(SYS_write, fd, (const char *)data + done, len - done);
		if (w <= 0) {
			HS1(SYS_close, fd);
			return w < 0 ? w : -EIO;
		}
		done += (size_t)w;
	}
	HS3(SYS_lseek, fd, 0, SEEK_SET);
	return fd;
}

int procfs_open(const char *gpath, int hflags, long *ret)
{
	enum pf k = classify(gpath);
	if (k == PF_NONE)
		return 0;
	if (k == PF_EXE) {
		*ret = HS4(SYS_openat, AT_FDCWD, proc.exe, hflags, 0);
		return 1;
	}
	if ((hflags & O_ACCMODE) != O_RDONLY) {
		*ret = -EACCES;
		return 1;
	}
	char *data = NULL;
	size_t len = 0;
	switch (k) {
	case PF_MAPS:
		if (mmap_format_maps(&data, &len) < 0)
			data = NULL;
		break;
	case PF_AUXV:
		*ret = memfd_with((void *)(uintptr_t)proc.auxv, proc.auxv_len, hflags);
		return 1;
	case PF_CMDLINE:
		*ret = memfd_with(proc.cmdline, proc.cmdline_len, hflags);
		return 1;
	case PF_CPUINFO:
		data = guest.cpuinfo(&len);
		break;
	case PF_STAT:
		data = gen_stat(gpath, &len);
		if (!data) {
			*ret = HS4(SYS_openat, AT_FDCWD, gpath, hflags, 0);	/* as the host has it */
			return 1;
		}
		break;
	default:
		return 0;
	}
	if (!data) {
		*ret = -ENOMEM;
		return 1;
	}
	*ret = memfd_with(data, len, hflags);
	free(data);
	return 1;
}

int procfs_readlink(const char *gpath, char *buf, size_t len, long *ret)
{
	if (classify(gpath) != PF_EXE)
		return 0;
	const char *g = procfs_guest_exe();
	size_t n = strlen(g);
	if (n > len)
		n = len;
	memcpy(buf, g, n);
	*ret = (long)n;
	return 1;
}
