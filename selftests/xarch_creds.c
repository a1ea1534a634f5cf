// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: credentials from the guest binary, opt-in per arch.
 */
#include <grp.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define OWNER 1234

FIXTURE(creds) {
	char dir[64];
	char guest[128];
	struct xrun *r;
};

FIXTURE_VARIANT(creds) {
	int credentials;	/* aarch64/credentials */
	int setuid_bit;		/* guest mode 06755 rather than 0755 */
	int no_new_privs;	/* caller sets PR_SET_NO_NEW_PRIVS */
	int nosuid_mount;	/* guest on a nosuid mount */
	int expect_elevated;	/* euid/egid become the guest's owner */
};

FIXTURE_VARIANT_ADD(creds, off) {
	.credentials = 0, .setuid_bit = 1, .expect_elevated = 0,
};
FIXTURE_VARIANT_ADD(creds, on) {
	.credentials = 1, .setuid_bit = 1, .expect_elevated = 1,
};
FIXTURE_VARIANT_ADD(creds, on_no_new_privs) {
	.credentials = 1, .setuid_bit = 1, .no_new_privs = 1,
	.expect_elevated = 0,
};
FIXTURE_VARIANT_ADD(creds, on_nosuid_mount) {
	.credentials = 1, .setuid_bit = 1, .nosuid_mount = 1,
	.expect_elevated = 0,
};
FIXTURE_VARIANT_ADD(creds, on_no_setuid_bit) {
	.credentials = 1, .setuid_bit = 0, .expect_elevated = 0,
};
FIXTURE_VARIANT_ADD(creds, off_no_new_privs) {
	.credentials = 0, .setuid_bit = 1, .no_new_privs = 1,
	.expect_elevated = 0,
};

FIXTURE_SETUP(creds)
{
	char where[96];

	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_reset());
	ASSERT_EQ(0, xtmpdir(self->dir, sizeof(self->dir), "creds"));
	snprintf(where, sizeof(where), "%s/m", self->dir);
	ASSERT_EQ(0, mkdir(where, 0755));
	if (variant->nosuid_mount)
		ASSERT_EQ(0, mount("tmpfs", where, "tmpfs", MS_NOSUID, "mode=0755"));
	snprintf(self->guest, sizeof(self->guest), "%s/guest", where);
	ASSERT_EQ(0, xelf_write_arch(self->guest, "aarch64", 0755));
	ASSERT_EQ(0, chown(self->guest, OWNER, OWNER));
	ASSERT_EQ(0, chmod(self->guest, variant->setuid_bit ? 06755 : 0755));
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	ASSERT_EQ(0, xs_writef("aarch64/credentials", "%d", variant->credentials));
	self->r = malloc(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(creds)
{
	char where[96];

	xs_reset();
	snprintf(where, sizeof(where), "%s/m", self->dir);
	umount(where);
	xrmtree(self->dir);
	free(self->r);
}

static int nobody(void *arg)
{
	int nnp = *(int *)arg;

	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return errno;
	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return errno;
	return 0;
}

TEST_F(creds, exec_as_nobody)
{
	int nnp = variant->no_new_privs;
	struct xrun *r = self->r;
	char owner[16];

	ASSERT_EQ(0, xrun(r, self->guest, (char *[]){ "g", NULL }, nobody, &nnp));
	ASSERT_TRUE(xprobe_ran(r)) TH_LOG("%d %s", r->exec_errno, r->out);
	snprintf(owner, sizeof(owner), "%d", OWNER);
	EXPECT_STREQ("65534", xfield(r->out, "uid"));
	EXPECT_STREQ("65534", xfield(r->out, "gid"));
	if (variant->expect_elevated) {
		EXPECT_STREQ(owner, xfield(r->out, "euid"));
		EXPECT_STREQ(owner, xfield(r->out, "egid"));
		EXPECT_STREQ("1", xfield(r->out, "at_secure"));
	} else {
		EXPECT_STREQ("65534", xfield(r->out, "euid"));
		EXPECT_STREQ("65534", xfield(r->out, "egid"));
		EXPECT_STREQ("0", xfield(r->out, "at_secure"));
	}
	/* the guest is still handed over */
	EXPECT_STREQ("256", xfield(r->out, "guest_size"));
	EXPECT_STREQ(self->guest, xfield(r->out, "argv2"));
}

TEST_HARNESS_MAIN
