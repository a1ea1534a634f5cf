// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarchctl: binfmt_misc entries that compete with binfmt_xarch (qemu-user-static's, systemd-binfmt's).
 *
 * Both are binfmt handlers; the kernel asks them in list order and the first that takes a program runs
 * it. binfmt_xarch puts itself at the head of that list when it loads, after binfmt_misc (a soft
 * dependency makes modprobe load binfmt_misc first), so for the arches it has an enabled emulator for
 * it wins; a binfmt_misc loaded later goes ahead of it. The order cannot be read from user space, so
 * xc_misc_probe() finds out by running a minimal program and watching binfmt_xarch's exec counter.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "misc.h"
#include "sysfs.h"
#include "xarchctl.h"

const char *xc_misc_dir(void)
{
	const char *d = getenv("XARCH_BINFMT_MISC");

	return d && *d ? d : "/proc/sys/fs/binfmt_misc";
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* hex digits into b[]; the number of bytes, or -1 when malformed or longer than max */
static long unhex(const char *s, uint8_t *b, size_t max)
{
	size_t n = 0;

	while (s[0] && s[0] != '\n') {
		int hi = hexval(s[0]), lo = hexval(s[1]);

		if (hi < 0 || lo < 0 || n == max)
			return -1;
		b[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return (long)n;
}

/* Parse one entry's text as the kernel shows it; false when it is not an entry we understand. */
static bool parse_entry(const char *name, char *text, struct xc_misc *m)
{
	bool have_magic = false, have_mask = false, have_state = false;
	long mlen = -1, klen = -1;

	memset(m, 0, sizeof(*m));
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strcmp(line, "enabled") || !strcmp(line, "disabled")) {
			m->enabled = line[0] == 'e';
			have_state = true;
		} else if (!strncmp(line, "interpreter ", 12)) {
			free(m->interpreter);
			m->interpreter = xc_strdup(line + 12);
		} else if (!strncmp(line, "flags: ", 7) || !strcmp(line, "flags:")) {
			free(m->flags);
			m->flags = xc_strdup(line[6] ? line + 7 : "");
		} else if (!strncmp(line, "offset ", 7)) {
			m->offset = (unsigned)strtoul(line + 7, NULL, 10);
		} else if (!strncmp(line, "magic ", 6)) {
			mlen = unhex(line + 6, m->magic, sizeof(m->magic));
			have_magic = true;
		} else if (!strncmp(line, "mask ", 5)) {
			klen = unhex(line + 5, m->mask, sizeof(m->mask));
			have_mask = true;
		}
	}
	if (!have_state || !m->interpreter) {
		free(m->interpreter);
		free(m->flags);
		return false;
	}
	m->name = xc_strdup(name);
	if (!m->flags)
		m->flags = xc_strdup("");
	m->is_magic = have_magic && mlen > 0 && (!have_mask || klen == mlen);
	if (m->is_magic) {
		m->len = (size_t)mlen;
		if (!have_mask)
			memset(m->mask, 0xff, m->len);
	}
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct xc_misc *)a)->name, ((const struct xc_misc *)b)->name);
}

size_t xc_misc_list(struct xc_misc **out, bool *mounted, size_t *unreadable)
{
	const char *dir = xc_misc_dir();
	char *reg = xc_path_join(dir, "register");
	struct xc_misc *l = NULL;
	size_t n = 0;
	struct dirent *de;
	DIR *d;

	*out = NULL;
	*unreadable = 0;
	/* The directory exists without the file system mounted on it: "register" tells them apart. */
	*mounted = access(reg, F_OK) == 0;
	free(reg);
	if (!*mounted || !(d = opendir(dir)))
		return 0;
	while ((de = readdir(d))) {
		char *p, *text;
		struct xc_misc m;
		int err;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "status") || !strcmp(de->d_name, "register"))
			continue;
		p = xc_path_join(dir, de->d_name);
		text = xc_read_small(p, &err);
		free(p);
		if (!text) {
			(*unreadable)++;
			continue;
		}
		if (parse_entry(de->d_name, text, &m)) {
			l = xc_xrealloc(l, (n + 1) * sizeof(*l));
			l[n++] = m;
		} else {
			(*unreadable)++;
		}
		free(text);
	}
	closedir(d);
	if (n)
		qsort(l, n, sizeof(*l), by_name);
	*out = l;
	return n;
}

void xc_misc_list_free(struct xc_misc *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(l[i].name);
		free(l[i].interpreter);
		free(l[i].flags);
	}
	free(l);
}

/* The first bytes of an executable of arch a (ELF header up to e_version), in its byte order. */
static size_t elf_head(const struct xc_arch *a, uint16_t type, uint8_t *h, size_t max)
{
	bool be = a->data == ELFDATA2MSB;
	size_t n = a->elfclass == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);

	if (n > max)
		n = max;
	memset(h, 0, n);
	memcpy(h, ELFMAG, SELFMAG);
	h[EI_CLASS] = a->elfclass;
	h[EI_DATA] = a->data;
	h[EI_VERSION] = EV_CURRENT;
	h[16 + !be] = 0;
	h[16 + be] = (uint8_t)type;		/* e_type */
	h[18 + be] = (uint8_t)a->machine;	/* e_machine */
	h[18 + !be] = (uint8_t)(a->machine >> 8);
	h[20 + (be ? 3 : 0)] = EV_CURRENT;	/* e_version */
	return n;
}

bool xc_misc_matches(const struct xc_misc *m, const struct xc_arch *a)
{
	static const uint16_t types[] = { ET_EXEC, ET_DYN };
	uint8_t h[sizeof(Elf64_Ehdr)];

	if (!m->is_magic)
		return false;
	for (size_t t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
		size_t n = elf_head(a, types[t], h, sizeof(h)), i;

		if (m->offset + m->len > n)
			continue;	/* looks past the fields we know: cannot say */
		for (i = 0; i < m->len; i++)
			if ((h[m->offset + i] & m->mask[i]) != (m->magic[i] & m->mask[i]))
				break;
		if (i == m->len)
			return true;
	}
	return false;
}

const char *xc_runner_name(enum xc_runner r)
{
	switch (r) {
	case XC_RUN_XARCH: return "binfmt_xarch";
	case XC_RUN_OTHER: return "binfmt_misc";
	case XC_RUN_NONE: return "nothing";
	default: return "unknown";
	}
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, (uint32_t)(v >> 32)); }

/*
 * A static program of arch a that exits 0 at once: one PT_LOAD holding the headers and three
 * instructions. Returns its size, 0 when there is none for a (little-endian aarch64 and arm only).
 */
static size_t probe_image(const struct xc_arch *a, uint8_t *img, size_t max)
{
	/* mov x0, #0; mov x8, #93 (exit); svc #0 */
	static const uint32_t a64[] = { 0xd2800000, 0xd2800ba8, 0xd4000001 };
	/* mov r0, #0; mov r7, #1 (exit); svc #0 */
	static const uint32_t a32[] = { 0xe3a00000, 0xe3a07001, 0xef000000 };
	const uint32_t *code;
	size_t hdr, size;
	uint64_t base;

	if (a->machine == EM_AARCH64 && a->elfclass == ELFCLASS64 && a->data == ELFDATA2LSB) {
		code = a64;
		hdr = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
		base = 0x400000;
	} else if (a->machine == EM_ARM && a->elfclass == ELFCLASS32 && a->data == ELFDATA2LSB) {
		code = a32;
		hdr = sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr);
		base = 0x10000;
	} else {
		return 0;
	}
	size = hdr + 3 * 4;
	if (size > max)
		return 0;
	memset(img, 0, size);
	elf_head(a, ET_EXEC, img, size);
	for (int i = 0; i < 3; i++)
		put32(img + hdr + 4 * i, code[i]);
	if (a->elfclass == ELFCLASS64) {
		uint8_t *ph = img + sizeof(Elf64_Ehdr);

		put64(img + offsetof(Elf64_Ehdr, e_entry), base + hdr);
		put64(img + offsetof(Elf64_Ehdr, e_phoff), sizeof(Elf64_Ehdr));
		put16(img + offsetof(Elf64_Ehdr, e_ehsize), sizeof(Elf64_Ehdr));
		put16(img + offsetof(Elf64_Ehdr, e_phentsize), sizeof(Elf64_Phdr));
		put16(img + offsetof(Elf64_Ehdr, e_phnum), 1);
		put32(ph + offsetof(Elf64_Phdr, p_type), PT_LOAD);
		put32(ph + offsetof(Elf64_Phdr, p_flags), PF_R | PF_X);
		put64(ph + offsetof(Elf64_Phdr, p_vaddr), base);
		put64(ph + offsetof(Elf64_Phdr, p_paddr), base);
		put64(ph + offsetof(Elf64_Phdr, p_filesz), size);
		put64(ph + offsetof(Elf64_Phdr, p_memsz), size);
		put64(ph + offsetof(Elf64_Phdr, p_align), 0x1000);
	} else {
		uint8_t *ph = img + sizeof(Elf32_Ehdr);

		put32(img + offsetof(Elf32_Ehdr, e_entry), (uint32_t)(base + hdr));
		put32(img + offsetof(Elf32_Ehdr, e_phoff), sizeof(Elf32_Ehdr));
		put32(img + offsetof(Elf32_Ehdr, e_flags), EF_ARM_EABI_VER5 | EF_ARM_ABI_FLOAT_HARD);
		put16(img + offsetof(Elf32_Ehdr, e_ehsize), sizeof(Elf32_Ehdr));
		put16(img + offsetof(Elf32_Ehdr, e_phentsize), sizeof(Elf32_Phdr));
		put16(img + offsetof(Elf32_Ehdr, e_phnum), 1);
		put32(ph + offsetof(Elf32_Phdr, p_type), PT_LOAD);
		put32(ph + offsetof(Elf32_Phdr, p_vaddr), (uint32_t)base);
		put32(ph + offsetof(Elf32_Phdr, p_paddr), (uint32_t)base);
		put32(ph + offsetof(Elf32_Phdr, p_filesz), (uint32_t)size);
		put32(ph + offsetof(Elf32_Phdr, p_memsz), (uint32_t)size);
		put32(ph + offsetof(Elf32_Phdr, p_flags), PF_R | PF_X);
		put32(ph + offsetof(Elf32_Phdr, p_align), 0x1000);
	}
	return size;
}

static long long execs_of(const struct xc_arch *a)
{
	int err;
	char *v = xc_sysfs_read(SF_ARCH_EXECS, a->name, &err);
	long long n = v ? strtoll(v, NULL, 10) : -1;

	free(v);
	return n;
}

/* The places a probe may be written, in order; a noexec mount sends it on to the next. */
static const char *probe_base(size_t i)
{
	switch (i) {
	case 0: return getenv("TMPDIR");
	case 1: return "/tmp";
	case 2: return "/var/tmp";
	case 3: return "/dev/shm";
	case 4: return "/run";
	default: return NULL;
	}
}
#define PROBE_BASES 5

/* Write the probe into a fresh directory under base; its path (the directory in *dirp), or NULL. */
static char *write_probe(const char *base, const uint8_t *img, size_t size, char **dirp, int *err)
{
	char *dir = xc_asprintf("%s/xarchctl-probe.XXXXXX", base), *path;
	int fd;

	if (!mkdtemp(dir)) {
		*err = errno;
		free(dir);
		return NULL;
	}
	path = xc_path_join(dir, "probe");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (fd >= 0 && write(fd, img, size) == (ssize_t)size && close(fd) == 0) {
		*dirp = dir;
		return path;
	}
	*err = fd < 0 ? errno : EIO;
	if (fd >= 0)
		close(fd);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
	return NULL;
}

/* Run path; 0 when it ran (whatever its status), else the errno of its execve (ENOEXEC: no handler). */
static int run_probe(const char *path)
{
	int pfd[2], e = 0;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return errno;
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(pfd[0]);
		close(pfd[1]);
		return e;
	}
	if (pid == 0) {
		struct rlimit core = { 0, 0 };
		char *argv[] = { (char *)path, NULL };
		char *envp[] = { NULL };
		int null = open("/dev/null", O_RDWR);

		setrlimit(RLIMIT_CORE, &core);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execve(path, argv, envp);
		e = errno;
		if (write(pfd[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	if (read(pfd[0], &e, sizeof(e)) != sizeof(e))
		e = 0;	/* the pipe closed on a successful execve */
	close(pfd[0]);
	/* The program exits at once; an emulator that hangs is killed after 10 s. */
	for (int i = 0; i < 1000; i++) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };

		if (waitpid(pid, NULL, WNOHANG) == pid)
			return e;
		nanosleep(&ts, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return e;
}

enum xc_runner xc_misc_probe(const struct xc_arch *a, int *err)
{
	uint8_t img[256];
	size_t size = probe_image(a, img, sizeof(img));

	*err = 0;
	if (!size) {
		*err = ENOSYS;
		return XC_RUN_UNKNOWN;
	}
	*err = ENOENT;
	for (size_t i = 0; i < PROBE_BASES; i++) {
		const char *base = probe_base(i);
		long long before, after;
		char *dir = NULL, *path;
		int e;

		if (!base || !*base || !(path = write_probe(base, img, size, &dir, err)))
			continue;
		before = execs_of(a);
		e = run_probe(path);
		after = execs_of(a);
		unlink(path);
		rmdir(dir);
		free(path);
		free(dir);
		if (e == EACCES || e == EPERM) {
			*err = e;	/* a noexec mount: try the next place */
			continue;
		}
		if (e) {
			*err = e;
			return XC_RUN_NONE;
		}
		*err = 0;
		/* Another exec of this arch at the same moment could move the counter too: it only errs
		 * towards naming binfmt_xarch. */
		return before >= 0 && after > before ? XC_RUN_XARCH : XC_RUN_OTHER;
	}
	return XC_RUN_UNKNOWN;	/* nowhere to write and run it */
}
