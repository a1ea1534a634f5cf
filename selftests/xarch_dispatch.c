// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: what the emulator is given (argv, AT_EXECFD, AT_FLAGS),
 * chroots, recursion, diagnostics and the life of the emulator file.
 */
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define QEMU "/usr/bin/qemu-aarch64-static"
#define HELLO_STATIC "/guest/hello-static"
#define HELLO_DYNAMIC "/guest/hello-dynamic"
#define ARM64ROOT "/srv/arm64root"
#define ARM64_SYSROOT "/usr/aarch64-linux-gnu"

FIXTURE(dispatch) {
	char dir[64];
	char guest[128];
	struct xrun *r;
};

FIXTURE_SETUP(dispatch)
{
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "dispatch"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", self->dir);
	ASSERT_EQ(0, xelf_write_arch(self->guest, "aarch64", 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(dispatch)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

/* [emulator, --, path, original argv0, argv1...], AT_FLAGS bit 0 set. */
TEST_F(dispatch, argv_layout)
{
	char *argv[] = { "custom-argv0", "one", "two words", "", NULL };
	struct xrun *r = self->r;

	ASSERT_EQ(0, xrun(r, self->guest, argv, NULL, NULL));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("7", xfield(r->out, "argc"));
	EXPECT_STREQ(xprobe_path(), xfield(r->out, "argv0"));
	EXPECT_STREQ("--", xfield(r->out, "argv1"));
	EXPECT_STREQ(self->guest, xfield(r->out, "argv2"));
	EXPECT_STREQ("custom-argv0", xfield(r->out, "argv3"));
	EXPECT_STREQ("one", xfield(r->out, "argv4"));
	EXPECT_STREQ("two words", xfield(r->out, "argv5"));
	EXPECT_STREQ("", xfield(r->out, "argv6"));
	EXPECT_EQ(1, atoi(xfield(r->out, "at_flags")) & 1);
	EXPECT_STREQ("0", xfield(r->out, "at_secure"));
}

/* A relative exec path is passed as given. */
TEST_F(dispatch, relative_path)
{
	struct xrun *r = self->r;

	ASSERT_EQ(0, chdir(self->dir));
	ASSERT_EQ(0, xrun(r, "./guest", (char *[]){ "g", NULL }, NULL, NULL));
	ASSERT_EQ(0, chdir("/"));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("./guest", xfield(r->out, "argv2"));
	EXPECT_STREQ("g", xfield(r->out, "argv3"));
}

/* A default sysroot adds "-L <sysroot>" right after the emulator, before "--". */
TEST_F(dispatch, argv_with_default_sysroot)
{
	char *argv[] = { "a0", "a1", NULL };
	struct xrun *r = self->r;
	char buf[256];

	ASSERT_EQ(0, xs_writef("default_sysroot", "%s\n", self->dir));
	ASSERT_LT(0, xs_read("default_sysroot", buf, sizeof(buf)));
	EXPECT_STREQ(self->dir, buf);
	ASSERT_EQ(0, xrun(r, self->guest, argv, NULL, NULL));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("7", xfield(r->out, "argc"));
	EXPECT_STREQ("-L", xfield(r->out, "argv1"));
	EXPECT_STREQ(self->dir, xfield(r->out, "argv2"));
	EXPECT_STREQ("--", xfield(r->out, "argv3"));
	EXPECT_STREQ(self->guest, xfield(r->out, "argv4"));
	EXPECT_STREQ("a0", xfield(r->out, "argv5"));
	EXPECT_STREQ("a1", xfield(r->out, "argv6"));

	ASSERT_EQ(0, xs_write("default_sysroot", "\n"));
	ASSERT_EQ(0, xrun(r, self->guest, argv, NULL, NULL));
	EXPECT_STREQ("5", xfield(r->out, "argc"));
}

/* The guest arrives open on AT_EXECFD, not close-on-exec. */
TEST_F(dispatch, execfd_is_the_guest)
{
	struct xrun *r = self->r;
	char hex[64];

	ASSERT_EQ(0, xrun_simple(r, self->guest));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_LE(0, atoi(xfield(r->out, "execfd")));
	EXPECT_STREQ("0", xfield(r->out, "execfd_cloexec"));
	EXPECT_STREQ("256", xfield(r->out, "guest_size"));
	ASSERT_EQ(0, xfile_head_hex(self->guest, 20, hex));
	EXPECT_STREQ(hex, xfield(r->out, "guest_head"));
}

static int become_nobody(void *arg)
{
	const char *path = arg;
	int fd;

	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("become_nobody: set ids");
		return errno;
	}
	/* The point of the test: the guest cannot be opened by its user. */
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		close(fd);
		fprintf(stderr, "become_nobody: %s is readable\n", path);
		return EEXIST;
	}
	if (errno != EACCES) {
		perror("become_nobody: open");
		return errno;
	}
	return 0;
}

/* Mode 0111: unreadable by its user, still runs through AT_EXECFD. */
TEST_F(dispatch, execute_only_guest)
{
	struct xrun *r = self->r;
	char hex[64];

	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xfile_head_hex(self->guest, 20, hex));
	ASSERT_EQ(0, chmod(self->guest, 0111));
	ASSERT_EQ(0, xrun(r, self->guest, (char *[]){ "x", NULL },
			  become_nobody, self->guest));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("65534", xfield(r->out, "euid"));
	EXPECT_STREQ(hex, xfield(r->out, "guest_head"));
	EXPECT_STREQ("256", xfield(r->out, "guest_size"));
}

static int enter_chroot(void *arg)
{
	if (chroot(arg) || chdir("/"))
		return errno;
	/* The emulator is not there. */
	if (access("/selftests/xarch-probe", F_OK) == 0)
		return EEXIST;
	return 0;
}

/* A chroot holding only the guest: the emulator opened at config runs. */
TEST_F(dispatch, chroot_without_emulator)
{
	char root[128], inside[160];
	struct xrun *r = self->r;

	snprintf(root, sizeof(root), "%s/root", self->dir);
	ASSERT_EQ(0, mkdir(root, 0755));
	snprintf(inside, sizeof(inside), "%s/guest", root);
	ASSERT_EQ(0, xelf_write_arch(inside, "aarch64", 0755));
	ASSERT_EQ(0, xrun(r, "/guest", (char *[]){ "in-chroot", NULL },
			  enter_chroot, root));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("/guest", xfield(r->out, "argv2"));
	EXPECT_STREQ("in-chroot", xfield(r->out, "argv3"));
}

/* The emulator file may disappear after configuration. */
TEST_F(dispatch, emulator_opened_at_configuration)
{
	char emu[128];
	struct xrun *r = self->r;

	snprintf(emu, sizeof(emu), "%s/emu", self->dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), emu, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));
	ASSERT_EQ(0, unlink(emu));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ(emu, xfield(r->out, "argv0"));
}

/* Non-ASCII (UTF-8) paths are fine, bytes 0x80-0x9f included. */
TEST_F(dispatch, utf8_paths)
{
	char emu[128], root[128];
	struct xrun *r = self->r;

	snprintf(emu, sizeof(emu), "%s/\xc4\x80mulator-\xc3\xa9", self->dir);
	snprintf(root, sizeof(root), "%s/r\xc5\x91\xc5\x9f", self->dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), emu, 0755));
	ASSERT_EQ(0, mkdir(root, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));
	ASSERT_EQ(0, xs_write("default_sysroot", root));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ(emu, xfield(r->out, "argv0"));
	EXPECT_STREQ(root, xfield(r->out, "argv2"));
}

/* Writes to a configured emulator fail; they work again once unset. */
TEST_F(dispatch, emulator_write_denied_while_set)
{
	char emu[128];
	int fd;

	snprintf(emu, sizeof(emu), "%s/emu", self->dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), emu, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));
	fd = open(emu, O_WRONLY);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(ETXTBSY, errno);
	if (fd >= 0)
		close(fd);
	ASSERT_EQ(0, xrun_simple(self->r, self->guest));
	ASSERT_TRUE(xprobe_ran(self->r));
	/* and after an exec used it, still denied */
	fd = open(emu, O_WRONLY);
	EXPECT_EQ(-1, fd);
	if (fd >= 0)
		close(fd);
	ASSERT_EQ(0, xs_set_emulator("aarch64", ""));
	fd = open(emu, O_WRONLY);
	EXPECT_LE(0, fd) TH_LOG("open for write after unset: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* A file open for writing cannot be set. */
TEST_F(dispatch, emulator_open_for_write_refused)
{
	char emu[128], buf[256];
	int fd;

	snprintf(emu, sizeof(emu), "%s/emu", self->dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), emu, 0755));
	fd = open(emu, O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-ETXTBSY, xs_set_emulator("aarch64", emu));
	close(fd);
	ASSERT_LT(0, xs_read("aarch64/emulator", buf, sizeof(buf)));
	EXPECT_STREQ(xprobe_path(), buf);
}

/*
 * Upgrade by rename: the old file stays in use until the path is written
 * again.  The new "emulator" is busybox installed as "echo".
 */
TEST_F(dispatch, emulator_replaced_by_rename)
{
	char emu[128], tmp[140], want[256];
	struct xrun *r = self->r;

	if (access("/bin/busybox", X_OK))
		SKIP(return, "/bin/busybox missing");
	snprintf(emu, sizeof(emu), "%s/echo", self->dir);
	snprintf(tmp, sizeof(tmp), "%s/echo.new", self->dir);
	ASSERT_EQ(0, xcopy(xprobe_path(), emu, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));

	ASSERT_EQ(0, xcopy("/bin/busybox", tmp, 0755));
	ASSERT_EQ(0, rename(tmp, emu));

	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);

	ASSERT_EQ(0, xs_set_emulator("aarch64", emu));
	ASSERT_EQ(0, xrun(r, self->guest, (char *[]){ "zero", "one", NULL },
			  NULL, NULL));
	EXPECT_EQ(0, r->exec_errno);
	/* echo prints everything after argv[0], the "--" before the path too */
	snprintf(want, sizeof(want), "-- %s zero one\n", self->guest);
	EXPECT_STREQ(want, r->out);
}

static int fexecve_fd(void *arg)
{
	int fd = *(int *)arg;

	syscall(SYS_execveat, fd, "", (char *[]){ "g", NULL },
		(char *[]){ NULL }, AT_EMPTY_PATH);
	return errno;
}

/*
 * fexecve of a close-on-exec fd: the emulator could not open the path
 * after exec, so it is refused with ENOENT, as binfmt_misc does.  Without
 * close-on-exec it runs, with the /dev/fd/N path.
 */
TEST_F(dispatch, fexecve_cloexec_fd)
{
	struct xrun *r = self->r;
	char fdpath[64];
	int fd;

	fd = open(self->guest, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, xrun(r, NULL, NULL, fexecve_fd, &fd));
	EXPECT_EQ(ENOENT, r->exec_errno);
	EXPECT_FALSE(xprobe_ran(r));
	close(fd);

	fd = open(self->guest, O_RDONLY);
	ASSERT_LE(0, fd);
	snprintf(fdpath, sizeof(fdpath), "/dev/fd/%d", fd);
	ASSERT_EQ(0, xrun(r, NULL, NULL, fexecve_fd, &fd));
	close(fd);
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ(fdpath, xfield(r->out, "argv2"));
	EXPECT_STREQ("g", xfield(r->out, "argv3"));
}

/* Disabled arch, disabled module, no emulator: ENOEXEC, counted, logged. */
TEST_F(dispatch, not_run_when_disabled_or_unset)
{
	struct xrun *r = self->r;
	long long failures = xs_arch_counter("aarch64", "failures");
	long long execs = xs_arch_counter("aarch64", "execs");
	char *log;

	/*
	 * The kernel may offer a refused binary to every handler twice (it
	 * retries after trying to load a binfmt module), so each refused exec
	 * adds one or two failures.  The messages are rate-limited (10 per
	 * 5 s): let earlier tests' messages age out first.
	 */
	sleep(6);
	ASSERT_EQ(0, xs_write("aarch64/enabled", "0"));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_EQ(ENOEXEC, r->exec_errno);
	EXPECT_FALSE(xprobe_ran(r));
	ASSERT_EQ(0, xs_write("aarch64/enabled", "1"));
	EXPECT_LT(failures, xs_arch_counter("aarch64", "failures"));
	failures = xs_arch_counter("aarch64", "failures");

	ASSERT_EQ(0, xs_write("enabled", "0"));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_EQ(ENOEXEC, r->exec_errno);
	ASSERT_EQ(0, xs_write("enabled", "1"));
	EXPECT_LT(failures, xs_arch_counter("aarch64", "failures"));
	failures = xs_arch_counter("aarch64", "failures");

	ASSERT_EQ(0, xs_set_emulator("aarch64", ""));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_EQ(ENOEXEC, r->exec_errno);
	EXPECT_LT(failures, xs_arch_counter("aarch64", "failures"));
	EXPECT_EQ(execs, xs_arch_counter("aarch64", "execs"));

	log = xdmesg();
	ASSERT_NE(NULL, log);
	EXPECT_NE(NULL, strstr(log, "(aarch64): not run: the architecture is disabled"));
	EXPECT_NE(NULL, strstr(log, "(aarch64): not run: no emulator is configured"));
	EXPECT_NE(NULL, strstr(log, self->guest));
	free(log);
}

/*
 * A script whose interpreter is a foreign binary: the emulator runs the
 * interpreter, which gets the script, as for a native interpreter.
 */
TEST_F(dispatch, script_with_foreign_interpreter)
{
	char script[128], text[256];
	struct xrun *r = self->r;
	int fd;

	snprintf(script, sizeof(script), "%s/script", self->dir);
	snprintf(text, sizeof(text), "#!%s -opt\necho not reached\n", self->guest);
	fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
	close(fd);
	ASSERT_EQ(0, xrun(r, script, (char *[]){ "s0", "arg", NULL }, NULL, NULL));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	EXPECT_STREQ("7", xfield(r->out, "argc"));
	EXPECT_STREQ("--", xfield(r->out, "argv1"));
	EXPECT_STREQ(self->guest, xfield(r->out, "argv2"));
	EXPECT_STREQ(self->guest, xfield(r->out, "argv3"));
	EXPECT_STREQ("-opt", xfield(r->out, "argv4"));
	EXPECT_STREQ(script, xfield(r->out, "argv5"));
	EXPECT_STREQ("arg", xfield(r->out, "argv6"));
	EXPECT_STREQ("256", xfield(r->out, "guest_size"));
}

static int count_in(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/* A flood of refused execs cannot flood the kernel log. */
TEST_F_TIMEOUT(dispatch, diagnostics_are_rate_limited, 60)
{
	struct xrun *r = self->r;
	char flood[160], *log;
	int i, n;

	snprintf(flood, sizeof(flood), "%s/flood", self->dir);
	ASSERT_EQ(0, xelf_write_arch(flood, "aarch64", 0755));
	ASSERT_EQ(0, xs_write("aarch64/enabled", "0"));
	sleep(6);	/* a fresh rate-limit window */
	for (i = 0; i < 40; i++) {
		ASSERT_EQ(0, xrun_simple(r, flood));
		ASSERT_EQ(ENOEXEC, r->exec_errno);
	}
	log = xdmesg();
	ASSERT_NE(NULL, log);
	n = count_in(log, flood);
	EXPECT_LE(1, n);
	/*
	 * The first always, then 10 per 5 s window; a slow machine may span two windows.  Without
	 * the limit there would be 40 to 80 (each refusal may log twice).
	 */
	EXPECT_GE(21, n) TH_LOG("%d messages for 40 refused execs", n);
	free(log);
}

/*
 * An emulator that is itself a foreign binary (of its own arch, or of
 * another whose emulator is foreign in turn) could only recurse: it is
 * refused when written (ENOEXEC), and execs go on with the old one.  The
 * module also refuses such a chain at exec time, should one ever arise.
 */
TEST_F(dispatch, recursion_into_itself)
{
	struct xrun *r = self->r;
	char emu[128], buf[256];

	snprintf(emu, sizeof(emu), "%s/foreign-emu", self->dir);
	ASSERT_EQ(0, xelf_write_arch(emu, "aarch64", 0755));
	EXPECT_EQ(-ENOEXEC, xs_set_emulator("aarch64", emu));
	ASSERT_LT(0, xs_read("aarch64/emulator", buf, sizeof(buf)));
	EXPECT_STREQ(xprobe_path(), buf);
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
}

TEST_F(dispatch, recursion_between_archs)
{
	struct xrun *r = self->r;
	char a[128], b[128], buf[256];

	snprintf(a, sizeof(a), "%s/arm-emu", self->dir);
	snprintf(b, sizeof(b), "%s/aarch64-emu", self->dir);
	ASSERT_EQ(0, xelf_write_arch(a, "arm", 0755));
	ASSERT_EQ(0, xelf_write_arch(b, "aarch64", 0755));
	EXPECT_EQ(-ENOEXEC, xs_set_emulator("aarch64", a));
	EXPECT_EQ(-ENOEXEC, xs_set_emulator("arm", b));
	ASSERT_EQ(0, xs_read("arm/emulator", buf, sizeof(buf)));
	ASSERT_EQ(0, xrun_simple(r, self->guest));
	EXPECT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
}

/*
 * Real emulators running real AArch64 programs: the reference
 * qemu-aarch64-static and ours, installed where the module looks.
 */
FIXTURE(real) {
	struct xrun *r;
};

FIXTURE_VARIANT(real) {
	const char *emulator;
};

FIXTURE_VARIANT_ADD(real, qemu) {
	.emulator = QEMU,
};

FIXTURE_VARIANT_ADD(real, xarch) {
	.emulator = "/usr/lib/xarch/xarch-aarch64",
};

FIXTURE_SETUP(real)
{
	ASSERT_EQ(0, xs_reset());
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
	if (access(variant->emulator, X_OK))
		SKIP(return, "%s is not installed", variant->emulator);
	ASSERT_EQ(0, xs_set_emulator("aarch64", variant->emulator));
}

FIXTURE_TEARDOWN(real)
{
	xs_reset();
	free(self->r);
}

/* argv[0] kept, arguments passed, exit status returned. */
TEST_F(real, hello_static)
{
	struct xrun *r = self->r;

	if (access(HELLO_STATIC, F_OK))
		SKIP(return, HELLO_STATIC " missing");
	ASSERT_EQ(0, xrun(r, HELLO_STATIC, (char *[]){ "hello-argv0", "x", "y z", NULL },
			  NULL, NULL));
	EXPECT_EQ(0, r->exec_errno);
	/* hello exits 42 when argv[1] starts with 'x' */
	EXPECT_TRUE(WIFEXITED(r->status) && WEXITSTATUS(r->status) == 42)
		TH_LOG("status %x: %s", r->status, r->out);
	EXPECT_STREQ("hello from aarch64 (argv[0]=hello-argv0, argv[1]=x, argv[2]=y z)\n",
		     r->out);
}

/* A dynamic guest finds its libraries through the default sysroot. */
TEST_F(real, hello_dynamic_with_sysroot)
{
	struct xrun *r = self->r;

	if (access(HELLO_DYNAMIC, F_OK) ||
	    access(ARM64_SYSROOT "/lib/ld-linux-aarch64.so.1", F_OK))
		SKIP(return, HELLO_DYNAMIC " or the arm64 sysroot missing");
	ASSERT_EQ(0, xs_write("default_sysroot", ARM64_SYSROOT));
	ASSERT_EQ(0, xrun(r, HELLO_DYNAMIC, (char *[]){ "dyn0", NULL }, NULL, NULL));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_TRUE(WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0)
		TH_LOG("status %x: %s", r->status, r->out);
	EXPECT_STREQ("hello from aarch64 (argv[0]=dyn0)\n", r->out);
}

/*
 * A rootless container: nobody creates a user and mount namespace, is
 * root inside, and chroots into the arm64 root.
 */
static int enter_rootless_container(void *arg)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("container: drop to nobody");
		return errno;
	}
	/* changing uid made us non-dumpable: /proc/self would be root's */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return errno;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS)) {
		perror("container: unshare");
		return errno;
	}
	if (xwrite_file("/proc/self/setgroups", "deny") ||
	    xwrite_file("/proc/self/uid_map", "0 65534 1") ||
	    xwrite_file("/proc/self/gid_map", "0 65534 1")) {
		fprintf(stderr, "container: id maps\n");
		return EPROTO;
	}
	return enter_chroot(arg);
}

TEST_F(real, rootless_container)
{
	struct xrun *r = self->r;

	if (access(ARM64ROOT "/bin/busybox", F_OK))
		SKIP(return, ARM64ROOT " missing");
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xrun(r, "/bin/sh",
			  (char *[]){ "sh", "-c", "id -u; uname -m", NULL },
			  enter_rootless_container, ARM64ROOT));
	ASSERT_EQ(0, r->exec_errno) TH_LOG("%s", r->out);
	EXPECT_STREQ("0\naarch64\n", r->out);
}

/* chroot into an arm64 root that contains no emulator at all. */
TEST_F(real, arm64_chroot)
{
	struct xrun *r = self->r;

	if (access(ARM64ROOT "/bin/busybox", F_OK))
		SKIP(return, ARM64ROOT " missing");
	ASSERT_EQ(0, xrun(r, "/bin/busybox", (char *[]){ "uname", "-m", NULL },
			  enter_chroot, ARM64ROOT));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("aarch64\n", r->out);
	/* an applet picked by argv[0], and a pipeline of foreign processes */
	ASSERT_EQ(0, xrun(r, "/bin/sh",
			  (char *[]){ "sh", "-c", "echo one two | wc -w", NULL },
			  enter_chroot, ARM64ROOT));
	EXPECT_EQ(0, r->exec_errno);
	EXPECT_STREQ("2\n", r->out);
}

TEST_HARNESS_MAIN
