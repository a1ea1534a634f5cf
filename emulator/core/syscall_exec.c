// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_exec.c — execve/execveat. A native program runs natively. A foreign (AArch64) ELF
 * or a `#!` script whose interpreter is AArch64: when we were started by the kernel module the
 * kernel runs it again through the module; stand-alone, the emulator follows the execve itself
 * by re-executing itself with the sysroot, the options and argv[0].
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "loader.h"
#include "path.h"
#include "syscall.h"

#define HDR 256

static long read_header(const char *hpath, unsigned char *buf)
{
	int fd = (int)HS3(SYS_openat, AT_FDCWD, hpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fd;
	long n = HS3(SYS_read, fd, buf, HDR - 1);
	HS1(SYS_close, fd);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

static int count(char **v)
{
	int n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* exec "xarch-GUEST [-L root] [--strace [-e trace=...]] [-d] [-cpu NAME] -0 argv0 prog extra... args[1..]" */
static long reexec_self(const char *prog, const char *argv0, char **extra, int nextra, char **args, char **envp)
{
	int na = count(args);
	char **v = calloc((size_t)(na + nextra + 12), sizeof(char *));
	if (!v)
		return -ENOMEM;
	int k = 0;
	v[k++] = (char *)guest.emu_name;
	if (proc.sysroot) {
		v[k++] = "-L";
		v[k++] = (char *)proc.sysroot;
	}
	if (proc.strace)
		v[k++] = "--strace";
	if (proc.strace && strace_filter()) {
		v[k++] = "-e";
		v[k++] = (char *)strace_filter();
	}
	if (proc.debug)
		v[k++] = "-d";
	if (proc.cpu_model) {	/* the programs it runs run on the same CPU */
		v[k++] = "-cpu";
		v[k++] = (char *)proc.cpu_model;
	}
	v[k++] = "-0";
	v[k++] = (char *)argv0;
	v[k++] = "--";
	v[k++] = (char *)prog;
	for (int i = 0; i < nextra; i++)
		v[k++] = extra[i];
	for (int i = 1; i < na; i++)
		v[k++] = args[i];
	v[k] = NULL;
	long r = HS3(SYS_execve, "/proc/self/exe", v, envp);
	if (r == -ENOENT || r == -EACCES || r == -ELOOP || r == -ENOTDIR) {
		/* no /proc (a bare chroot, or a root whose /proc is still the "proc -> /proc" link
		 * of debootstrap's first stage): the path we were started by */
		const char *self = (const char *)getauxval(AT_EXECFN);
		if (self)
			r = HS3(SYS_execve, self, v, envp);
	}
	free(v);
	return r;
}

long exec_program(const char *gpath, char *hpath, char **argv, char **envp)
{
	unsigned char hdr[HDR];
	if (HS2(SYS_access, hpath, X_OK) < 0 || read_header(hpath, hdr) < 0)
		/* unreadable (e.g. mode 0111) or not executable: the host kernel decides */
		return HS3(SYS_execve, hpath, argv, envp);
	long n = (long)strnlen((char *)hdr, HDR);
	(void)n;
	if (loader_is_guest_elf(hdr, HDR)) {
		if (proc.module_mode) {
			long r = HS3(SYS_execve, hpath, argv, envp);
			if (r != -ENOEXEC)
				return r;
		}
		/* Hand over the guest's absolute path when it names the same file (AT_EXECFN and
		 * error messages then read as on arm64); the new emulator resolves it again. */
		const char *prog = hpath;
		char b[PATH_HOST_MAX];
		if (gpath[0] == '/' && !procfs_is_exe(gpath) && !strcmp(path_host_follow(gpath, b, sizeof(b)), hpath))
			prog = gpath;
		return reexec_self(prog, argv && argv[0] ? argv[0] : gpath, NULL, 0, argv, envp);
	}
	if (hdr[0] == '#' && hdr[1] == '!') {
		/* "#!interp [one-arg]" as Linux parses it */
		char line[HDR];
		memcpy(line, hdr + 2, HDR - 2);
		line[HDR - 3] = 0;
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		char *interp = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		char *arg = NULL;
		if (*p) {
			*p++ = 0;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p) {
				arg = p;
				char *e = arg + strlen(arg);
				while (e > arg && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
					*--e = 0;
			}
		}
		if (!*interp)
			return -ENOEXEC;
		char ib[PATH_HOST_MAX];
		const char *ih = path_host_follow(interp, ib, sizeof(ib));
		unsigned char ihdr[HDR];
		if (read_header(ih, ihdr) > 0 && loader_is_guest_elf(ihdr, HDR)) {
			char *extra[2];
			int ne = 0;
			if (arg)
				extra[ne++] = arg;
			extra[ne++] = (char *)gpath;
			if (proc.module_mode) {
				int na = count(argv);
				char **v = calloc((size_t)na + 4, sizeof(char *));
				if (!v)
					return -ENOMEM;
				int k = 0;
				v[k++] = interp;
				for (int i = 0; i < ne; i++)
					v[k++] = extra[i];
				for (int i = 1; i < na; i++)
					v[k++] = argv[i];
				long r = HS3(SYS_execve, ih, v, envp);
				free(v);
				if (r != -ENOEXEC)
					return r;
			}
			return reexec_self(ih, interp, extra, ne, argv, envp);
		}
		/* A native interpreter: the host kernel runs the script itself. */
	}
	return HS3(SYS_execve, hpath, argv, envp);
}

long sys_execve(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	const char *gpath = (const char *)(uintptr_t)a[0];
	if (!gpath)
		return -EFAULT;
	char b[PATH_HOST_MAX];
	const char *h = procfs_is_exe(path_at(AT_FDCWD, gpath, b, sizeof(b))) ? proc.exe
									  : path_host_follow(gpath, b, sizeof(b));
	char hp[PATH_HOST_MAX];
	snprintf(hp, sizeof(hp), "%s", h);
	return exec_program(gpath, hp, (char **)(uintptr_t)a[1], (char **)(uintptr_t)a[2]);
}

/* execveat(dirfd, path, argv, envp, flags) */
long sys_execveat(struct gthread *t, const uint64_t *a, int hostnr)
{
	(void)t;
	(void)hostnr;
	const char *gpath = (const char *)(uintptr_t)a[1];
	char hp[PATH_HOST_MAX];
	int dirfd = (int)a[0];
	if (gpath && gpath[0] == '/') {
		char b[PATH_HOST_MAX];
		snprintf(hp, sizeof(hp), "%s", procfs_is_exe(gpath) ? proc.exe : path_host(gpath, b, sizeof(b)));
	} else if ((!gpath || !*gpath) && (a[4] & AT_EMPTY_PATH)) {
		snprintf(hp, sizeof(hp), "/proc/self/fd/%d", dirfd);
	} else if (gpath && procfs_is_exe(path_at(dirfd, gpath, hp, sizeof(hp)))) {
		snprintf(hp, sizeof(hp), "%s", proc.exe);	/* "exe" relative to /proc/self */
	} else if (dirfd == AT_FDCWD) {
		snprintf(hp, sizeof(hp), "%s", gpath ? gpath : "");
	} else {
		snprintf(hp, sizeof(hp), "/proc/self/fd/%d/%s", dirfd, gpath ? gpath : "");
	}
	if (a[4] & AT_SYMLINK_NOFOLLOW)
		return HS5(SYS_execveat, a[0], a[1], a[2], a[3], a[4]);
	return exec_program(gpath && *gpath ? gpath : hp, hp, (char **)(uintptr_t)a[2], (char **)(uintptr_t)a[3]);
}
