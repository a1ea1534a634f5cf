// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_procat — the guest's own /proc files reached by relative and dirfd paths, and
 * /proc/self/stat, comm and status as ps would read them (tests/abi/run).
 * Prints "name=value" lines; the expected values are what the guest knows about itself
 * (its exe path is argv[1], given by the runner; its own addresses, argv, environ).
 *   t_procat EXE execrel|execat   execve("exe") from the cwd /proc/self, execveat(fd of
 *                                 /proc/self, "exe"): the program runs again ("reexeced=...")
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static char *slurp_at(int dfd, const char *path, size_t *len)
{
	static char buf[1 << 20];
	int fd = openat(dfd, path, O_RDONLY);
	size_t n = 0;
	ssize_t r;
	if (fd < 0)
		return NULL;
	while (n < sizeof(buf) - 1 && (r = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

static void link_at(const char *key, int dfd, const char *path)
{
	char b[4096];
	ssize_t n = readlinkat(dfd, path, b, sizeof(b) - 1);
	b[n > 0 ? n : 0] = 0;
	printf("%s=%s\n", key, n > 0 ? b : "(error)");
}

/* ps-like: comm between the first '(' and the last ')', then fields from 3 on. */
static int parse_stat(const char *s, char *comm, size_t clen, unsigned long long *f, int nf)
{
	const char *l = strchr(s, '('), *r = strrchr(s, ')');
	if (!l || !r || r < l)
		return -1;
	size_t n = (size_t)(r - l - 1);
	if (n >= clen)
		n = clen - 1;
	memcpy(comm, l + 1, n);
	comm[n] = 0;
	const char *p = r + 1;
	int i = 3;
	while (*p && i < nf) {
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			break;
		char *e;
		f[i] = strtoull(p, &e, 10);
		if (e == p)	/* the state letter */
			e = (char *)p + 1;
		p = e;
		i++;
	}
	return i;
}

static void on_usr1(int s) { (void)s; }

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	const char *exe = argv[1];
	if (argc > 2 && !strcmp(argv[2], "reexeced")) {
		printf("reexeced=%s\n", argc > 3 ? argv[3] : "?");
		return 0;
	}
	if (argc > 2 && !strcmp(argv[2], "execrel")) {	/* execve("exe") with the cwd /proc/self */
		char *v[] = { argv[0], argv[1], "reexeced", "cwd", NULL };
		if (chdir("/proc/self") == 0)
			execv("exe", v);
		return 1;
	}
	if (argc > 2 && !strcmp(argv[2], "execat")) {	/* execveat(fd of /proc/self, "exe") */
		char *v[] = { argv[0], argv[1], "reexeced", "dirfd", NULL };
		int d = open("/proc/self", O_RDONLY | O_DIRECTORY);
		execveat(d, "exe", v, environ, 0);
		return 1;
	}
	char want_comm[16];
	snprintf(want_comm, sizeof(want_comm), "%s", basename(strdup(exe)));
	struct stat sexe, st;
	stat(exe, &sexe);

	/* dirfd of /proc/self */
	int self = open("/proc/self", O_RDONLY | O_DIRECTORY);
	link_at("at_self_exe", self, "exe");
	char *m = slurp_at(self, "maps", NULL);
	printf("at_self_maps_has_exe=%d at_self_maps_shows_emulator=%d\n", m && strstr(m, exe) != NULL,
	       m && strstr(m, "xarch-aarch64") != NULL);
	size_t n;
	char *c = slurp_at(self, "cmdline", &n);
	size_t want = 0;
	int same = c != NULL;
	for (int i = 0; i < argc && same; i++) {
		size_t l = strlen(argv[i]) + 1;
		same = want + l <= n && !memcmp(c + want, argv[i], l);
		want += l;
	}
	printf("at_self_cmdline_is_argv=%d\n", same && n == want);
	Elf64_auxv_t *av = (Elf64_auxv_t *)slurp_at(self, "auxv", &n);
	int pagesz = 0, ehdr_ok = 0;
	for (size_t i = 0; av && (i + 1) * sizeof(*av) <= n && av[i].a_type != AT_NULL; i++) {
		if (av[i].a_type == AT_PAGESZ)
			pagesz = (int)av[i].a_un.a_val;
		if (av[i].a_type == AT_SYSINFO_EHDR)
			ehdr_ok = av[i].a_un.a_val == getauxval(AT_SYSINFO_EHDR);
	}
	printf("at_self_auxv_pagesz=%d at_self_auxv_vdso_ok=%d\n", pagesz, ehdr_ok);
	printf("at_self_fstatat_exe_is_guest=%d\n",
	       fstatat(self, "exe", &st, 0) == 0 && st.st_ino == sexe.st_ino && st.st_dev == sexe.st_dev);
	printf("at_self_faccessat_exe=%d\n", faccessat(self, "exe", R_OK, 0) == 0);

	/* dirfd of /proc */
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY);
	link_at("at_proc_self_exe", procfd, "self/exe");
	link_at("at_proc_thread_self_exe", procfd, "thread-self/exe");
	link_at("at_proc_dot_exe", procfd, "./self/../self/exe");
	char *ci = slurp_at(procfd, "cpuinfo", NULL);
	printf("at_proc_cpuinfo_features=%d\n", ci && strstr(ci, "Features\t:") != NULL);

	/* dirfd of /proc/self/task/<tid> */
	char tpath[64];
	snprintf(tpath, sizeof(tpath), "/proc/self/task/%d", gettid());
	int task = open(tpath, O_RDONLY | O_DIRECTORY);
	link_at("at_task_exe", task, "exe");

	/* /proc/self/stat, ps-like */
	signal(SIGUSR1, on_usr1);
	signal(SIGURG, SIG_IGN);
	sigset_t bl;
	sigemptyset(&bl);
	sigaddset(&bl, SIGUSR2);
	sigaddset(&bl, SIGSEGV);
	sigprocmask(SIG_BLOCK, &bl, NULL);
	unsigned long long f[64] = { 0 };
	char comm[64];
	char *s = slurp_at(AT_FDCWD, "/proc/self/stat", NULL);
	int nf = s ? parse_stat(s, comm, sizeof(comm), f, 64) : -1;
	printf("stat_fields=%d\n", nf - 1);
	printf("stat_comm=%s\n", nf > 0 ? comm : "(error)");
	printf("stat_comm_is_guest=%d\n", nf > 0 && !strcmp(comm, want_comm));
	uintptr_t mainp = (uintptr_t)main;
	printf("stat_code_has_main=%d\n", f[26] <= mainp && mainp < f[27]);
	printf("stat_startstack_is_argc=%d\n", f[28] + 8 == (uintptr_t)argv);
	printf("stat_args=%d\n", f[48] == (uintptr_t)argv[0] && f[49] == (uintptr_t)argv[argc - 1] + strlen(argv[argc - 1]) + 1);
	printf("stat_env=%d\n", !environ[0] || (f[50] == (uintptr_t)environ[0] && f[51] > f[50]));
	printf("stat_brk=%d\n", f[47] && f[47] <= (uintptr_t)sbrk(0) && f[47] >= f[46]);
	printf("stat_blocked=%d\n", (f[32] & ((1ull << (SIGUSR2 - 1)) | (1ull << (SIGSEGV - 1)))) ==
				     ((1ull << (SIGUSR2 - 1)) | (1ull << (SIGSEGV - 1))));
	printf("stat_sigcatch=%d\n", (f[34] >> (SIGUSR1 - 1) & 1) && !(f[34] >> (SIGSEGV - 1) & 1) &&
				     !(f[34] >> (SIGBUS - 1) & 1));
	printf("stat_sigignore=%d\n", (int)(f[33] >> (SIGURG - 1) & 1));
	sigprocmask(SIG_UNBLOCK, &bl, NULL);
	/* the same file by other names */
	char *s2 = slurp_at(self, "stat", NULL);
	nf = s2 ? parse_stat(s2, comm, sizeof(comm), f, 64) : -1;
	printf("at_self_stat_code_has_main=%d\n", nf > 0 && f[26] <= mainp && mainp < f[27]);
	char pp[64];
	snprintf(pp, sizeof(pp), "/proc/%d/stat", getpid());
	s2 = slurp_at(AT_FDCWD, pp, NULL);
	nf = s2 ? parse_stat(s2, comm, sizeof(comm), f, 64) : -1;
	printf("pid_stat_code_has_main=%d\n", nf > 0 && f[26] <= mainp && mainp < f[27]);
	s2 = slurp_at(AT_FDCWD, "/proc/thread-self/stat", NULL);
	nf = s2 ? parse_stat(s2, comm, sizeof(comm), f, 64) : -1;
	printf("thread_self_stat_comm_is_guest=%d code_has_main=%d\n", nf > 0 && !strcmp(comm, want_comm),
	       nf > 0 && f[26] <= mainp && mainp < f[27]);
	char *cm = slurp_at(AT_FDCWD, "/proc/self/comm", NULL);
	printf("comm_is_guest=%d\n", cm && !strncmp(cm, want_comm, strlen(want_comm)) && cm[strlen(want_comm)] == '\n');
	char *stx = slurp_at(AT_FDCWD, "/proc/self/status", NULL);
	char nm[64] = "";
	char *np = stx ? strstr(stx, "Name:\t") : NULL;
	if (np)
		sscanf(np + 6, "%63[^\n]", nm);
	printf("status_name_is_guest=%d\n", !strcmp(nm, want_comm));

	/* relative to the cwd */
	if (chdir("/proc/self") == 0) {
		link_at("cwd_exe", AT_FDCWD, "exe");
		link_at("cwd_dot_exe", AT_FDCWD, "./exe");
		m = slurp_at(AT_FDCWD, "maps", NULL);
		printf("cwd_maps_has_exe=%d cwd_maps_shows_emulator=%d\n", m && strstr(m, exe) != NULL,
		       m && strstr(m, "xarch-aarch64") != NULL);
		printf("cwd_stat_exe_is_guest=%d\n", stat("exe", &st) == 0 && st.st_ino == sexe.st_ino);
	}
	if (chdir("/proc") == 0)
		link_at("cwd_proc_self_exe", AT_FDCWD, "self/exe");
	return 0;
}
