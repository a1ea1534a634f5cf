// SPDX-License-Identifier: GPL-2.0-only
/* t_proc — the guest's identity through /proc: exe (readlink, open, realpath, /proc/<pid>/,
 * /proc/thread-self/), cmdline, auxv, maps, cpuinfo. Prints facts the runner asserts on. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static ssize_t slurp(const char *p, char *buf, size_t len)
{
	int fd = open(p, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = 0, r;
	while ((r = read(fd, buf + n, len - 1 - (size_t)n)) > 0)
		n += r;
	close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return n;
}

int main(int argc, char **argv)
{
	char b[PATH_MAX], p[64];
	ssize_t n = readlink("/proc/self/exe", b, sizeof(b) - 1);
	b[n < 0 ? 0 : n] = 0;
	printf("exe=%s\n", b);
	snprintf(p, sizeof(p), "/proc/%d/exe", getpid());
	n = readlink(p, b, sizeof(b) - 1);
	b[n < 0 ? 0 : n] = 0;
	printf("pidexe=%s\n", b);
	n = readlink("/proc/thread-self/exe", b, sizeof(b) - 1);
	b[n < 0 ? 0 : n] = 0;
	printf("threadexe=%s\n", b);
	char *rp = realpath("/proc/self/exe", NULL);
	printf("realpath=%s\n", rp ? rp : "(null)");
	free(rp);
	/* open: must be our own AArch64 ELF */
	int fd = open("/proc/self/exe", O_RDONLY);
	Elf64_Ehdr eh;
	printf("exe_elf_machine=%d\n", fd >= 0 && read(fd, &eh, sizeof(eh)) == sizeof(eh) ? eh.e_machine : -1);
	close(fd);
	/* cmdline */
	static char big[1 << 16];
	n = slurp("/proc/self/cmdline", big, sizeof(big));
	int ok = 1;
	char *c = big;
	for (int i = 0; i < argc; i++) {
		if (c >= big + n || strcmp(c, argv[i]))
			ok = 0;
		c += strlen(c) + 1;
	}
	printf("cmdline_matches_argv=%d\n", ok && c == big + n);
	printf("argv0=%s\n", argv[0]);
	/* auxv */
	n = slurp("/proc/self/auxv", big, sizeof(big));
	unsigned long pg = 0;
	for (unsigned long *a = (unsigned long *)big; (char *)a < big + n && a[0]; a += 2)
		if (a[0] == AT_PAGESZ)
			pg = a[1];
	printf("auxv_pagesz=%lu\n", pg);
	/* maps: the main program's text must be listed, and the emulator must not be */
	n = slurp("/proc/self/maps", big, sizeof(big));
	unsigned long self = (unsigned long)&main;
	int found = 0, emu = 0;
	for (char *line = big; line && *line;) {
		unsigned long s, e;
		if (sscanf(line, "%lx-%lx", &s, &e) == 2 && self >= s && self < e && strstr(line, " r-x"))
			found = 1;
		if (strstr(line, "xarch-aarch64") || strstr(line, "qemu-aarch64"))
			emu = 1;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	printf("maps_has_main_text=%d\n", found);
	printf("maps_shows_emulator=%d\n", emu);
	/* vDSO */
	unsigned long vd = getauxval(AT_SYSINFO_EHDR);
	printf("vdso_elf=%d\n", vd && !memcmp((void *)vd, ELFMAG, SELFMAG) && ((Elf64_Ehdr *)vd)->e_machine == EM_AARCH64);
	/* cpuinfo */
	n = slurp("/proc/cpuinfo", big, sizeof(big));
	char *f = strstr(big, "Features");
	printf("cpuinfo_features=%d\n", f != NULL);
	if (f) {
		char *nl = strchr(f, '\n');
		if (nl)
			*nl = 0;
		printf("cpuinfo_fp=%d asimd=%d\n", strstr(f, " fp") != NULL, strstr(f, "asimd") != NULL);
	}
	return 0;
}
