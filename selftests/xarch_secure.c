// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch security: what a caller controls (the path a program is
 * executed by, its argv, a tree it can write) must never change what code
 * the emulator runs, least of all for a set-uid foreign program; the kernel
 * log cannot be forged or flooded; a running foreign program cannot be
 * written to.  Uses the real emulator (/usr/lib/xarch/xarch-aarch64) and the
 * AArch64 guests in /guest.
 */
#include <grp.h>
#include <sys/prctl.h>
#include <time.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define EMU "/usr/lib/xarch/xarch-aarch64"
#define HELLO "/guest/hello-static"
#define IDS_DYNAMIC "/guest/ids-dynamic"
#define GLIBC "/usr/aarch64-linux-gnu"
#define NOBODY 65534

static int need_emulator(void)
{
	return access(EMU, X_OK) || access(HELLO, R_OK) ||
	       access(IDS_DYNAMIC, R_OK) ? -ENOENT : 0;
}

static int as_nobody(void *arg)
{
	const char *dir = arg;

	if (dir && chdir(dir))
		return errno;
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
		return errno;
	return 0;
}

static int enter_dir(void *arg)
{
	return chdir(arg) ? errno : 0;
}

/*
 * Guests executed by a name that the emulator used to read as one of its
 * options.  Each must simply run, with its own argv[0].
 */
FIXTURE(optname) {
	char dir[64];
	struct xrun *r;
};

FIXTURE_VARIANT(optname) {
	const char *name;
};

FIXTURE_VARIANT_ADD(optname, L) { .name = "-L" };
FIXTURE_VARIANT_ADD(optname, strace) { .name = "--strace" };
FIXTURE_VARIANT_ADD(optname, zero) { .name = "-0" };
FIXTURE_VARIANT_ADD(optname, help) { .name = "-h" };
FIXTURE_VARIANT_ADD(optname, debug) { .name = "-d" };
FIXTURE_VARIANT_ADD(optname, dashdash) { .name = "--" };
FIXTURE_VARIANT_ADD(optname, help_long) { .name = "--help" };

FIXTURE_SETUP(optname)
{
	char link[128];

	ASSERT_EQ(0, need_emulator()) TH_LOG("%s and %s are needed", EMU, HELLO);
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xs_set_emulator("aarch64", EMU));
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "optname"));
	snprintf(link, sizeof(link), "%s/%s", self->dir, variant->name);
	ASSERT_EQ(0, symlink(HELLO, link));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(optname)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

/* Executed by its bare relative name, the way the attack used it. */
TEST_F(optname, runs_as_itself)
{
	char *argv[] = { "/tmp/not-a-sysroot", "--strace", NULL };
	struct xrun *r = self->r;

	ASSERT_EQ(0, xrun(r, variant->name, argv, enter_dir, self->dir));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("hello from aarch64 (argv[0]=/tmp/not-a-sysroot, argv[1]=--strace)\n",
		     r->out) TH_LOG("executed as '%s'", variant->name);
	EXPECT_TRUE(WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0);
}

/* The same as nobody, with a default sysroot in place. */
TEST_F(optname, runs_as_itself_with_sysroot)
{
	char *argv[] = { "a0", NULL };
	struct xrun *r = self->r;

	ASSERT_EQ(0, xs_write("default_sysroot", GLIBC));
	ASSERT_EQ(0, xrun(r, variant->name, argv, as_nobody, self->dir));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("hello from aarch64 (argv[0]=a0)\n", r->out)
		TH_LOG("executed as '%s'", variant->name);
}

/*
 * A set-uid-root dynamic guest, run by nobody with credentials on.  The
 * sysroot it gets is either safe (root's) or one that nobody can write;
 * from the latter it must never load code as root.
 */
FIXTURE(setuid) {
	char dir[64];
	char guest[128];
	char root[128];
	struct xrun *r;
};

FIXTURE_VARIANT(setuid) {
	uid_t root_owner;	/* owner of the sysroot directory tree */
	uid_t lib_owner;	/* owner of its libc.so.6 */
	int setuid_bit;
	int expect_root;	/* runs, with euid 0 */
	int expect_refused;	/* refused, with a message naming the cause */
	const char *message;
};

FIXTURE_VARIANT_ADD(setuid, root_owned_sysroot) {
	.root_owner = 0, .lib_owner = 0, .setuid_bit = 1, .expect_root = 1,
};
FIXTURE_VARIANT_ADD(setuid, sysroot_owned_by_caller) {
	.root_owner = NOBODY, .lib_owner = NOBODY, .setuid_bit = 1,
	.expect_refused = 1, .message = "is owned by uid 65534",
};
FIXTURE_VARIANT_ADD(setuid, library_owned_by_caller) {
	.root_owner = 0, .lib_owner = NOBODY, .setuid_bit = 1,
	.expect_refused = 1,
	.message = "refusing to load a file as code for a set-uid program",
};
FIXTURE_VARIANT_ADD(setuid, not_setuid_caller_sysroot) {
	.root_owner = NOBODY, .lib_owner = NOBODY, .setuid_bit = 0,
};

static int copy_into(const char *dir, const char *name, uid_t owner)
{
	char src[256], dst[256];
	int ret;

	snprintf(src, sizeof(src), "%s/lib/%s", GLIBC, name);
	snprintf(dst, sizeof(dst), "%s/lib/%s", dir, name);
	ret = xcopy(src, dst, 0755);
	if (!ret && chown(dst, owner, owner))
		ret = -errno;
	return ret;
}

FIXTURE_SETUP(setuid)
{
	char lib[160];

	ASSERT_EQ(0, need_emulator());
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "setuid"));
	snprintf(self->root, sizeof(self->root), "%s/root", self->dir);
	snprintf(lib, sizeof(lib), "%s/lib", self->root);
	ASSERT_EQ(0, mkdir(self->root, 0755));
	ASSERT_EQ(0, mkdir(lib, 0755));
	ASSERT_EQ(0, copy_into(self->root, "ld-linux-aarch64.so.1",
			       variant->root_owner));
	ASSERT_EQ(0, copy_into(self->root, "libc.so.6", variant->lib_owner));
	ASSERT_EQ(0, chown(self->root, variant->root_owner, variant->root_owner));
	ASSERT_EQ(0, chown(lib, variant->root_owner, variant->root_owner));

	snprintf(self->guest, sizeof(self->guest), "%s/ids", self->dir);
	ASSERT_EQ(0, xcopy(IDS_DYNAMIC, self->guest, 0755));
	ASSERT_EQ(0, chmod(self->guest, variant->setuid_bit ? 04755 : 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", EMU));
	ASSERT_EQ(0, xs_write("aarch64/credentials", "1"));
	ASSERT_EQ(0, xs_write("default_sysroot", self->root));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(setuid)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

TEST_F(setuid, code_only_from_trusted_trees)
{
	struct xrun *r = self->r;

	ASSERT_EQ(0, xrun(r, self->guest, (char *[]){ "ids", NULL },
			  as_nobody, NULL));
	EXPECT_EQ(0, r->exec_errno);
	if (variant->expect_root) {
		EXPECT_STREQ("0", xfield(r->out, "euid")) TH_LOG("%s", r->out);
		EXPECT_STREQ("65534", xfield(r->out, "uid"));
		EXPECT_STREQ("1", xfield(r->out, "at_secure"));
	} else if (variant->expect_refused) {
		/* never any line printed by the guest: none of its code ran */
		EXPECT_EQ(NULL, strstr(r->out, "IDS\n")) TH_LOG("%s", r->out);
		EXPECT_NE(NULL, strstr(r->out, variant->message))
			TH_LOG("%s", r->out);
		EXPECT_FALSE(WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0);
	} else {
		EXPECT_STREQ("65534", xfield(r->out, "euid")) TH_LOG("%s", r->out);
		EXPECT_STREQ("0", xfield(r->out, "at_secure"));
	}
}

/* XARCH_* variables are the caller's: a set-uid guest ignores them all. */
TEST(setuid_environment_ignored)
{
	char *env[] = { "XARCH_SYSROOT=/nonexistent", "XARCH_STRACE=1",
			"XARCH_DEBUG=1", "XARCH_JIT=bogus", NULL };
	char dir[64], guest[128], buf[4096];
	ssize_t n, len = 0;
	int out[2], st;
	pid_t pid;

	ASSERT_EQ(0, need_emulator());
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(dir, sizeof(dir), "setuid-env"));
	snprintf(guest, sizeof(guest), "%s/ids", dir);
	ASSERT_EQ(0, xcopy(IDS_DYNAMIC, guest, 0755));
	ASSERT_EQ(0, chmod(guest, 04755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", EMU));
	ASSERT_EQ(0, xs_write("aarch64/credentials", "1"));
	ASSERT_EQ(0, xs_write("default_sysroot", GLIBC));
	ASSERT_EQ(0, pipe(out));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		dup2(out[1], 1);
		dup2(out[1], 2);
		if (as_nobody(NULL))
			_exit(125);
		execve(guest, (char *[]){ "ids", NULL }, env);
		_exit(126);
	}
	close(out[1]);
	while ((n = read(out[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	buf[len] = '\0';
	close(out[0]);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	xs_reset();
	xrmtree(dir);
	EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) TH_LOG("%s", buf);
	EXPECT_STREQ("0", xfield(buf, "euid"));
	/* no strace lines, no complaint about XARCH_JIT */
	EXPECT_EQ(NULL, strstr(buf, "xarch-aarch64")) TH_LOG("%s", buf);
}

/*
 * The module's sysroot is a path in the guest's own view: in a chroot
 * where it does not exist, the guest runs without it.
 */
FIXTURE(chrooted) {
	char dir[64];
	struct xrun *r;
};

FIXTURE_SETUP(chrooted)
{
	char bin[128];

	ASSERT_EQ(0, need_emulator());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "chroot"));
	snprintf(bin, sizeof(bin), "%s/hello", self->dir);
	ASSERT_EQ(0, xcopy(HELLO, bin, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", EMU));
	ASSERT_EQ(0, xs_write("default_sysroot", GLIBC));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(chrooted)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

static int enter_chroot(void *arg)
{
	return chroot(arg) || chdir("/") ? errno : 0;
}

TEST_F(chrooted, missing_sysroot_is_ignored)
{
	struct xrun *r = self->r;

	ASSERT_EQ(0, xrun(r, "/hello", (char *[]){ "in-chroot", NULL },
			  enter_chroot, self->dir));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("hello from aarch64 (argv[0]=in-chroot)\n", r->out);
}

/*
 * The kernel log: a path cannot forge lines, and flooding refusals cannot
 * hide the first message about a new state.
 */
FIXTURE(klog) {
	char dir[64];
	struct xrun *r;
};

FIXTURE_SETUP(klog)
{
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "klog"));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(klog)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

/* True when a line of the log, past its "<N>[ time] " prefix, starts with @s. */
static int log_has_line(const char *log, const char *s)
{
	const char *p = log;

	while (p && *p) {
		const char *q = p;

		if (*q == '<')
			q = strchr(q, '>') ? strchr(q, '>') + 1 : q;
		if (*q == '[')
			q = strchr(q, ']') ? strchr(q, ']') + 2 : q;
		if (!strncmp(q, s, strlen(s)))
			return 1;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

TEST_F(klog, control_characters_escaped)
{
	char path[192], tag[32];
	struct xrun *r = self->r;
	char *log;

	snprintf(tag, sizeof(tag), "forged-%d", (int)getpid());
	snprintf(path, sizeof(path), "%s/x\nbinfmt_xarch: %s\ty\x1b[2J", self->dir, tag);
	ASSERT_EQ(0, xelf_write_arch(path, "aarch64", 0755));
	ASSERT_EQ(0, xs_write("aarch64/enabled", "0"));
	ASSERT_EQ(0, xrun(r, path, (char *[]){ "x", NULL }, as_nobody, NULL));
	EXPECT_EQ(ENOEXEC, r->exec_errno);

	log = xdmesg();
	ASSERT_NE(NULL, log);
	snprintf(path, sizeof(path), "binfmt_xarch: %s", tag);
	EXPECT_FALSE(log_has_line(log, path)) TH_LOG("a forged line reached the log");
	snprintf(path, sizeof(path), "x\\nbinfmt_xarch: %s\\ty\\e[2J (aarch64): not run", tag);
	EXPECT_NE(NULL, strstr(log, path)) TH_LOG("no escaped refusal in the log");
	EXPECT_EQ(NULL, strstr(log, "\x1b[2J"));
	free(log);
}

TEST_F(klog, flood_cannot_hide_first_message)
{
	char guest[128], riscv[128], want[256];
	struct xrun *r = self->r;
	char *log;
	int i;

	snprintf(guest, sizeof(guest), "%s/flood", self->dir);
	snprintf(riscv, sizeof(riscv), "%s/riscv-%d", self->dir, (int)getpid());
	ASSERT_EQ(0, xelf_write_arch(guest, "aarch64", 0755));
	ASSERT_EQ(0, xelf_write_arch(riscv, "riscv64", 0755));
	ASSERT_EQ(0, xs_write("aarch64/enabled", "0"));
	/* an unprivileged user exhausts any shared rate limit */
	for (i = 0; i < 40; i++) {
		ASSERT_EQ(0, xrun(r, guest, (char *[]){ "f", NULL }, as_nobody, NULL));
		ASSERT_EQ(ENOEXEC, r->exec_errno);
	}
	/* the administrator's own problem still shows */
	ASSERT_EQ(0, xs_write("riscv64/enabled", "0"));
	ASSERT_EQ(0, xrun_simple(r, riscv));
	EXPECT_EQ(ENOEXEC, r->exec_errno);
	log = xdmesg();
	ASSERT_NE(NULL, log);
	snprintf(want, sizeof(want), "%s (riscv64): not run: the architecture is disabled (uid 0)",
		 riscv);
	EXPECT_NE(NULL, strstr(log, want)) TH_LOG("missing: %s", want);
	free(log);
}

/*
 * A running foreign program cannot be written to (ETXTBSY), like a native
 * one, and can again once it has exited.
 */
FIXTURE(running) {
	char dir[64];
	char guest[128];
};

FIXTURE_SETUP(running)
{
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, access(EMU, X_OK));
	ASSERT_EQ(0, access("/srv/arm64root/bin/busybox", R_OK));
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "running"));
	snprintf(self->guest, sizeof(self->guest), "%s/bb", self->dir);
	ASSERT_EQ(0, xcopy("/srv/arm64root/bin/busybox", self->guest, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", EMU));
}

FIXTURE_TEARDOWN(running)
{
	xs_reset();
	xrmtree(self->dir);
}

/* Wait until @pid runs the emulator (its exec is complete). */
static int wait_exec_done(pid_t pid)
{
	char link[64], exe[PATH_MAX];
	ssize_t n;
	int i;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	for (i = 0; i < 500; i++) {
		n = readlink(link, exe, sizeof(exe) - 1);
		if (n > 0) {
			exe[n] = '\0';
			if (!strcmp(exe, EMU))
				return 0;
		}
		usleep(20000);
	}
	return -ETIMEDOUT;
}

TEST_F(running, write_denied_while_running)
{
	pid_t pid;
	int fd, st;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		execv(self->guest, (char *[]){ "sleep", "30", NULL });
		_exit(126);
	}
	ASSERT_EQ(0, wait_exec_done(pid));
	fd = open(self->guest, O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ETXTBSY, errno);
	if (fd >= 0)
		close(fd);
	/* a native program for comparison: its own file is protected too */
	fd = open("/proc/self/exe", O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ETXTBSY, errno);

	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	fd = open(self->guest, O_WRONLY);
	EXPECT_LE(0, fd) TH_LOG("still denied after exit: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* Two at once, and one exits: the other is still protected. */
TEST_F(running, protection_counts_each_process)
{
	pid_t a, b;
	int fd, st;

	a = fork();
	ASSERT_LE(0, a);
	if (!a) {
		execv(self->guest, (char *[]){ "sleep", "30", NULL });
		_exit(126);
	}
	b = fork();
	ASSERT_LE(0, b);
	if (!b) {
		execv(self->guest, (char *[]){ "sleep", "30", NULL });
		_exit(126);
	}
	ASSERT_EQ(0, wait_exec_done(a));
	ASSERT_EQ(0, wait_exec_done(b));
	kill(a, SIGKILL);
	ASSERT_EQ(a, waitpid(a, &st, 0));
	fd = open(self->guest, O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ETXTBSY, errno);
	if (fd >= 0)
		close(fd);
	kill(b, SIGKILL);
	ASSERT_EQ(b, waitpid(b, &st, 0));
	fd = open(self->guest, O_WRONLY);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
}

/*
 * An exec that fails after the module took it (here the emulator's own
 * program interpreter is missing) leaves nothing write-denied.
 */
TEST_F(running, failed_exec_leaves_file_writable)
{
	static const char interp[] = "/nonexistent/ld.so";
	unsigned char b[120 + sizeof(interp)] = { 0 };
	struct xrun *r = malloc(sizeof(*r));
	char emu[128];
	int fd;

	ASSERT_NE(NULL, r);
	/* an x86_64 ELF whose PT_INTERP does not exist */
	memcpy(b, ELFMAG, SELFMAG);
	b[EI_CLASS] = ELFCLASS64;
	b[EI_DATA] = ELFDATA2LSB;
	b[EI_VERSION] = EV_CURRENT;
	xput(b + 16, ET_EXEC, 2, 0);
	xput(b + 18, EM_X86_64, 2, 0);
	xput(b + 20, EV_CURRENT, 4, 0);
	xput(b + 24, 0x400000, 8, 0);
	xput(b + 32, 64, 8, 0);
	xput(b + 52, 64, 2, 0);
	xput(b + 54, 56, 2, 0);
	xput(b + 56, 1, 2, 0);
	xput(b + 64, PT_INTERP, 4, 0);
	xput(b + 64 + 8, 120, 8, 0);
	xput(b + 64 + 32, sizeof(interp), 8, 0);
	xput(b + 64 + 40, sizeof(interp), 8, 0);
	memcpy(b + 120, interp, sizeof(interp));
	snprintf(emu, sizeof(emu), "%s/emu", self->dir);
	fd = open(emu, O_WRONLY | O_CREAT | O_EXCL, 0755);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(b), write(fd, b, sizeof(b)));
	close(fd);
	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));

	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_EQ(ENOENT, r->exec_errno);
	fd = open(self->guest, O_WRONLY);
	EXPECT_LE(0, fd) TH_LOG("denied after the exec failed: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	free(r);
}

TEST_HARNESS_MAIN
