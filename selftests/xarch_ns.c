// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: per-mount-namespace and per-arch sysroots, set from the
 * host, and which one applies.
 */
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define QEMU "/usr/bin/qemu-aarch64-static"
#define HELLO_DYNAMIC "/guest/hello-dynamic"
#define ARM64_SYSROOT "/usr/aarch64-linux-gnu"
#define XARCH_SYSROOT_MAX_TEST 128

/* A child that enters a new mount namespace, then waits for "go". */
struct nschild {
	struct xchild c;
	int ready[2];
	int go[2];
	const char *bind_src;	/* bind-mounted onto bind_dst inside */
	const char *bind_dst;
	struct xrun r;
};

static int ns_hook(void *arg)
{
	struct nschild *n = arg;
	char b = 0;

	if (unshare(CLONE_NEWNS))
		return errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return errno;
	if (n->bind_src && mount(n->bind_src, n->bind_dst, NULL, MS_BIND, NULL))
		return errno;
	if (write(n->ready[1], &b, 1) != 1 || read(n->go[0], &b, 1) != 1)
		return EPIPE;
	return 0;
}

/* Start @path in a new mount namespace; returns once it is there. */
static int ns_start(struct nschild *n, const char *path)
{
	char b;
	int ret;

	if (pipe2(n->ready, O_CLOEXEC) || pipe2(n->go, O_CLOEXEC))
		return -errno;
	ret = xspawn(&n->c, path, (char *[]){ (char *)path, NULL }, ns_hook, n);
	close(n->ready[1]);
	close(n->go[0]);
	if (ret)
		return ret;
	if (read(n->ready[0], &b, 1) != 1)
		return -EPIPE;
	return 0;
}

/* Let it exec, and collect its output. */
static void ns_finish(struct nschild *n)
{
	char b = 1;

	if (write(n->go[1], &b, 1) != 1)
		n->r.exec_errno = EPIPE;
	close(n->go[1]);
	close(n->ready[0]);
	xcollect(&n->c, &n->r);
}

static int ns_register(struct nschild *n, const char *root)
{
	return xs_writef("ns_sysroots", "/proc/%d/ns/mnt %s\n", n->c.pid, root);
}

FIXTURE(ns) {
	char dir[64];
	char guest[128];
	struct xrun *r;
};

FIXTURE_SETUP(ns)
{
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "ns"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", self->dir);
	ASSERT_EQ(0, xelf_write_arch(self->guest, "aarch64", 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(ns)
{
	xs_reset();
	xrmtree(self->dir);
	free(self->r);
}

/*
 * The entry applies inside its namespace only: not on the host, not in
 * another new namespace, and not in a new one created after it died,
 * even though namespace inode numbers are otherwise recycled.
 */
TEST_F(ns, sysroot_applies_only_in_its_namespace)
{
	struct nschild *a = calloc(1, sizeof(*a));
	struct nschild *b = calloc(1, sizeof(*b));
	char ns_a[PATH_MAX], list[4096], want[PATH_MAX + 32];
	int i;

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, ns_start(a, self->guest));
	ASSERT_EQ(0, ns_register(a, "/sysroot-a"));
	ns_finish(a);
	ASSERT_TRUE(xprobe_ran(&a->r)) TH_LOG("%d %s", a->r.exec_errno, a->r.out);
	EXPECT_STREQ("-L", xfield(a->r.out, "argv1"));
	EXPECT_STREQ("/sysroot-a", xfield(a->r.out, "argv2"));
	EXPECT_STREQ("--", xfield(a->r.out, "argv3"));
	EXPECT_STREQ(self->guest, xfield(a->r.out, "argv4"));
	snprintf(ns_a, sizeof(ns_a), "%s", xfield(a->r.out, "mntns"));
	ASSERT_EQ(0, strncmp(ns_a, "mnt:[", 5));

	/* the listing names that namespace */
	ASSERT_LT(0, xs_read("ns_sysroots", list, sizeof(list)));
	snprintf(want, sizeof(want), "%s /sysroot-a", ns_a);
	EXPECT_STREQ(want, list);

	/* not on the host */
	ASSERT_EQ(0, xrun_simple(self->r, self->guest));
	ASSERT_TRUE(xprobe_ran(self->r));
	EXPECT_STREQ("4", xfield(self->r->out, "argc"));
	EXPECT_STREQ(self->guest, xfield(self->r->out, "argv2"));

	/* not in new namespaces created after the first died */
	for (i = 0; i < 5; i++) {
		memset(b, 0, sizeof(*b));
		ASSERT_EQ(0, ns_start(b, self->guest));
		ns_finish(b);
		ASSERT_TRUE(xprobe_ran(&b->r)) TH_LOG("%s", b->r.out);
		EXPECT_STREQ("4", xfield(b->r.out, "argc"));
		EXPECT_STRNE(ns_a, xfield(b->r.out, "mntns"));
	}

	/* the entry stays, pinned, until deleted */
	ASSERT_LT(0, xs_read("ns_sysroots", list, sizeof(list)));
	EXPECT_STREQ(want, list);
	snprintf(want, sizeof(want), "-%s", ns_a);
	EXPECT_EQ(0, xs_write("ns_sysroots", want));
	EXPECT_EQ(0, xs_read("ns_sysroots", list, sizeof(list)));
	free(a);
	free(b);
}

/*
 * Deleting the entry of a dead namespace lets the kernel free it: its
 * inode number becomes free for new namespaces again (the kernel hands
 * out the lowest free number).  A leaked reference would keep it taken.
 */
TEST_F(ns, deleted_entry_releases_namespace)
{
	struct nschild *n = calloc(1, sizeof(*n));
	char ns_a[PATH_MAX], del[PATH_MAX + 2];
	int i, reused = 0;

	ASSERT_NE(NULL, n);
	ASSERT_EQ(0, ns_start(n, self->guest));
	ASSERT_EQ(0, ns_register(n, "/a"));
	ns_finish(n);
	ASSERT_TRUE(xprobe_ran(&n->r));
	snprintf(ns_a, sizeof(ns_a), "%s", xfield(n->r.out, "mntns"));

	/* pinned: not reused while the entry exists */
	memset(n, 0, sizeof(*n));
	ASSERT_EQ(0, ns_start(n, self->guest));
	ns_finish(n);
	ASSERT_TRUE(xprobe_ran(&n->r));
	EXPECT_STRNE(ns_a, xfield(n->r.out, "mntns"));

	snprintf(del, sizeof(del), "-%s", ns_a);
	ASSERT_EQ(0, xs_write("ns_sysroots", del));
	for (i = 0; i < 30 && !reused; i++) {
		memset(n, 0, sizeof(*n));
		ASSERT_EQ(0, ns_start(n, self->guest));
		ns_finish(n);
		ASSERT_TRUE(xprobe_ran(&n->r));
		reused = !strcmp(ns_a, xfield(n->r.out, "mntns"));
		/* and the deleted entry does not come back with it */
		EXPECT_STREQ("4", xfield(n->r.out, "argc"));
		if (!reused)
			usleep(100000);
	}
	EXPECT_TRUE(reused) TH_LOG("%s never freed after its entry was deleted", ns_a);
	free(n);
}

/* With a default sysroot too: the entry wins inside, the default outside. */
TEST_F(ns, entry_overrides_default)
{
	struct nschild *a = calloc(1, sizeof(*a));

	ASSERT_NE(NULL, a);
	ASSERT_EQ(0, xs_writef("default_sysroot", "%s\n", self->dir));
	ASSERT_EQ(0, ns_start(a, self->guest));
	ASSERT_EQ(0, ns_register(a, "/inside"));
	ns_finish(a);
	ASSERT_TRUE(xprobe_ran(&a->r));
	EXPECT_STREQ("/inside", xfield(a->r.out, "argv2"));

	ASSERT_EQ(0, xrun_simple(self->r, self->guest));
	ASSERT_TRUE(xprobe_ran(self->r));
	EXPECT_STREQ("-L", xfield(self->r->out, "argv1"));
	EXPECT_STREQ(self->dir, xfield(self->r->out, "argv2"));
	free(a);
}

/* Two live namespaces with different entries each get their own. */
TEST_F(ns, two_namespaces_two_sysroots)
{
	struct nschild *a = calloc(1, sizeof(*a));
	struct nschild *b = calloc(1, sizeof(*b));

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_EQ(0, ns_start(a, self->guest));
	ASSERT_EQ(0, ns_start(b, self->guest));
	ASSERT_EQ(0, ns_register(a, "/root-a"));
	ASSERT_EQ(0, ns_register(b, "/root-b"));
	ns_finish(b);
	ns_finish(a);
	ASSERT_TRUE(xprobe_ran(&a->r));
	ASSERT_TRUE(xprobe_ran(&b->r));
	EXPECT_STREQ("/root-a", xfield(a->r.out, "argv2"));
	EXPECT_STREQ("/root-b", xfield(b->r.out, "argv2"));
	free(a);
	free(b);
}

/* At most 24 entries; the 25th fails with ENOSPC; status counts them. */
TEST_F(ns, entries_are_capped)
{
	struct nschild *n = calloc(1, sizeof(*n));
	char list[4096], status[4096];
	int i, ret = 0, lines = 0;

	ASSERT_NE(NULL, n);
	for (i = 0; i < 25; i++) {
		memset(n, 0, sizeof(*n));
		ASSERT_EQ(0, ns_start(n, "/nonexistent"));
		ret = ns_register(n, "/r");
		ns_finish(n);
		if (i < 24)
			ASSERT_EQ(0, ret) TH_LOG("entry %d: %s", i, strerror(-ret));
	}
	EXPECT_EQ(-ENOSPC, ret);
	ASSERT_LT(0, xs_read("ns_sysroots", list, sizeof(list)));
	for (i = 0; list[i]; i++)
		lines += list[i] == '\n';
	EXPECT_EQ(23, lines);	/* 24 lines, the last newline stripped */
	ASSERT_LT(0, xs_read("status", status, sizeof(status)));
	EXPECT_NE(NULL, strstr(status, "ns_sysroots 24\n"));
	free(n);
}

/*
 * The limit counts entries, not namespaces: 12 namespaces with an entry
 * for two arches each fill it.  Then neither a new arch in a known
 * namespace nor a new namespace gets in (ENOSPC, nothing changes), while
 * replacing an existing entry still works.  The longest listing (24 lines
 * with the longest arch name and sysroot) fits in the page.
 */
TEST_F(ns, limit_counts_entries_per_arch)
{
	struct nschild *n = calloc(1, sizeof(*n));
	char list[8192], after[8192], root[160], first[64];
	int i, ret, lines = 0;

	ASSERT_NE(NULL, n);
	memset(root, 'r', XARCH_SYSROOT_MAX_TEST);
	root[0] = '/';
	root[XARCH_SYSROOT_MAX_TEST] = '\0';
	for (i = 0; i < 12; i++) {
		memset(n, 0, sizeof(*n));
		ASSERT_EQ(0, ns_start(n, "/nonexistent"));
		ret = xs_writef("ns_sysroots", "/proc/%d/ns/mnt loongarch64 %s",
				n->c.pid, root);
		ASSERT_EQ(0, ret) TH_LOG("ns %d loongarch64: %s", i, strerror(-ret));
		ret = xs_writef("ns_sysroots", "/proc/%d/ns/mnt riscv64 /r", n->c.pid);
		ASSERT_EQ(0, ret) TH_LOG("ns %d riscv64: %s", i, strerror(-ret));
		if (i < 11) {
			ns_finish(n);
			continue;
		}
		/* full: the last namespace, still alive, tries more */
		ASSERT_LT(0, xs_read("ns_sysroots", list, sizeof(list)));
		EXPECT_EQ(-ENOSPC, xs_writef("ns_sysroots", "/proc/%d/ns/mnt arm /r",
					     n->c.pid));
		EXPECT_EQ(-ENOSPC, xs_writef("ns_sysroots", "/proc/%d/ns/mnt /r",
					     n->c.pid));
		EXPECT_EQ(-ENOSPC, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /r"));
		ASSERT_LT(0, xs_read("ns_sysroots", after, sizeof(after)));
		EXPECT_STREQ(list, after);
		/* replacing is not adding */
		EXPECT_EQ(0, xs_writef("ns_sysroots", "/proc/%d/ns/mnt riscv64 /r2",
				       n->c.pid));
		EXPECT_EQ(0, xs_writef("ns_sysroots", "/proc/%d/ns/mnt riscv64 /r",
				       n->c.pid));
		ns_finish(n);
	}
	ASSERT_LT(0, xs_read("ns_sysroots", list, sizeof(list)));
	EXPECT_GT(4096, (int)strlen(list) + 1);
	for (i = 0; list[i]; i++)
		lines += list[i] == '\n';
	EXPECT_EQ(23, lines) TH_LOG("%s", list);
	EXPECT_EQ(24, (int)xs_read_ll_field("status", "ns_sysroots"));

	/* removing one namespace's entries frees two places */
	snprintf(first, sizeof(first), "-%.*s", (int)strcspn(list, " "), list);
	ASSERT_EQ(0, xs_write("ns_sysroots", first));
	EXPECT_EQ(22, (int)xs_read_ll_field("status", "ns_sysroots"));
	EXPECT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /r"));
	EXPECT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /r"));
	EXPECT_EQ(-ENOSPC, xs_write("ns_sysroots", "/proc/self/ns/mnt aarch64 /r"));
	free(n);
}

/* Run @path in the mount namespace of process *@arg. */
static int enter_ns_of(void *arg)
{
	char nsfile[64];
	int fd, ret = 0;

	snprintf(nsfile, sizeof(nsfile), "/proc/%d/ns/mnt", *(pid_t *)arg);
	fd = open(nsfile, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (setns(fd, CLONE_NEWNS))
		ret = errno;
	close(fd);
	return ret;
}

/* The -L argument the probe was given, "" for none, "?" if it did not run. */
static const char *sysroot_of(struct xrun *r, const char *guest, pid_t *in_ns)
{
	static char seen[PATH_MAX];
	const char *v;

	if (xrun(r, guest, (char *[]){ (char *)guest, NULL },
		 in_ns ? enter_ns_of : NULL, in_ns) || !xprobe_ran(r))
		return "?";
	v = xfield(r->out, "argv1");
	if (!v || strcmp(v, "-L"))
		return "";
	v = xfield(r->out, "argv2");
	snprintf(seen, sizeof(seen), "%s", v ? v : "?");
	return seen;
}

/*
 * Precedence, one step at a time: the namespace's entry for the arch, then
 * its entry for every arch, then the arch's sysroot, then the default.
 * Each row is checked for an aarch64 and an arm program, on the host and
 * inside one namespace.
 */
TEST_F(ns, precedence_ns_arch_ns_arch_default)
{
	static const struct {
		const char *step;	/* the write, "" for none; %s: ns file */
		const char *file;
		const char *host_a64, *host_arm, *ns_a64, *ns_arm;
	} rows[] = {
		{ "", "", "", "", "", "" },
		{ "/tmp", "default_sysroot", "/tmp", "/tmp", "/tmp", "/tmp" },
		{ "/usr", "aarch64/sysroot", "/usr", "/tmp", "/usr", "/tmp" },
		{ "%s /ns-all", "ns_sysroots", "/usr", "/tmp", "/ns-all", "/ns-all" },
		{ "%s arm /ns-arm", "ns_sysroots", "/usr", "/tmp", "/ns-all", "/ns-arm" },
		{ "/", "arm/sysroot", "/usr", "/", "/ns-all", "/ns-arm" },
		{ "-%s *", "ns_sysroots", "/usr", "/", "/usr", "/ns-arm" },
		{ "%s aarch64 /ns-a64", "ns_sysroots", "/usr", "/", "/ns-a64", "/ns-arm" },
		{ "\n", "aarch64/sysroot", "/tmp", "/", "/ns-a64", "/ns-arm" },
		{ "-%s arm", "ns_sysroots", "/tmp", "/", "/ns-a64", "/" },
		{ "\n", "arm/sysroot", "/tmp", "/tmp", "/ns-a64", "/tmp" },
		{ "-%s", "ns_sysroots", "/tmp", "/tmp", "/tmp", "/tmp" },
		{ "\n", "default_sysroot", "", "", "", "" },
	};
	struct nschild *holder = calloc(1, sizeof(*holder));
	char arm[160], nsfile[64], cmd[256];
	const char *got[4];
	size_t i;
	int ret;

	ASSERT_NE(NULL, holder);
	snprintf(arm, sizeof(arm), "%s/guest-arm", self->dir);
	ASSERT_EQ(0, xelf_write_arch(arm, "arm", 0755));
	ASSERT_EQ(0, xs_set_emulator("arm", xprobe_path()));
	/* a process that stays in the namespace while the rows run */
	ASSERT_EQ(0, ns_start(holder, "/nonexistent"));
	snprintf(nsfile, sizeof(nsfile), "/proc/%d/ns/mnt", holder->c.pid);

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (*rows[i].step) {
			snprintf(cmd, sizeof(cmd), rows[i].step, nsfile);
			ret = xs_write(rows[i].file, cmd);
			ASSERT_EQ(0, ret) TH_LOG("row %zu: %s <- '%s': %s", i,
						 rows[i].file, cmd, strerror(-ret));
		}
		got[0] = strdup(sysroot_of(self->r, self->guest, NULL));
		got[1] = strdup(sysroot_of(self->r, arm, NULL));
		got[2] = strdup(sysroot_of(self->r, self->guest, &holder->c.pid));
		got[3] = strdup(sysroot_of(self->r, arm, &holder->c.pid));
		EXPECT_STREQ(rows[i].host_a64, got[0]) TH_LOG("row %zu host aarch64", i);
		EXPECT_STREQ(rows[i].host_arm, got[1]) TH_LOG("row %zu host arm", i);
		EXPECT_STREQ(rows[i].ns_a64, got[2]) TH_LOG("row %zu ns aarch64", i);
		EXPECT_STREQ(rows[i].ns_arm, got[3]) TH_LOG("row %zu ns arm", i);
		ksft_print_msg("row %zu: host %s %s, namespace %s %s\n", i,
			       got[0], got[1], got[2], got[3]);
		free((void *)got[0]);
		free((void *)got[1]);
		free((void *)got[2]);
		free((void *)got[3]);
	}
	ns_finish(holder);
	free(holder);
}

/*
 * The sysroot is a path inside the namespace: here it only exists there
 * (a bind mount), and a dynamic AArch64 program finds its libraries.
 */
TEST_F(ns, qemu_dynamic_guest_uses_namespace_sysroot)
{
	struct nschild *a = calloc(1, sizeof(*a));
	char mnt[128];

	ASSERT_NE(NULL, a);
	if (access(QEMU, X_OK) || access(HELLO_DYNAMIC, F_OK) ||
	    access(ARM64_SYSROOT "/lib/ld-linux-aarch64.so.1", F_OK))
		SKIP(return, "qemu, " HELLO_DYNAMIC " or the arm64 sysroot missing");
	snprintf(mnt, sizeof(mnt), "%s/sysroot", self->dir);
	ASSERT_EQ(0, mkdir(mnt, 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", QEMU));

	a->bind_src = ARM64_SYSROOT;
	a->bind_dst = mnt;
	ASSERT_EQ(0, ns_start(a, HELLO_DYNAMIC));
	ASSERT_EQ(0, ns_register(a, mnt));
	ns_finish(a);
	EXPECT_EQ(0, a->r.exec_errno);
	EXPECT_TRUE(WIFEXITED(a->r.status) && WEXITSTATUS(a->r.status) == 0)
		TH_LOG("status %x: %s", a->r.status, a->r.out);
	EXPECT_NE(NULL, strstr(a->r.out, "hello from aarch64")) TH_LOG("%s", a->r.out);

	/* On the host the same path is an empty directory: it cannot work. */
	if (access("/lib/ld-linux-aarch64.so.1", F_OK)) {
		ASSERT_EQ(0, xrun_simple(self->r, HELLO_DYNAMIC));
		EXPECT_EQ(NULL, strstr(self->r->out, "hello from aarch64"));
		EXPECT_FALSE(WIFEXITED(self->r->status) &&
			     WEXITSTATUS(self->r->status) == 0);
	}
	free(a);
}

static const char *module_path(void)
{
	const char *ko = getenv("XARCH_KO");

	return ko ? ko : "/xarch/binfmt_xarch.ko";
}

/*
 * Unloading with every kind of sysroot configured frees them all: the
 * namespace an entry pinned is released (its number is handed out again),
 * and the module comes back empty.  Reloaded as at boot, without options.
 */
TEST_F(ns, unload_with_entries_releases_them)
{
	struct nschild *n = calloc(1, sizeof(*n));
	char ns_a[PATH_MAX], buf[4096];
	int i, fd, ret = -EBUSY, reused = 0;

	ASSERT_NE(NULL, n);
	if (access(module_path(), R_OK))
		SKIP(free(n); return, "%s missing", module_path());
	ASSERT_EQ(0, xs_writef("default_sysroot", "%s", self->dir));
	ASSERT_EQ(0, xs_write("arm/sysroot", "/tmp"));
	ASSERT_EQ(0, xs_write("aarch64/sysroot", "/usr"));
	ASSERT_EQ(0, ns_start(n, self->guest));
	ASSERT_EQ(0, ns_register(n, "/all"));
	ASSERT_EQ(0, xs_writef("ns_sysroots", "/proc/%d/ns/mnt arm /arm", n->c.pid));
	ASSERT_EQ(0, xs_writef("ns_sysroots", "/proc/%d/ns/mnt aarch64 /a64", n->c.pid));
	ns_finish(n);
	ASSERT_TRUE(xprobe_ran(&n->r));
	EXPECT_STREQ("/a64", xfield(n->r.out, "argv2"));
	snprintf(ns_a, sizeof(ns_a), "%s", xfield(n->r.out, "mntns"));
	EXPECT_EQ(3, (int)xs_read_ll_field("status", "ns_sysroots"));

	for (i = 0; i < 50 && ret; i++) {
		ret = syscall(SYS_delete_module, "binfmt_xarch", O_NONBLOCK) ? -errno : 0;
		if (ret)
			usleep(100000);
	}
	ASSERT_EQ(0, ret) TH_LOG("unload: %s", strerror(-ret));
	fd = open(module_path(), O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	ASSERT_EQ(0, ret) TH_LOG("reload: %s", strerror(-ret));

	/* nothing came back */
	EXPECT_EQ(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	EXPECT_EQ(0, xs_read("arm/sysroot", buf, sizeof(buf)));
	EXPECT_EQ(0, xs_read("aarch64/sysroot", buf, sizeof(buf)));
	EXPECT_EQ(0, xs_read("default_sysroot", buf, sizeof(buf)));

	/* the namespace the entries pinned is free again */
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	for (i = 0; i < 30 && !reused; i++) {
		memset(n, 0, sizeof(*n));
		ASSERT_EQ(0, ns_start(n, self->guest));
		ns_finish(n);
		ASSERT_TRUE(xprobe_ran(&n->r));
		reused = !strcmp(ns_a, xfield(n->r.out, "mntns"));
		EXPECT_STREQ("4", xfield(n->r.out, "argc"));
		if (!reused)
			usleep(100000);
	}
	EXPECT_TRUE(reused) TH_LOG("%s never freed after unload", ns_a);
	free(n);
}

TEST_HARNESS_MAIN
