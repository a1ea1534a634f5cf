// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch sysfs: modes, good and bad writes, who may write.
 */
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include "kselftest_harness.h"
#include "xarch_util.h"

#define WORK "/tmp/xarch-sysfs-work"
#define LONG_PATH "(long)"

/* A good value is set first; the bad write must fail and leave it. */
FIXTURE(bad_write) {
	char good[PATH_MAX];
};

FIXTURE_VARIANT(bad_write) {
	const char *file;
	const char *value;
	int err;
};

#define BAD(_name, _file, _value, _err)				\
	FIXTURE_VARIANT_ADD(bad_write, _name) {			\
		.file = _file, .value = _value, .err = _err,	\
	}

BAD(emulator_relative, "aarch64/emulator", "usr/bin/true", EINVAL);
BAD(emulator_dot_relative, "aarch64/emulator", "./xarch-probe", EINVAL);
BAD(emulator_missing, "aarch64/emulator", "/nonexistent/emu", ENOENT);
BAD(emulator_directory, "aarch64/emulator", "/tmp", EISDIR);
BAD(emulator_not_executable, "aarch64/emulator", WORK "/noexec", EACCES);
BAD(emulator_device, "aarch64/emulator", "/dev/null", EACCES);
BAD(emulator_noexec_mount, "aarch64/emulator", WORK "/noexec-mnt/emu", EACCES);
BAD(emulator_fifo_not_opened, "aarch64/emulator", WORK "/fifo", EACCES);
BAD(emulator_control_char, "aarch64/emulator", WORK "/exec\t", EINVAL);
BAD(emulator_two_lines, "aarch64/emulator", WORK "/exec\n/bin/sh\n", EINVAL);
BAD(emulator_over_long, "aarch64/emulator", LONG_PATH, ENAMETOOLONG);
BAD(emulator_garbage, "aarch64/emulator", "\x01\x02garbage", EINVAL);
/* executable files that could never run as an emulator */
BAD(emulator_script, "aarch64/emulator", WORK "/script", ENOEXEC);
BAD(emulator_foreign_elf, "aarch64/emulator", WORK "/foreign", ENOEXEC);
BAD(emulator_text, "aarch64/emulator", WORK "/text", ENOEXEC);
BAD(emulator_relocatable, "aarch64/emulator", WORK "/relocatable", ENOEXEC);
BAD(emulator_empty_file, "aarch64/emulator", WORK "/empty", ENOEXEC);
BAD(emulator_unknown_arch, "sparc/emulator", WORK "/exec", ENOENT);
BAD(global_enabled_garbage, "enabled", "maybe", EINVAL);
BAD(global_enabled_number, "enabled", "2", EINVAL);
BAD(global_enabled_empty, "enabled", "\n", EINVAL);
BAD(arch_enabled_garbage, "aarch64/enabled", "yes please", EINVAL);
BAD(credentials_garbage, "aarch64/credentials", "-1", EINVAL);
BAD(credentials_prefix, "aarch64/credentials", "onward", EINVAL);
BAD(execs_read_only, "aarch64/execs", "0", EACCES);
BAD(failures_read_only, "aarch64/failures", "0", EACCES);
BAD(status_read_only, "status", "1", EACCES);
BAD(sysroot_relative, "default_sysroot", "usr/aarch64-linux-gnu", EINVAL);
BAD(sysroot_missing, "default_sysroot", "/nonexistent/root", ENOENT);
BAD(sysroot_not_directory, "default_sysroot", WORK "/noexec", ENOTDIR);
BAD(sysroot_over_long, "default_sysroot",
    "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ENAMETOOLONG);
BAD(ns_no_separator, "ns_sysroots", "/proc/self/ns/mnt", EINVAL);
BAD(ns_garbage, "ns_sysroots", "garbage here", EINVAL);
BAD(ns_net_namespace, "ns_sysroots", "/proc/self/ns/net /x", EINVAL);
BAD(ns_user_namespace, "ns_sysroots", "/proc/self/ns/user /x", EINVAL);
BAD(ns_regular_file, "ns_sysroots", WORK "/noexec /x", EINVAL);
BAD(ns_fifo_not_opened, "ns_sysroots", WORK "/fifo /x", EINVAL);
BAD(ns_directory, "ns_sysroots", "/proc/self/ns /x", EINVAL);
BAD(ns_missing_file, "ns_sysroots", "/proc/999999999/ns/mnt /x", ENOENT);
BAD(ns_relative_nsfile, "ns_sysroots", "proc/self/ns/mnt /x", EINVAL);
BAD(ns_relative_sysroot, "ns_sysroots", "/proc/self/ns/mnt x", EINVAL);
BAD(ns_empty_sysroot, "ns_sysroots", "/proc/self/ns/mnt ", EINVAL);
BAD(ns_sysroot_over_long, "ns_sysroots",
    "/proc/self/ns/mnt /aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ENAMETOOLONG);
/* per-arch sysroots: the checks of default_sysroot */
BAD(arch_sysroot_relative, "arm/sysroot", "usr/arm-linux-gnueabihf", EINVAL);
BAD(arch_sysroot_dot_relative, "arm/sysroot", "./root", EINVAL);
BAD(arch_sysroot_missing, "arm/sysroot", "/nonexistent/root", ENOENT);
BAD(arch_sysroot_not_directory, "arm/sysroot", WORK "/noexec", ENOTDIR);
BAD(arch_sysroot_device, "arm/sysroot", "/dev/null", ENOTDIR);
BAD(arch_sysroot_control_char, "arm/sysroot", "/tmp\t", EINVAL);
BAD(arch_sysroot_two_lines, "arm/sysroot", "/tmp\n/usr\n", EINVAL);
BAD(arch_sysroot_over_long, "arm/sysroot",
    "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ENAMETOOLONG);
BAD(arch_sysroot_page_long, "aarch64/sysroot", LONG_PATH, ENAMETOOLONG);
BAD(arch_sysroot_unknown_arch, "sparc/sysroot", "/tmp", ENOENT);
/* per-namespace, per-arch entries */
BAD(ns_arch_unknown, "ns_sysroots", "/proc/self/ns/mnt sparc /x", EINVAL);
BAD(ns_arch_case, "ns_sysroots", "/proc/self/ns/mnt ARM /x", EINVAL);
BAD(ns_arch_prefix, "ns_sysroots", "/proc/self/ns/mnt ar /x", EINVAL);
BAD(ns_arch_no_sysroot, "ns_sysroots", "/proc/self/ns/mnt arm", EINVAL);
BAD(ns_arch_empty_sysroot, "ns_sysroots", "/proc/self/ns/mnt arm ", EINVAL);
BAD(ns_arch_relative_sysroot, "ns_sysroots", "/proc/self/ns/mnt arm x", EINVAL);
BAD(ns_arch_two_spaces, "ns_sysroots", "/proc/self/ns/mnt  /x", EINVAL);
BAD(ns_arch_over_long, "ns_sysroots",
    "/proc/self/ns/mnt arm " "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ENAMETOOLONG);
BAD(ns_arch_missing_file, "ns_sysroots", "/proc/999999999/ns/mnt arm /x", ENOENT);
BAD(ns_arch_net_namespace, "ns_sysroots", "/proc/self/ns/net arm /x", EINVAL);
BAD(ns_delete_arch_unknown, "ns_sysroots", "-/proc/self/ns/mnt sparc", EINVAL);
BAD(ns_delete_id_arch_unknown, "ns_sysroots", "-mnt:[1] sparc", EINVAL);
BAD(ns_delete_arch_absent, "ns_sysroots", "-/proc/self/ns/mnt riscv64", ENOENT);
BAD(ns_delete_arch_unknown_id, "ns_sysroots", "-mnt:[1] arm", ENOENT);
BAD(ns_delete_arch_missing_file, "ns_sysroots", "-/proc/999999999/ns/mnt arm", ENOENT);
BAD(ns_delete_unknown_id, "ns_sysroots", "-mnt:[1]", ENOENT);
BAD(ns_delete_garbage, "ns_sysroots", "-mnt:[abc]", EINVAL);
BAD(ns_delete_number_garbage, "ns_sysroots", "-12x", EINVAL);

static void read_setting(const char *file, char *buf, size_t size)
{
	if (xs_read(file, buf, size) < 0)
		snprintf(buf, size, "(unreadable)");
}

FIXTURE_SETUP(bad_write)
{
	char path[PATH_MAX];

	ASSERT_EQ(0, xs_reset());
	xrmtree(WORK);
	ASSERT_EQ(0, mkdir(WORK, 0755));
	snprintf(path, sizeof(path), "%s/noexec", WORK);
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0644));
	snprintf(path, sizeof(path), "%s/exec", WORK);
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0755));
	/* an executable file on a noexec mount */
	snprintf(path, sizeof(path), "%s/noexec-mnt", WORK);
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, mount("tmpfs", path, "tmpfs", MS_NOEXEC, "mode=0755"));
	snprintf(path, sizeof(path), "%s/noexec-mnt/emu", WORK);
	ASSERT_EQ(0, xcopy(xprobe_path(), path, 0755));
	/* unusable emulators: a script, an AArch64 ELF, text, a .o, nothing */
	snprintf(path, sizeof(path), "%s/script", WORK);
	ASSERT_EQ(0, xwrite_new(path, "#!/bin/sh\necho hi\n", 0755));
	snprintf(path, sizeof(path), "%s/foreign", WORK);
	ASSERT_EQ(0, xelf_write_arch(path, "aarch64", 0755));
	snprintf(path, sizeof(path), "%s/text", WORK);
	ASSERT_EQ(0, xwrite_new(path, "just some text, long enough for an ELF header......\n", 0755));
	snprintf(path, sizeof(path), "%s/relocatable", WORK);
	ASSERT_EQ(0, xelf_write(path, &(struct xelf){ .class = ELFCLASS64,
		.data = ELFDATA2LSB, .machine = EM_X86_64, .type = ET_REL }, 0755));
	snprintf(path, sizeof(path), "%s/empty", WORK);
	ASSERT_EQ(0, xwrite_new(path, "", 0755));
	/* opening a FIFO would block: the module must not try */
	snprintf(path, sizeof(path), "%s/fifo", WORK);
	ASSERT_EQ(0, mkfifo(path, 0755));

	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	ASSERT_EQ(0, xs_write("aarch64/credentials", "1"));
	ASSERT_EQ(0, xs_write("default_sysroot", "/tmp"));
	ASSERT_EQ(0, xs_write("aarch64/sysroot", "/tmp"));
	ASSERT_EQ(0, xs_write("arm/sysroot", "/usr"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /good"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /good-arm"));
	read_setting(variant->file, self->good, sizeof(self->good));
}

FIXTURE_TEARDOWN(bad_write)
{
	xs_reset();
	umount(WORK "/noexec-mnt");
	xrmtree(WORK);
}

TEST_F(bad_write, fails_and_keeps_old_setting)
{
	char after[PATH_MAX], *value;
	size_t len;
	int ret;

	if (!strcmp(variant->value, LONG_PATH)) {
		/* a full page: longer than any path */
		len = 4096;
		value = malloc(len + 1);
		ASSERT_NE(NULL, value);
		memset(value, 'a', len);
		value[0] = '/';
		value[len] = '\0';
	} else {
		value = strdup(variant->value);
		len = strlen(value);
	}
	ret = xs_write_n(variant->file, value, len);
	free(value);
	EXPECT_EQ(-variant->err, ret) TH_LOG("got %s", strerror(-ret));
	read_setting(variant->file, after, sizeof(after));
	EXPECT_STREQ(self->good, after);
	/* and everything else is intact too */
	read_setting("aarch64/emulator", after, sizeof(after));
	EXPECT_STREQ(xprobe_path(), after);
	read_setting("default_sysroot", after, sizeof(after));
	EXPECT_STREQ("/tmp", after);
	read_setting("aarch64/sysroot", after, sizeof(after));
	EXPECT_STREQ("/tmp", after);
	read_setting("arm/sysroot", after, sizeof(after));
	EXPECT_STREQ("/usr", after);
	EXPECT_EQ(2, (int)xs_read_ll_field("status", "ns_sysroots"));
	read_setting("aarch64/credentials", after, sizeof(after));
	EXPECT_STREQ("1", after);
	EXPECT_EQ(1, xs_read_ll("enabled"));
}

FIXTURE(sysfs) {
	int unused;
};

FIXTURE_SETUP(sysfs)
{
	ASSERT_EQ(0, xs_reset());
}

FIXTURE_TEARDOWN(sysfs)
{
	xs_reset();
}

static int file_mode(const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", XSYSFS, rel);
	if (stat(path, &st))
		return 0;
	return (int)(st.st_mode & 07777);
}

/* Every documented file exists with its mode; path files are 0600. */
TEST_F(sysfs, files_and_modes)
{
	char rel[64];
	size_t i;

	EXPECT_EQ(0644, file_mode("enabled"));
	EXPECT_EQ(0444, file_mode("status"));
	EXPECT_EQ(0600, file_mode("default_sysroot"));
	EXPECT_EQ(0600, file_mode("ns_sysroots"));
	for (i = 0; i < XARCH_NR_ARCHS; i++) {
		snprintf(rel, sizeof(rel), "%s/emulator", xarch_archs[i].name);
		EXPECT_EQ(0600, file_mode(rel));
		snprintf(rel, sizeof(rel), "%s/sysroot", xarch_archs[i].name);
		EXPECT_EQ(0600, file_mode(rel)) TH_LOG("%s", rel);
		snprintf(rel, sizeof(rel), "%s/enabled", xarch_archs[i].name);
		EXPECT_EQ(0644, file_mode(rel));
		snprintf(rel, sizeof(rel), "%s/credentials", xarch_archs[i].name);
		EXPECT_EQ(0644, file_mode(rel));
		snprintf(rel, sizeof(rel), "%s/execs", xarch_archs[i].name);
		EXPECT_EQ(0444, file_mode(rel));
		snprintf(rel, sizeof(rel), "%s/failures", xarch_archs[i].name);
		EXPECT_EQ(0444, file_mode(rel));
	}
}

/* Good writes, with or without newline; empty line clears. */
TEST_F(sysfs, good_writes_read_back)
{
	char buf[PATH_MAX];

	ASSERT_EQ(0, xs_write("aarch64/emulator", xprobe_path()));
	ASSERT_LT(0, xs_read("aarch64/emulator", buf, sizeof(buf)));
	EXPECT_STREQ(xprobe_path(), buf);
	ASSERT_EQ(0, xs_write("aarch64/emulator", "\n"));
	ASSERT_EQ(0, xs_read("aarch64/emulator", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);

	ASSERT_EQ(0, xs_write("riscv64/credentials", "on\n"));
	EXPECT_EQ(1, xs_read_ll("riscv64/credentials"));
	ASSERT_EQ(0, xs_write("riscv64/credentials", "n"));
	EXPECT_EQ(0, xs_read_ll("riscv64/credentials"));
	ASSERT_EQ(0, xs_write("s390x/enabled", "0"));
	EXPECT_EQ(0, xs_read_ll("s390x/enabled"));
	ASSERT_EQ(0, xs_write("enabled", "off"));
	EXPECT_EQ(0, xs_read_ll("enabled"));
	ASSERT_EQ(0, xs_write("enabled", "1\n"));
	EXPECT_EQ(1, xs_read_ll("enabled"));

	ASSERT_EQ(0, xs_write("default_sysroot", "/tmp/\n"));
	ASSERT_LT(0, xs_read("default_sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/tmp/", buf);
	ASSERT_EQ(0, xs_write("default_sysroot", "\n"));
	ASSERT_EQ(0, xs_read("default_sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);

	/* per arch, independent of each other and of the default */
	ASSERT_EQ(0, xs_write("default_sysroot", "/tmp"));
	ASSERT_EQ(0, xs_write("arm/sysroot", "/usr\n"));
	ASSERT_EQ(0, xs_write("aarch64/sysroot", "/"));
	ASSERT_LT(0, xs_read("arm/sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/usr", buf);
	ASSERT_LT(0, xs_read("aarch64/sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/", buf);
	ASSERT_EQ(0, xs_read("riscv64/sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	ASSERT_LT(0, xs_read("default_sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/tmp", buf);
	ASSERT_EQ(0, xs_write("arm/sysroot", "\n"));
	ASSERT_EQ(0, xs_read("arm/sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	ASSERT_LT(0, xs_read("aarch64/sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/", buf);
}

/* An embedded NUL is refused, the setting kept. */
TEST_F(sysfs, embedded_nul_refused)
{
	ASSERT_EQ(0, xs_write("aarch64/credentials", "1"));
	EXPECT_EQ(-EINVAL, xs_write_n("aarch64/credentials", "0\0", 2));
	EXPECT_EQ(1, xs_read_ll("aarch64/credentials"));
	EXPECT_EQ(-EINVAL, xs_write_n("default_sysroot", "/tmp\0/x", 7));
}

/* The value of "<key>=" on the status line of @arch, or "" (static buffer). */
static const char *status_field(const char *status, const char *arch,
				const char *key)
{
	static char val[32];
	char pat[64];
	const char *line, *end, *p;

	val[0] = '\0';
	snprintf(pat, sizeof(pat), "\n%s ", arch);
	line = strstr(status, pat);
	if (!line)
		return val;
	end = strchrnul(line + 1, '\n');
	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(line, pat);
	if (p && p < end)
		snprintf(val, sizeof(val), "%.*s", (int)strcspn(p + strlen(pat), " \n"),
			 p + strlen(pat));
	return val;
}

/* The status summary follows the configuration, without paths. */
TEST_F(sysfs, status_summary)
{
	char buf[4096];

	ASSERT_EQ(0, xs_set_emulator("ppc64", xprobe_path()));
	ASSERT_EQ(0, xs_write("ppc64/credentials", "1"));
	ASSERT_EQ(0, xs_write("mips64el/enabled", "0"));
	ASSERT_LT(0, xs_read("status", buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "enabled 1\nns_sysroots 0\n", 24)) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, "\nppc64 emulator=1 enabled=1 credentials=1 execs="));
	EXPECT_NE(NULL, strstr(buf, "\nmips64el emulator=0 enabled=0 credentials=0 "));
	EXPECT_NE(NULL, strstr(buf, "\naarch64 emulator=0 enabled=1 credentials=0 "));
	EXPECT_EQ(NULL, strchr(buf, '/'));
	EXPECT_STREQ("0", status_field(buf, "arm", "sysroot")) TH_LOG("%s", buf);

	/* per-arch sysroots are flagged, not shown; last on the line */
	ASSERT_EQ(0, xs_write("arm/sysroot", "/tmp"));
	ASSERT_LT(0, xs_read("status", buf, sizeof(buf)));
	EXPECT_STREQ("1", status_field(buf, "arm", "sysroot")) TH_LOG("%s", buf);
	EXPECT_STREQ("0", status_field(buf, "riscv64", "sysroot")) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, " sysroot=1\nriscv64 "));
	EXPECT_EQ(NULL, strchr(buf, '/'));
}

static unsigned long long ns_inum(const char *nsfile)
{
	struct stat st;

	if (stat(nsfile, &st))
		return 0;
	return st.st_ino;
}

/* Add, list, replace, delete in every form. */
TEST_F(sysfs, ns_sysroots_add_list_delete)
{
	unsigned long long ino = ns_inum("/proc/self/ns/mnt");
	char buf[4096], want[128];

	ASSERT_NE(0ULL, ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /first\n"));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "mnt:[%llu] /first", ino);
	EXPECT_STREQ(want, buf);
	EXPECT_EQ(1, xs_read_ll("status") >= 0);

	/* replacing keeps one entry */
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /with space"));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "mnt:[%llu] /with space", ino);
	EXPECT_STREQ(want, buf);

	ASSERT_EQ(0, xs_write("ns_sysroots", "-/proc/self/ns/mnt\n"));
	ASSERT_EQ(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	EXPECT_EQ(-ENOENT, xs_write("ns_sysroots", "-/proc/self/ns/mnt"));

	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /x"));
	snprintf(want, sizeof(want), "-mnt:[%llu]", ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", want));
	EXPECT_EQ(-ENOENT, xs_write("ns_sysroots", want));

	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /x"));
	snprintf(want, sizeof(want), "-%llu", ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", want));
	ASSERT_EQ(0, xs_read("ns_sysroots", buf, sizeof(buf)));
}

/*
 * Entries for one arch sit next to the one for every arch; the listing
 * names their arch; removal takes one arch, the every-arch entry ("*") or
 * all of the namespace's; writing the same (namespace, arch) replaces.
 */
TEST_F(sysfs, ns_sysroots_per_arch)
{
	unsigned long long ino = ns_inum("/proc/self/ns/mnt");
	char buf[4096], want[512];
	size_t i;

	ASSERT_NE(0ULL, ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /armhf root\n"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /all"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt aarch64 /arm64"));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want),
		 "mnt:[%llu] arm /armhf root\nmnt:[%llu] /all\nmnt:[%llu] aarch64 /arm64",
		 ino, ino, ino);
	EXPECT_STREQ(want, buf);
	EXPECT_EQ(3, (int)xs_read_ll_field("status", "ns_sysroots"));

	/* a duplicate replaces in place: same count, same order */
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /armhf-2"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt * /all-2"));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want),
		 "mnt:[%llu] arm /armhf-2\nmnt:[%llu] /all-2\nmnt:[%llu] aarch64 /arm64",
		 ino, ino, ino);
	EXPECT_STREQ(want, buf);
	EXPECT_EQ(3, (int)xs_read_ll_field("status", "ns_sysroots"));

	/* one arch */
	ASSERT_EQ(0, xs_write("ns_sysroots", "-/proc/self/ns/mnt arm\n"));
	EXPECT_EQ(-ENOENT, xs_write("ns_sysroots", "-/proc/self/ns/mnt arm"));
	/* the every-arch entry only */
	snprintf(want, sizeof(want), "-mnt:[%llu] *", ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", want));
	EXPECT_EQ(-ENOENT, xs_write("ns_sysroots", want));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "mnt:[%llu] aarch64 /arm64", ino);
	EXPECT_STREQ(want, buf);

	/* every entry of the namespace at once, by number */
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt arm /a"));
	ASSERT_EQ(0, xs_write("ns_sysroots", "/proc/self/ns/mnt /b"));
	snprintf(want, sizeof(want), "-%llu", ino);
	ASSERT_EQ(0, xs_write("ns_sysroots", want));
	ASSERT_EQ(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	EXPECT_EQ(0, (int)xs_read_ll_field("status", "ns_sysroots"));
	EXPECT_EQ(-ENOENT, xs_write("ns_sysroots", want));

	/* an entry for every known arch, each its own */
	for (i = 0; i < XARCH_NR_ARCHS; i++) {
		ASSERT_EQ(0, xs_writef("ns_sysroots", "/proc/self/ns/mnt %s /r-%s",
				       xarch_archs[i].name, xarch_archs[i].name))
			TH_LOG("%s", xarch_archs[i].name);
	}
	EXPECT_EQ((int)XARCH_NR_ARCHS, (int)xs_read_ll_field("status", "ns_sysroots"));
	ASSERT_LT(0, xs_read("ns_sysroots", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "mnt:[%llu] loongarch64 /r-loongarch64", ino);
	EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s", buf);
	ASSERT_EQ(0, xs_write("ns_sysroots", "-/proc/self/ns/mnt"));
	EXPECT_EQ(0, (int)xs_read_ll_field("status", "ns_sysroots"));
}

/* Sysroot lengths at the boundary: 128 bytes are accepted, 129 are not. */
FIXTURE(sysroot_len) {
	char path[256];
};

FIXTURE_VARIANT(sysroot_len) {
	const char *file;	/* written to */
	const char *prefix;	/* before the path, for ns_sysroots */
	size_t len;
	int err;
};

#define LEN(_name, _file, _prefix, _len, _err)				\
	FIXTURE_VARIANT_ADD(sysroot_len, _name) {			\
		.file = _file, .prefix = _prefix, .len = _len, .err = _err, \
	}

LEN(default_1, "default_sysroot", "", 1, 0);
LEN(default_127, "default_sysroot", "", 127, 0);
LEN(default_128, "default_sysroot", "", 128, 0);
LEN(default_129, "default_sysroot", "", 129, ENAMETOOLONG);
LEN(arch_1, "arm/sysroot", "", 1, 0);
LEN(arch_127, "arm/sysroot", "", 127, 0);
LEN(arch_128, "arm/sysroot", "", 128, 0);
LEN(arch_129, "arm/sysroot", "", 129, ENAMETOOLONG);
LEN(ns_all_128, "ns_sysroots", "/proc/self/ns/mnt ", 128, 0);
LEN(ns_all_129, "ns_sysroots", "/proc/self/ns/mnt ", 129, ENAMETOOLONG);
LEN(ns_arch_1, "ns_sysroots", "/proc/self/ns/mnt arm ", 1, 0);
LEN(ns_arch_128, "ns_sysroots", "/proc/self/ns/mnt loongarch64 ", 128, 0);
LEN(ns_arch_129, "ns_sysroots", "/proc/self/ns/mnt loongarch64 ", 129, ENAMETOOLONG);

FIXTURE_SETUP(sysroot_len)
{
	size_t n;

	ASSERT_EQ(0, xs_reset());
	xrmtree(WORK);
	ASSERT_EQ(0, mkdir(WORK, 0755));
	/* an existing directory whose path is exactly len bytes */
	if (variant->len == 1) {
		snprintf(self->path, sizeof(self->path), "/");
		return;
	}
	n = snprintf(self->path, sizeof(self->path), "%s/", WORK);
	ASSERT_LT(n, variant->len);
	memset(self->path + n, 'd', variant->len - n);
	self->path[variant->len] = '\0';
	ASSERT_EQ(0, mkdir(self->path, 0755));
}

FIXTURE_TEARDOWN(sysroot_len)
{
	xs_reset();
	xrmtree(WORK);
}

TEST_F(sysroot_len, accepted_up_to_128_bytes)
{
	char buf[512], want[512];
	int ret;

	ASSERT_EQ(variant->len, strlen(self->path));
	ret = xs_writef(variant->file, "%s%s\n", variant->prefix, self->path);
	EXPECT_EQ(-variant->err, ret) TH_LOG("len %zu: %s", variant->len,
					      strerror(-ret));
	ret = xs_read(variant->file, buf, sizeof(buf));
	ASSERT_LE(0, ret);
	if (variant->err) {
		EXPECT_STREQ("", buf);
	} else if (!*variant->prefix) {
		EXPECT_STREQ(self->path, buf);
	} else {
		/* "mnt:[N] [arch ]path": the path read back whole */
		snprintf(want, sizeof(want), " %s", self->path);
		EXPECT_EQ(0, strcmp(buf + strlen(buf) - strlen(want), want))
			TH_LOG("%s", buf);
	}
}

static int drop_to_nobody(void *arg)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
		return errno;
	return 0;
}

static int drop_cap_sys_admin(void *arg)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return errno;
	data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].permitted &= ~(1u << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data))
		return errno;
	return 0;
}

/* Root in a new user namespace, as in a container: uid 0 maps to 0. */
static int enter_user_namespace(void *arg)
{
	if (unshare(CLONE_NEWUSER))
		return errno;
	if (xwrite_file("/proc/self/setgroups", "deny") ||
	    xwrite_file("/proc/self/uid_map", "0 0 1") ||
	    xwrite_file("/proc/self/gid_map", "0 0 1"))
		return EPROTO;
	return 0;
}

static const char *const writable[] = {
	"enabled", "default_sysroot", "ns_sysroots",
	"aarch64/emulator", "aarch64/enabled", "aarch64/credentials",
	"aarch64/sysroot", "arm/sysroot",
};

/*
 * In a child prepared by @hook, try to write each writable file; print
 * "<file> <errno>" per file.
 */
static void try_writes(struct __test_metadata *_metadata, xrun_hook hook,
		       int open_err, int write_err)
{
	struct xrun *r = malloc(sizeof(*r));
	char want[128], emu[PATH_MAX];
	size_t i;
	pid_t pid;
	int st, fd;

	ASSERT_NE(NULL, r);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int ret = hook(NULL);

		if (ret) {
			printf("hook failed: %s\n", strerror(ret));
			_exit(2);
		}
		for (i = 0; i < sizeof(writable) / sizeof(writable[0]); i++) {
			char path[128];
			int err = 0;

			snprintf(path, sizeof(path), XSYSFS "/%s", writable[i]);
			fd = open(path, O_WRONLY);
			if (fd < 0) {
				err = errno;
				if (err != open_err)
					_exit(10 + i);
				continue;
			}
			if (write(fd, "/tmp\n", 5) >= 0)
				_exit(30 + i);
			err = errno;
			close(fd);
			if (err != write_err)
				_exit(50 + i);
		}
		/* and path files cannot be read */
		fd = open(XSYSFS "/aarch64/emulator", O_RDONLY);
		if (open_err && fd >= 0)
			_exit(70);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st)) TH_LOG("failed at step %d", WEXITSTATUS(st));

	/* nothing changed */
	EXPECT_EQ(1, xs_read_ll("enabled"));
	EXPECT_EQ(0, xs_read_ll("aarch64/credentials"));
	ASSERT_LT(0, xs_read("aarch64/emulator", emu, sizeof(emu)));
	EXPECT_STREQ(xprobe_path(), emu);
	ASSERT_EQ(0, xs_read("default_sysroot", want, sizeof(want)));
	ASSERT_EQ(0, xs_read("aarch64/sysroot", want, sizeof(want)));
	ASSERT_EQ(0, xs_read("arm/sysroot", want, sizeof(want)));
	ASSERT_EQ(0, xs_read("ns_sysroots", want, sizeof(want)));
	free(r);
}

TEST_F(sysfs, unprivileged_user_refused)
{
	ASSERT_EQ(0, xroot_searchable());
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	try_writes(_metadata, drop_to_nobody, EACCES, 0);
}

TEST_F(sysfs, root_without_cap_sys_admin_refused)
{
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	try_writes(_metadata, drop_cap_sys_admin, 0, EPERM);
}

/*
 * A descriptor opened without CAP_SYS_ADMIN cannot be used to write even by
 * a process that has it (a privileged program handed such a descriptor as
 * its stdout, say): the opener is checked as well as the writer.
 */
TEST_F(sysfs, opener_without_cap_sys_admin_refused)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	unsigned int bit = 1u << (CAP_SYS_ADMIN % 32);
	int fds[sizeof(writable) / sizeof(writable[0])];
	char path[128], buf[256];
	size_t i;
	pid_t pid;
	int st;

	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (syscall(SYS_capget, &hdr, data))
			_exit(2);
		data[CAP_SYS_ADMIN / 32].effective &= ~bit;
		if (syscall(SYS_capset, &hdr, data))
			_exit(3);
		for (i = 0; i < sizeof(writable) / sizeof(writable[0]); i++) {
			snprintf(path, sizeof(path), XSYSFS "/%s", writable[i]);
			fds[i] = open(path, O_WRONLY);
			if (fds[i] < 0)
				_exit(10 + i);
		}
		data[CAP_SYS_ADMIN / 32].effective |= bit;
		if (syscall(SYS_capset, &hdr, data))
			_exit(4);
		for (i = 0; i < sizeof(writable) / sizeof(writable[0]); i++) {
			if (write(fds[i], "/tmp\n", 5) >= 0)
				_exit(30 + i);
			if (errno != EPERM)
				_exit(50 + i);
			close(fds[i]);
		}
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st)) TH_LOG("failed at step %d", WEXITSTATUS(st));
	ASSERT_EQ(0, xs_read("default_sysroot", buf, sizeof(buf)));
	/* opened and written with the capability: fine */
	EXPECT_EQ(0, xs_write("default_sysroot", "/tmp\n"));
	ASSERT_LT(0, xs_read("default_sysroot", buf, sizeof(buf)));
	EXPECT_STREQ("/tmp", buf);
}

TEST_F(sysfs, user_namespace_root_refused)
{
	ASSERT_EQ(0, xs_set_emulator("aarch64", xprobe_path()));
	try_writes(_metadata, enter_user_namespace, 0, EPERM);
}

/* An existing executable at a path of exactly @len bytes, in @path. */
static int long_path(char *path, size_t len)
{
	size_t n;

	n = snprintf(path, 4096, "%s", WORK);
	while (n + 1 + 200 + 1 + 50 <= len) {
		path[n] = '/';
		memset(path + n + 1, 'd', 200);
		path[n + 201] = '\0';
		n += 201;
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
	}
	path[n] = '/';
	memset(path + n + 1, 'e', len - n - 1);
	path[len] = '\0';
	return xcopy(xprobe_path(), path, 0755);
}

/*
 * The longest emulator path, 4094 bytes, reads back whole with its
 * newline; one of 4095 bytes (which would read back without it) is refused.
 */
TEST_F(sysfs, longest_emulator_path_reads_back)
{
	char path[4096], buf[4200];
	ssize_t n;
	int fd;

	xrmtree(WORK);
	ASSERT_EQ(0, mkdir(WORK, 0755));
	ASSERT_EQ(0, long_path(path, 4095));
	EXPECT_EQ(-ENAMETOOLONG, xs_set_emulator("aarch64", path));
	ASSERT_EQ(0, long_path(path, 4094));
	ASSERT_EQ(4094U, strlen(path));
	ASSERT_EQ(0, xs_set_emulator("aarch64", path));
	fd = open(XSYSFS "/aarch64/emulator", O_RDONLY);
	ASSERT_LE(0, fd);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	ASSERT_EQ(4095, n);
	EXPECT_EQ('\n', buf[4094]);
	EXPECT_EQ(0, memcmp(buf, path, 4094));
	xs_reset();
	xrmtree(WORK);
}

TEST_HARNESS_MAIN
