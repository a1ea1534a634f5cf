// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c — the emulator's entry (xarch-<guest>, named by guest.emu_name): options, the kernel module's invocation convention, start-up.
 *
 *   binfmt_xarch:   xarch-GUEST   [-L sysroot] -- path argv0 args...  (AT_EXECFD; AT_FLAGS bit 0)
 *   binfmt_misc O:  xarch-GUEST   path [argv0] args...                (AT_EXECFD; argv0 with P)
 *   stand-alone:    xarch-GUEST   [-L sysroot] [-0 argv0] [--strace] [-d] prog args...
 *
 * When the kernel started us (AT_EXECFD), path is the caller's choice and may look like an
 * option, so those layouts are matched exactly and never parsed for options. Under AT_SECURE
 * (a set-uid guest) no option or XARCH_* variable is read at all, and the module's sysroot is
 * used only when nobody but root can change it (secure.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "gdbstub.h"
#include "loader.h"
#include "path.h"
#include "secure.h"
#include "syscall.h"

struct proc proc;

void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", guest.emu_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(127);
}

static const char *gdb_spec;	/* -g / XARCH_GDB: debug the program (gdbstub.c) */
static const char *cpu_name;	/* -cpu / XARCH_CPU: the CPU model (guest.cpu_model) */

static void usage(FILE *f)
{
	fprintf(f, "usage: %s [-L SYSROOT] [-0 ARGV0] [--strace] [-e trace=NAMES] [-d] [-g PORT|PATH] [-cpu MODEL]\n"
	      "       PROGRAM [ARGS...]\n"
	      "Runs an %s Linux program on this machine.\n"
	      "  -L SYSROOT   look up absolute paths (and the ELF interpreter) under SYSROOT first\n"
	      "               (default: $XARCH_SYSROOT, ignored for set-uid programs)\n"
	      "  -0 ARGV0     argv[0] for the program (default: PROGRAM)\n"
	      "  --strace     print each guest system call on stderr\n"
	      "  -e trace=NAME[,NAME...]  --strace for those system calls only\n"
	      "  -g PORT|PATH wait for GDB on TCP 127.0.0.1:PORT (or the Unix socket PATH) before the\n"
	      "               first instruction (also $XARCH_GDB, which programs the module starts see)\n"
	      "  -cpu MODEL   the CPU the program runs on (also $XARCH_CPU; -cpu help lists them)\n"
	      "  -d           also report the system calls and instructions programs probe on purpose\n"
	      "               (unimplemented ones are reported once each in any case)\n"
	      "Environment (ignored for set-uid programs): XARCH_SYSROOT, XARCH_STRACE=1, XARCH_DEBUG=1,\n"
	      "  XARCH_GDB=PORT|PATH, XARCH_CPU=MODEL,\n"
	      "  XARCH_JIT=off|eager|N  interpreter only, translate every block, or translate blocks to\n"
	      "               host code after N runs (1..255; default 16)\n"
	      "  XARCH_JIT_REGS=N  AArch64 JIT: at most N (0..6, default 6) guest registers in host\n"
	      "               registers per block (0: all in memory)\n",
	      guest.emu_name, guest.arch_name);
}

/* getauxval() cannot tell "absent" from 0 without errno. */
static int aux_get(unsigned long type, unsigned long *val)
{
	errno = 0;
	*val = getauxval(type);
	return !(*val == 0 && errno == ENOENT);
}

static void save_cmdline(int argc, char **argv)
{
	size_t len = 0;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	proc.cmdline = malloc(len ? len : 1);
	if (!proc.cmdline)
		die("out of memory");
	char *p = proc.cmdline;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;
		memcpy(p, argv[i], n);
		p += n;
	}
	proc.cmdline_len = len;
}

static void set_exe(const char *path)
{
	/* An absolute path for /proc/self/exe, without resolving symlinks of the file itself
	 * beyond what the kernel would (the kernel reports the final file). */
	char *r = realpath(path, NULL);
	if (r) {
		snprintf(proc.exe, sizeof(proc.exe), "%s", r);
		free(r);
	} else if (path[0] == '/') {
		snprintf(proc.exe, sizeof(proc.exe), "%s", path);
	} else {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof(cwd)))
			cwd[0] = 0;
		snprintf(proc.exe, sizeof(proc.exe), "%s/%s", cwd, path);
	}
}

/*
 * Other processes (ps, pgrep -f) read our /proc/<pid>/cmdline from the host's argv area: put
 * the guest's argv there when it fits (it is a suffix of ours unless -0 made argv[0] longer),
 * zero-padded like setproctitle does. Nothing of ours points into that area any more.
 */
static void show_guest_cmdline(int argc, char **argv)
{
	char *start = argv[0];
	char *end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
	for (int i = 0; i < argc; i++)	/* only a contiguous area, as the kernel laid it out */
		if (argv[i] < start || argv[i] >= end)
			return;
	size_t avail = (size_t)(end - start);
	if (proc.cmdline_len > avail || !proc.cmdline_len)
		return;
	memmove(start, proc.cmdline, proc.cmdline_len);
	memset(start + proc.cmdline_len, 0, avail - proc.cmdline_len);
}

/*
 * Stand-alone options, up to the program's name (or "--"). Returns the index of the program, or
 * minus the exit status when we are done (-h, a bad option).
 */
static int parse_options(int argc, char **argv, const char **sysroot, const char **argv0)
{
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		const char *o = argv[i];
		if (!strcmp(o, "--")) {
			i++;
			break;
		} else if (!strcmp(o, "-L") && i + 1 < argc) {
			*sysroot = argv[i + 1];
			i += 2;
		} else if (!strcmp(o, "-0") && i + 1 < argc) {
			*argv0 = argv[i + 1];
			i += 2;
		} else if (!strcmp(o, "--strace")) {
			proc.strace = 1;
			i++;
		} else if (!strcmp(o, "-e") && i + 1 < argc) {
			if (strace_set_filter(argv[i + 1]) < 0)
				return -127;
			proc.strace = 1;
			i += 2;
		} else if (!strcmp(o, "-g") && i + 1 < argc) {
			gdb_spec = strdup(argv[i + 1]);	/* argv is rewritten for ps later */
			i += 2;
		} else if (!strcmp(o, "-cpu") && i + 1 < argc) {
			cpu_name = strdup(argv[i + 1]);	/* argv is rewritten for ps later */
			if (!cpu_name)
				die("out of memory");
			if (!strcmp(cpu_name, "help")) {
				printf("%s\n", guest.cpu_models ? guest.cpu_models : "(the default CPU only)");
				return 0;
			}
			i += 2;
		} else if (!strcmp(o, "-d")) {
			proc.debug = 1;
			i++;
		} else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "%s: unknown option %s\n", guest.emu_name, o);
			usage(stderr);
			return -127;
		}
	}
	return i;
}

/* The CPU model: the guest's default, or NAME (-cpu, XARCH_CPU) when the guest has it. */
static void select_cpu(const char *name)
{
	proc.uname_machine = guest.uname_machine;
	proc.platform = guest.platform;
	if (!name)
		return;
	if (!guest.cpu_model || guest.cpu_model(name, &proc.uname_machine, &proc.platform) < 0)
		die("-cpu %s: not a CPU model of %s (%s)", name, guest.emu_name,
		    guest.cpu_models ? guest.cpu_models : "it has the default CPU only");
	proc.cpu_model = name;
}

/*
 * Started by the kernel: binfmt_xarch's exact layout, [emu, ("-L", SYSROOT)?, "--", PATH, ...],
 * or else binfmt_misc's, [emu, PATH, ...], with nothing parsed as an option. Returns the index
 * of PATH. A binfmt_misc exec of a program named "--" or "-L" could be taken for ours; that
 * gains nothing under AT_SECURE, where the sysroot must pass the trust checks anyway.
 */
static int kernel_argv(int argc, char **argv, const char **sysroot)
{
	if (argc >= 3 && !strcmp(argv[1], "--"))
		return 2;
	if (argc >= 5 && !strcmp(argv[1], "-L") && !strcmp(argv[3], "--")) {
		*sysroot = argv[2];
		return 4;
	}
	return 1;
}

/*
 * The module's sysroot is a path in the guest's own view (its mount namespace and root): where
 * it does not exist, as in a chroot into a foreign root, the guest runs without one. For a
 * set-uid guest it must be a directory nobody but root can change, or we refuse to run.
 */
static void use_sysroot(const char *sysroot, int from_module, const char *prog)
{
	char why[PATH_MAX + 64];
	int r = path_set_sysroot(sysroot);
	if (r == -ENOENT && from_module) {
		if (proc.debug)
			fprintf(stderr, "%s: the sysroot %s does not exist here; running without it\n", guest.emu_name,
				sysroot);
		return;
	}
	if (r < 0)
		die("sysroot %s: %s", sysroot, strerror(-r));
	if (proc.sysroot && secure_check_dir(proc.sysroot, why, sizeof(why)) < 0)
		die("refusing to run the set-uid program %s: its sysroot %s is not safe (%s)", prog,
		    proc.sysroot, why);
}

int main(int argc, char **argv, char **envp)
{
	unsigned long execfd = 0, atflags = 0, secure = 0;
	int have_execfd = aux_get(AT_EXECFD, &execfd);
	aux_get(AT_FLAGS, &atflags);
	aux_get(AT_SECURE, &secure);
	proc.secure = secure != 0;

	const char *sysroot = NULL, *argv0 = NULL;
	int i = 1, module_sysroot = 0;
	if (have_execfd) {
		i = kernel_argv(argc, argv, &sysroot);
		module_sysroot = sysroot != NULL;
	} else if (proc.secure) {
		/* set-uid or with file capabilities itself: anyone could run any code with them */
		die("refusing to run with AT_SECURE set outside the kernel module: the emulator must not "
		    "be installed set-uid or with file capabilities");
	} else {
		int r = parse_options(argc, argv, &sysroot, &argv0);
		if (r <= 0)
			return -r;
		i = r;
	}
	if (i >= argc) {
		usage(stderr);
		return 127;
	}
	if (!proc.secure) {
		const char *e;
		if (!sysroot && (e = getenv("XARCH_SYSROOT")) && *e)
			sysroot = e;
		if ((e = getenv("XARCH_STRACE")) && *e == '1')
			proc.strace = 1;
		if (!gdb_spec && (e = getenv("XARCH_GDB")) && *e)
			gdb_spec = strdup(e);
		/* Debug this program only: its children (guest programs it runs) would wait on the
		 * same port, which they cannot have. The program does not see the variable. */
		for (char **r = envp, **w = envp;; r++)
			if (!*r || strncmp(*r, "XARCH_GDB=", 10))
				if (!(*w++ = *r))
					break;
		if (!cpu_name && (e = getenv("XARCH_CPU")) && *e)
			cpu_name = strdup(e);
		if ((e = getenv("XARCH_DEBUG")) && *e == '1')
			proc.debug = 1;
		if ((e = getenv("XARCH_JIT")) && *e) {
			char *end;
			long n = strtol(e, &end, 10);
			if (!strcmp(e, "off"))
				cpu_set_jit(-1);
			else if (!strcmp(e, "eager"))
				cpu_set_jit(0);
			else if (!*end && n > 0 && n <= 255)
				cpu_set_jit((int)n);
			else
				die("XARCH_JIT=%s: expected off, eager or a number from 1 to 255", e);
		}
	}
	if (sysroot)
		use_sysroot(sysroot, module_sysroot, argv[i]);
	select_cpu(cpu_name);

	const char *path = argv[i];
	char **gargv;
	int gargc;
	int fd;
	if (have_execfd) {
		/* Started by the kernel (binfmt_xarch or binfmt_misc with O): the program is the fd. */
		proc.module_mode = 1;
		fd = (int)execfd;
		if (atflags & 1) {	/* argv[0] preserved: path, argv0, args */
			if (i + 1 >= argc)
				die("AT_FLAGS asks to preserve argv[0] but none was given");
			gargv = &argv[i + 1];
			gargc = argc - i - 1;
		} else {
			gargv = &argv[i];
			gargc = argc - i;
		}
		if (argv0) {
			gargv[0] = (char *)argv0;
		}
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	} else {
		char buf[PATH_HOST_MAX];
		const char *h = path_host_follow(path, buf, sizeof(buf));
		fd = open(h, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;
			fprintf(stderr, "%s: %s: %s", guest.emu_name, path, strerror(e));
			if (proc.sysroot && path[0] == '/')
				fprintf(stderr, " (looked in sysroot %s and on the host)", proc.sysroot);
			fputc('\n', stderr);
			return e == ENOENT ? 127 : 126;
		}
		path = h;
		gargv = &argv[i];
		gargc = argc - i;
		if (argv0)
			gargv[0] = (char *)argv0;
		/* A #! script given to us directly: run it as execve would. */
		char magic[2];
		if (pread(fd, magic, 2, 0) == 2 && magic[0] == '#' && magic[1] == '!') {
			char hp[PATH_HOST_MAX];
			snprintf(hp, sizeof(hp), "%s", h);
			long r = exec_program(argv[i], hp, gargv, envp);
			fprintf(stderr, "%s: %s: %s\n", guest.emu_name, argv[i], strerror((int)-r));
			return 126;
		}
	}
	set_exe(have_execfd ? argv[i] : path);
	save_cmdline(gargc, gargv);

	signal_init();
	mmap_init(loader_stack_reserve());
	if (guest.vdso_init)
		guest.vdso_init();
	struct gthread *t = thread_new();
	t->is_main = 1;
	struct load_result lr;
	loader_load(fd, argv[i], gargc, gargv, envp, &lr);
	close(fd);	/* AT_EXECFD included: the guest must not inherit it */
	if (!proc.module_mode) {
		/* comm as the kernel would set it for the guest file (not "exe" after a re-exec) */
		const char *b = strrchr(argv[i], '/');
		prctl(PR_SET_NAME, b ? b + 1 : argv[i], 0, 0, 0);
	}

	show_guest_cmdline(argc, argv);

	guest.start(t->cpu, lr.entry, lr.sp);
	if (gdb_spec)
		gdb_start(gdb_spec);	/* waits for GDB: the program stops before its first instruction */
	thread_loop(t);
}
