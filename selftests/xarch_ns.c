// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: per-mount-namespace sysroots, set from the host.
 */
#include <sched.h>
#include <sys/mount.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define QEMU "/usr/bin/qemu-aarch64-static"
#define HELLO_DYNAMIC "/guest/hello-dynamic"
#define ARM64_SYSROOT "/usr/aarch64-linux-gnu"

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

TEST_HARNESS_MAIN
