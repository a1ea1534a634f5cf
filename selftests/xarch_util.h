/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the binfmt_xarch selftests: sysfs access, synthetic
 * foreign ELF files, and running a program while capturing its output.
 */
#ifndef XARCH_UTIL_H
#define XARCH_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <elf.h>

#define XSYSFS "/sys/kernel/binfmt_xarch"
#define XOUT_MAX 16384

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

struct xarch_arch_desc {
	const char *name;
	int class;
	int data;
	int machine;
};

static const struct xarch_arch_desc xarch_archs[] = {
	{ "aarch64", ELFCLASS64, ELFDATA2LSB, EM_AARCH64 },
	{ "arm", ELFCLASS32, ELFDATA2LSB, EM_ARM },
	{ "riscv64", ELFCLASS64, ELFDATA2LSB, EM_RISCV },
	{ "riscv32", ELFCLASS32, ELFDATA2LSB, EM_RISCV },
	{ "ppc64le", ELFCLASS64, ELFDATA2LSB, EM_PPC64 },
	{ "ppc64", ELFCLASS64, ELFDATA2MSB, EM_PPC64 },
	{ "s390x", ELFCLASS64, ELFDATA2MSB, EM_S390 },
	{ "mips64el", ELFCLASS64, ELFDATA2LSB, EM_MIPS },
	{ "loongarch64", ELFCLASS64, ELFDATA2LSB, EM_LOONGARCH },
};

#define XARCH_NR_ARCHS (sizeof(xarch_archs) / sizeof(xarch_archs[0]))

/* Write @val to a sysfs file (relative to XSYSFS); 0 or -errno. */
static inline int xs_write_n(const char *rel, const char *val, size_t len)
{
	char path[256];
	ssize_t n;
	int fd, err;

	snprintf(path, sizeof(path), "%s/%s", XSYSFS, rel);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (!err && (size_t)n != len)
		err = -EIO;
	return err;
}

static inline int xs_write(const char *rel, const char *val)
{
	return xs_write_n(rel, val, strlen(val));
}

static inline int xs_writef(const char *rel, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return xs_write(rel, buf);
}

/* Read a sysfs file, without its trailing newline; length or -errno. */
static inline int xs_read(const char *rel, char *buf, size_t size)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", XSYSFS, rel);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return n;
}

static inline long long xs_read_ll(const char *rel)
{
	char buf[64];

	if (xs_read(rel, buf, sizeof(buf)) < 0)
		return -1;
	return strtoll(buf, NULL, 10);
}

/* The number after "<key> " at the start of a line of @rel, or -1. */
static inline long long xs_read_ll_field(const char *rel, const char *key)
{
	char buf[4096], *p = buf;
	size_t klen = strlen(key);

	if (xs_read(rel, buf, sizeof(buf)) < 0)
		return -1;
	while (p) {
		if (!strncmp(p, key, klen) && p[klen] == ' ')
			return strtoll(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

static inline long long xs_arch_counter(const char *arch, const char *name)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "%s/%s", arch, name);
	return xs_read_ll(rel);
}

static inline long long xs_total_counter(const char *name)
{
	long long sum = 0;
	size_t i;

	for (i = 0; i < XARCH_NR_ARCHS; i++)
		sum += xs_arch_counter(xarch_archs[i].name, name);
	return sum;
}

static inline int xs_set_emulator(const char *arch, const char *path)
{
	char rel[64];

	snprintf(rel, sizeof(rel), "%s/emulator", arch);
	return xs_writef(rel, "%s\n", path);
}

/*
 * Back to a known state: everything enabled, no emulators, credentials
 * off, no sysroots (default, per arch, per namespace).  0 or -errno of the
 * first failure.
 */
static inline int xs_reset(void)
{
	char list[8192], *line, *save, rel[64];
	size_t i;
	int ret;

	if (access(XSYSFS, F_OK))
		return -errno;
	ret = xs_write("enabled", "1");
	for (i = 0; !ret && i < XARCH_NR_ARCHS; i++) {
		snprintf(rel, sizeof(rel), "%s/emulator", xarch_archs[i].name);
		ret = xs_write(rel, "\n");
		snprintf(rel, sizeof(rel), "%s/enabled", xarch_archs[i].name);
		ret = ret ?: xs_write(rel, "1");
		snprintf(rel, sizeof(rel), "%s/credentials", xarch_archs[i].name);
		ret = ret ?: xs_write(rel, "0");
		snprintf(rel, sizeof(rel), "%s/sysroot", xarch_archs[i].name);
		ret = ret ?: xs_write(rel, "\n");
	}
	ret = ret ?: xs_write("default_sysroot", "\n");
	if (ret)
		return ret;
	ret = xs_read("ns_sysroots", list, sizeof(list));
	if (ret < 0)
		return ret;
	ret = 0;
	for (line = strtok_r(list, "\n", &save); line && !ret;
	     line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');

		if (sp)
			*sp = '\0';
		/* removes every entry of the namespace: later lines may be gone */
		ret = xs_writef("ns_sysroots", "-%s", line);
		if (ret == -ENOENT)
			ret = 0;
	}
	return ret;
}

/* The probe emulator, next to the running test binary. */
static inline const char *xprobe_path(void)
{
	static char path[PATH_MAX];
	char *slash;
	ssize_t n;

	if (path[0])
		return path;
	n = readlink("/proc/self/exe", path, sizeof(path) - 32);
	if (n < 0)
		return "/selftests/xarch-probe";
	path[n] = '\0';
	slash = strrchr(path, '/');
	strcpy(slash + 1, "xarch-probe");
	return path;
}

/* Malformations of a synthetic ELF file. */
enum xelf_bad {
	XELF_OK = 0,
	XELF_BAD_MAGIC,
	XELF_IDENT_VERSION0,
	XELF_E_VERSION0,
	XELF_EHSIZE,
	XELF_PHENTSIZE,
	XELF_PHNUM0,
	XELF_PHOFF_PAST_END,
	XELF_TRUNC_HEADER,
	XELF_TRUNC_PHDRS,
};

struct xelf {
	int class;	/* raw EI_CLASS */
	int data;	/* raw EI_DATA */
	int machine;
	int type;
	enum xelf_bad bad;
};

static inline void xput(unsigned char *p, uint64_t v, int bytes, int be)
{
	int i;

	for (i = 0; i < bytes; i++)
		p[be ? bytes - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

#define XELF_PAYLOAD "XARCH-GUEST-PAYLOAD"

/*
 * Build a synthetic ELF executable header, one program header and a
 * payload; return its size.  Fields are written in the byte order that
 * EI_DATA declares (big-endian only for ELFDATA2MSB).
 */
static inline size_t xelf_build(unsigned char *b, size_t size,
				 const struct xelf *e)
{
	int is64 = e->class != ELFCLASS32;
	int be = e->data == ELFDATA2MSB;
	size_t eh = is64 ? 64 : 52, ph = is64 ? 56 : 32, len;

	memset(b, 0, size);
	memcpy(b, ELFMAG, SELFMAG);
	if (e->bad == XELF_BAD_MAGIC)
		b[1] = 'F';
	b[EI_CLASS] = e->class;
	b[EI_DATA] = e->data;
	b[EI_VERSION] = e->bad == XELF_IDENT_VERSION0 ? 0 : EV_CURRENT;
	xput(b + 16, e->type, 2, be);
	xput(b + 18, e->machine, 2, be);
	xput(b + 20, e->bad == XELF_E_VERSION0 ? 0 : EV_CURRENT, 4, be);
	if (is64) {
		xput(b + 24, 0x400078, 8, be);	/* e_entry */
		xput(b + 32, e->bad == XELF_PHOFF_PAST_END ? 4096 : eh, 8, be);
		xput(b + 52, e->bad == XELF_EHSIZE ? eh + 8 : eh, 2, be);
		xput(b + 54, e->bad == XELF_PHENTSIZE ? ph - 8 : ph, 2, be);
		xput(b + 56, e->bad == XELF_PHNUM0 ? 0 : 1, 2, be);
		/* PT_LOAD, R+X, whole file at 0x400000 */
		xput(b + eh, PT_LOAD, 4, be);
		xput(b + eh + 4, PF_R | PF_X, 4, be);
		xput(b + eh + 16, 0x400000, 8, be);
		xput(b + eh + 24, 0x400000, 8, be);
		xput(b + eh + 32, 256, 8, be);
		xput(b + eh + 40, 256, 8, be);
		xput(b + eh + 48, 4096, 8, be);
	} else {
		xput(b + 24, 0x10054, 4, be);
		xput(b + 28, e->bad == XELF_PHOFF_PAST_END ? 4096 : eh, 4, be);
		xput(b + 40, e->bad == XELF_EHSIZE ? eh + 8 : eh, 2, be);
		xput(b + 42, e->bad == XELF_PHENTSIZE ? ph - 8 : ph, 2, be);
		xput(b + 44, e->bad == XELF_PHNUM0 ? 0 : 1, 2, be);
		xput(b + eh, PT_LOAD, 4, be);
		xput(b + eh + 8, 0x10000, 4, be);
		xput(b + eh + 12, 0x10000, 4, be);
		xput(b + eh + 16, 256, 4, be);
		xput(b + eh + 20, 256, 4, be);
		xput(b + eh + 24, PF_R | PF_X, 4, be);
		xput(b + eh + 28, 4096, 4, be);
	}
	memcpy(b + eh + ph, XELF_PAYLOAD, sizeof(XELF_PAYLOAD));
	len = 256;
	if (e->bad == XELF_TRUNC_HEADER)
		len = eh - 12;
	else if (e->bad == XELF_TRUNC_PHDRS)
		len = eh + ph / 2;
	return len;
}

/* Write a synthetic ELF file with @mode; 0 or -errno. */
static inline int xelf_write(const char *path, const struct xelf *e,
			     mode_t mode)
{
	unsigned char b[256];
	size_t len = xelf_build(b, sizeof(b), e);
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, b, len) != (ssize_t)len) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return chmod(path, mode) ? -errno : 0;
}

static inline int xelf_write_arch(const char *path, const char *arch,
				  mode_t mode)
{
	size_t i;

	for (i = 0; i < XARCH_NR_ARCHS; i++) {
		if (!strcmp(xarch_archs[i].name, arch)) {
			struct xelf e = {
				.class = xarch_archs[i].class,
				.data = xarch_archs[i].data,
				.machine = xarch_archs[i].machine,
				.type = ET_EXEC,
			};
			return xelf_write(path, &e, mode);
		}
	}
	return -EINVAL;
}

/* Hex of the first @n bytes of a file, as the probe prints guest_head. */
static inline int xfile_head_hex(const char *path, size_t n, char *hex)
{
	unsigned char b[64];
	ssize_t got;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	got = read(fd, b, n);
	close(fd);
	if (got < 0)
		return -EIO;
	for (i = 0; i < got; i++)
		sprintf(hex + 2 * i, "%02x", b[i]);
	hex[2 * got] = '\0';
	return 0;
}

/* Result of running a program. */
struct xrun {
	int exec_errno;		/* errno of a failed execve, else 0 */
	int status;		/* wait status */
	char out[XOUT_MAX];	/* stdout and stderr */
};

typedef int (*xrun_hook)(void *arg);

/* A child started by xspawn(), waiting to be collected by xcollect(). */
struct xchild {
	pid_t pid;
	int out_fd;
	int err_fd;
};

/*
 * Start @path with @argv.  In the child, @hook (if any) runs first; if it
 * returns nonzero the child exits with 126 and exec_errno is that value.
 * An alarm kills a child that hangs.
 */
static inline int xspawn(struct xchild *c, const char *path,
			 char *const argv[], xrun_hook hook, void *arg)
{
	int out[2], err[2];

	if (pipe(out) || pipe2(err, O_CLOEXEC))
		return -errno;
	c->pid = fork();
	if (c->pid < 0)
		return -errno;
	if (c->pid == 0) {
		int e = 0;

		close(out[0]);
		close(err[0]);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(out[1]);
		alarm(60);
		if (hook)
			e = hook(arg);
		if (!e && path) {
			execve(path, argv, (char *[]){ "PATH=/usr/bin:/bin", NULL });
			e = errno;
		}
		if (!e)
			e = EINVAL;
		if (write(err[1], &e, sizeof(e)) < 0)
			_exit(125);
		_exit(126);
	}
	close(out[1]);
	close(err[1]);
	c->out_fd = out[0];
	c->err_fd = err[0];
	return 0;
}

static inline void xcollect(struct xchild *c, struct xrun *r)
{
	size_t len = 0;
	ssize_t n;

	r->exec_errno = 0;
	while ((n = read(c->out_fd, r->out + len, sizeof(r->out) - 1 - len)) > 0)
		len += n;
	r->out[len] = '\0';
	close(c->out_fd);
	if (read(c->err_fd, &r->exec_errno, sizeof(r->exec_errno)) !=
	    sizeof(r->exec_errno))
		r->exec_errno = 0;
	close(c->err_fd);
	waitpid(c->pid, &r->status, 0);
}

static inline int xrun(struct xrun *r, const char *path, char *const argv[],
		       xrun_hook hook, void *arg)
{
	struct xchild c = { 0 };
	int ret = xspawn(&c, path, argv, hook, arg);

	if (ret) {
		r->exec_errno = -ret;
		r->out[0] = '\0';
		return ret;
	}
	xcollect(&c, r);
	return 0;
}

/* Run @path with argv [@path] and no hook. */
static inline int xrun_simple(struct xrun *r, const char *path)
{
	return xrun(r, path, (char *[]){ (char *)path, NULL }, NULL, NULL);
}

/* Value of "key=value" in probe output, or NULL (static buffer). */
static inline const char *xfield(const char *out, const char *key)
{
	static char val[PATH_MAX];
	size_t klen = strlen(key);
	const char *p = out;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			const char *end = strchrnul(p + klen + 1, '\n');

			snprintf(val, sizeof(val), "%.*s",
				 (int)(end - p - klen - 1), p + klen + 1);
			return val;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static inline int xprobe_ran(const struct xrun *r)
{
	return r->exec_errno == 0 && strstr(r->out, "XARCH-PROBE\n") &&
	       strstr(r->out, "XARCH-PROBE-END\n");
}

/* A fresh directory under /tmp, world-searchable. */
static inline int xtmpdir(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "/tmp/xarch-%s-XXXXXX", tag);
	if (!mkdtemp(buf))
		return -errno;
	return chmod(buf, 0755) ? -errno : 0;
}

static inline void xrmtree(const char *dir)
{
	char cmd[PATH_MAX + 16];

	if (strncmp(dir, "/tmp/xarch-", 11))
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		return;
}

/*
 * Tests that drop privileges need every directory on the way searchable.
 * An initramfs root can come up as 0700 (the mode of the directory it was
 * packed from); open it up to 0755 then.  A no-op on normal systems.
 */
static inline int xroot_searchable(void)
{
	struct stat st;

	if (stat("/", &st))
		return -errno;
	if ((st.st_mode & 0011) == 0011)
		return 0;
	return chmod("/", st.st_mode | 0055) ? -errno : 0;
}

/* Copy a file, creating @dst with @mode. */
static inline int xcopy(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	ssize_t n;
	int in, out;

	in = open(src, O_RDONLY);
	if (in < 0)
		return -errno;
	unlink(dst);
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (out < 0) {
		close(in);
		return -errno;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(in);
	close(out);
	return chmod(dst, mode) ? -errno : 0;
}

/* Whole kernel log (klogctl), malloc'ed; NULL on error. */
static inline char *xdmesg(void)
{
	int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */
	char *buf;
	int n;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc(size + 1);
	if (!buf)
		return NULL;
	n = klogctl(3, buf, size);		/* SYSLOG_ACTION_READ_ALL */
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Create @path holding @s, with @mode; 0 or -errno. */
static inline int xwrite_new(const char *path, const char *s, mode_t mode)
{
	ssize_t len = strlen(s);
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, s, len) != len) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return chmod(path, mode) ? -errno : 0;
}

static inline int xwrite_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -errno;
}

#endif /* XARCH_UTIL_H */
