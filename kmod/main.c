// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch: run foreign-architecture ELF programs under an emulator.
 *
 * A foreign ELF executable is recognised from its header, and exec is
 * redirected to the emulator configured for its architecture.  The emulator
 * was opened when it was configured, so it runs even where it is not visible
 * (chroots, containers).  The guest is handed over as AT_EXECFD and the
 * original argv[0] is kept, which is what qemu-user expects too:
 *
 *   [emulator, -L <sysroot> (when one applies), --, <path>, <argv0>, argv1, ...]
 *
 * <path> is the caller's choice and may look like an option: the "--" ends
 * the emulator's options whatever it is.  While the program runs, the guest
 * file is write-protected like a native executable (guard.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/elf.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "compat.h"
#include "xarch.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH	258
#endif

#define XARCH_ARCH(_name, _machine, _class, _data) {			\
	.name = _name, .machine = _machine, .class = _class,		\
	.data = _data, .enabled = true,					\
}

/*
 * Foreign architectures.  The host's own machines (x86_64, x32, i386) are
 * deliberately absent: a native binary never matches.
 */
struct xarch_arch xarch_arches[] = {
	XARCH_ARCH("aarch64", EM_AARCH64, ELFCLASS64, ELFDATA2LSB),
	XARCH_ARCH("arm", EM_ARM, ELFCLASS32, ELFDATA2LSB),
	XARCH_ARCH("riscv64", EM_RISCV, ELFCLASS64, ELFDATA2LSB),
	XARCH_ARCH("riscv32", EM_RISCV, ELFCLASS32, ELFDATA2LSB),
	XARCH_ARCH("ppc64le", EM_PPC64, ELFCLASS64, ELFDATA2LSB),
	XARCH_ARCH("ppc64", EM_PPC64, ELFCLASS64, ELFDATA2MSB),
	XARCH_ARCH("s390x", EM_S390, ELFCLASS64, ELFDATA2MSB),
	XARCH_ARCH("mips64el", EM_MIPS, ELFCLASS64, ELFDATA2LSB),
	XARCH_ARCH("loongarch64", EM_LOONGARCH, ELFCLASS64, ELFDATA2LSB),
};

const unsigned int xarch_nr_arches = ARRAY_SIZE(xarch_arches);

/* Global switch, read locklessly on every exec. */
bool xarch_enabled = true;

static char *emulator_dir = "/usr/lib/xarch";
module_param(emulator_dir, charp, 0444);
MODULE_PARM_DESC(emulator_dir,
		 "Directory searched at load time for xarch-<arch> emulators (default /usr/lib/xarch)");

static u16 xarch_rd16(const u8 *p, bool be)
{
	return be ? (p[0] << 8) | p[1] : (p[1] << 8) | p[0];
}

static u32 xarch_rd32(const u8 *p, bool be)
{
	return be ? ((u32)xarch_rd16(p, true) << 16) | xarch_rd16(p + 2, true) :
		    ((u32)xarch_rd16(p + 2, false) << 16) | xarch_rd16(p, false);
}

static u64 xarch_rd64(const u8 *p, bool be)
{
	return be ? ((u64)xarch_rd32(p, true) << 32) | xarch_rd32(p + 4, true) :
		    ((u64)xarch_rd32(p + 4, false) << 32) | xarch_rd32(p, false);
}

/**
 * xarch_match() - find the foreign architecture of an executable
 * @bprm: the exec in progress; only bprm->buf and the file size are used
 *
 * The header must be a complete, consistent ELF executable header: known
 * class and byte order, current version, ET_EXEC or ET_DYN, a program header
 * table of the right entry size lying inside the file.  Multi-byte fields
 * are read in the file's own byte order.
 *
 * Return: the matching table entry, or NULL.
 */
static struct xarch_arch *xarch_match(const struct linux_binprm *bprm)
{
	const u8 *h = (const u8 *)bprm->buf;
	loff_t size = i_size_read(file_inode(bprm->file));
	u16 type, machine, ehsize, phentsize, phnum;
	u16 want_ehsize, want_phentsize;
	u64 phoff;
	bool be;
	unsigned int i;

	BUILD_BUG_ON(sizeof(struct elf64_hdr) > BINPRM_BUF_SIZE);

	if (memcmp(h, ELFMAG, SELFMAG) != 0)
		return NULL;
	if (h[EI_VERSION] != EV_CURRENT)
		return NULL;
	if (h[EI_DATA] != ELFDATA2LSB && h[EI_DATA] != ELFDATA2MSB)
		return NULL;
	be = h[EI_DATA] == ELFDATA2MSB;

	if (h[EI_CLASS] == ELFCLASS64) {
		want_ehsize = sizeof(struct elf64_hdr);
		want_phentsize = sizeof(struct elf64_phdr);
		type = xarch_rd16(h + offsetof(struct elf64_hdr, e_type), be);
		machine = xarch_rd16(h + offsetof(struct elf64_hdr, e_machine), be);
		if (xarch_rd32(h + offsetof(struct elf64_hdr, e_version), be) != EV_CURRENT)
			return NULL;
		phoff = xarch_rd64(h + offsetof(struct elf64_hdr, e_phoff), be);
		ehsize = xarch_rd16(h + offsetof(struct elf64_hdr, e_ehsize), be);
		phentsize = xarch_rd16(h + offsetof(struct elf64_hdr, e_phentsize), be);
		phnum = xarch_rd16(h + offsetof(struct elf64_hdr, e_phnum), be);
	} else if (h[EI_CLASS] == ELFCLASS32) {
		want_ehsize = sizeof(struct elf32_hdr);
		want_phentsize = sizeof(struct elf32_phdr);
		type = xarch_rd16(h + offsetof(struct elf32_hdr, e_type), be);
		machine = xarch_rd16(h + offsetof(struct elf32_hdr, e_machine), be);
		if (xarch_rd32(h + offsetof(struct elf32_hdr, e_version), be) != EV_CURRENT)
			return NULL;
		phoff = xarch_rd32(h + offsetof(struct elf32_hdr, e_phoff), be);
		ehsize = xarch_rd16(h + offsetof(struct elf32_hdr, e_ehsize), be);
		phentsize = xarch_rd16(h + offsetof(struct elf32_hdr, e_phentsize), be);
		phnum = xarch_rd16(h + offsetof(struct elf32_hdr, e_phnum), be);
	} else {
		return NULL;
	}

	if (type != ET_EXEC && type != ET_DYN)
		return NULL;
	if (ehsize != want_ehsize || phentsize != want_phentsize || !phnum)
		return NULL;
	/* Truncated files: the header and program headers must be present. */
	if (size < want_ehsize || phoff > size ||
	    (u64)phnum * phentsize > size - phoff)
		return NULL;

	for (i = 0; i < xarch_nr_arches; i++) {
		struct xarch_arch *arch = &xarch_arches[i];

		if (arch->machine == machine && arch->class == h[EI_CLASS] &&
		    arch->data == h[EI_DATA])
			return arch;
	}
	return NULL;
}

/**
 * xarch_push_args() - prepend the emulator's arguments to the new argv
 * @bprm:    the exec in progress, argv[0] already preserved
 * @emu:     the emulator
 * @sysroot: sysroot to pass with -L, or NULL
 *
 * Strings are pushed in reverse, in front of the original argv[0]: the
 * emulator's path, "-L <sysroot>" when one applies, "--", and the path the
 * program was executed by.
 *
 * Return: 0 or a negative errno.
 */
static int xarch_push_args(struct linux_binprm *bprm,
			   const struct xarch_emu *emu, const char *sysroot)
{
	int ret;

	ret = copy_string_kernel(bprm->interp, bprm);
	if (ret < 0)
		return ret;
	bprm->argc++;

	ret = copy_string_kernel("--", bprm);
	if (ret < 0)
		return ret;
	bprm->argc++;

	if (sysroot) {
		ret = copy_string_kernel(sysroot, bprm);
		if (ret < 0)
			return ret;
		bprm->argc++;
		ret = copy_string_kernel("-L", bprm);
		if (ret < 0)
			return ret;
		bprm->argc++;
	}

	ret = copy_string_kernel(emu->path, bprm);
	if (ret < 0)
		return ret;
	bprm->argc++;

	return bprm_change_interp(emu->path, bprm);
}

static const char * const xarch_why_text[XARCH_WHY_NR] = {
	[XARCH_WHY_DISABLED] = "binfmt_xarch is disabled",
	[XARCH_WHY_ARCH_DISABLED] = "the architecture is disabled",
	[XARCH_WHY_NO_EMULATOR] = "no emulator is configured",
	[XARCH_WHY_EMULATOR_ITSELF] = "it is the emulator itself",
	[XARCH_WHY_NESTED] =
		"it is the interpreter of a binary already handed over by file descriptor",
	[XARCH_WHY_PATH_INACCESSIBLE] = "its path is inaccessible after exec",
};

/* Refusals logged beyond the first of each kind: at most 10 per 5 s. */
static DEFINE_RATELIMIT_STATE(xarch_refusal_rs, 5 * HZ, 10);

/**
 * xarch_log_refusal() - say why a foreign binary is not run
 * @arch: its architecture
 * @why:  the reason
 * @path: the path it was executed by, chosen by the caller
 *
 * The path is printed with non-printable bytes escaped, so that a file
 * name cannot forge a line of its own.  The first refusal of each kind for
 * each arch since its configuration last changed is always logged; later
 * ones share a rate limit that unprivileged execs can exhaust, so flooding
 * can hide repeats but never the first message about a new state.
 */
static void xarch_log_refusal(struct xarch_arch *arch, enum xarch_why why,
			      const char *path)
{
	bool first = !test_and_set_bit(why, &arch->warned);

	if (!first && !__ratelimit(&xarch_refusal_rs))
		return;
	pr_warn("%*pE (%s): not run: %s (uid %u)\n", (int)strlen(path), path,
		arch->name, xarch_why_text[why],
		from_kuid_munged(&init_user_ns, current_uid()));
}

/**
 * xarch_load_binary() - binfmt handler
 * @bprm: the exec in progress
 *
 * Everything is decided before anything in @bprm changes: a binary that is
 * not ours, or that cannot be dispatched, leaves the exec untouched and
 * returns -ENOEXEC so other handlers may still take it.
 *
 * Return: 0 when the exec now continues with the emulator, else an errno.
 */
static int xarch_load_binary(struct linux_binprm *bprm)
{
	char sysroot[XARCH_SYSROOT_MAX + 1];
	struct xarch_arch *arch;
	struct xarch_emu *emu;
	struct file *interp;
	bool have_sysroot;
	enum xarch_why why;
	int ret;

	arch = xarch_match(bprm);
	if (!arch)
		return -ENOEXEC;

	emu = xarch_emu_get(arch);
	ret = -ENOEXEC;
	if (!READ_ONCE(xarch_enabled)) {
		why = XARCH_WHY_DISABLED;
	} else if (!READ_ONCE(arch->enabled)) {
		why = XARCH_WHY_ARCH_DISABLED;
	} else if (!emu) {
		why = XARCH_WHY_NO_EMULATOR;
	} else if (file_inode(emu->file) == file_inode(bprm->file)) {
		why = XARCH_WHY_EMULATOR_ITSELF;
	} else if (bprm->have_execfd) {
		why = XARCH_WHY_NESTED;
	} else if (bprm->interp_flags & BINPRM_FLAGS_PATH_INACCESSIBLE) {
		/* Like binfmt_misc: /dev/fd/N will be gone after exec. */
		why = XARCH_WHY_PATH_INACCESSIBLE;
		ret = -ENOENT;
	} else {
		why = XARCH_WHY_NONE;
	}
	if (why != XARCH_WHY_NONE) {
		xarch_log_refusal(arch, why, bprm->interp);
		goto put_emu;
	}

	have_sysroot = xarch_current_sysroot(arch, sysroot, sizeof(sysroot));

	interp = file_clone_open(emu->file);
	if (IS_ERR(interp)) {
		ret = PTR_ERR(interp);
		goto put_emu;
	}
	ret = xarch_deny_write(interp);
	if (ret)
		goto put_interp;

	bprm->interp_flags |= BINPRM_FLAGS_PRESERVE_ARGV0;
	ret = xarch_push_args(bprm, emu, have_sysroot ? sysroot : NULL);
	if (ret)
		goto allow_write;

	/* From here on the exec goes on; the guard lives as long as bprm->mm. */
	xarch_guard_running(bprm);

	bprm->interpreter = interp;
	bprm->have_execfd = 1;
	bprm->execfd_creds = READ_ONCE(arch->creds);
	atomic64_inc(&arch->execs);
	xarch_emu_put(emu);
	return 0;

allow_write:
	xarch_allow_write(interp);
put_interp:
	fput(interp);
put_emu:
	atomic64_inc(&arch->failures);
	if (emu)
		xarch_emu_put(emu);
	return ret;
}

static struct linux_binfmt xarch_format = {
	.module		= THIS_MODULE,
	.load_binary	= xarch_load_binary,
};

/**
 * xarch_autoconfigure() - set the emulators found in emulator_dir
 *
 * Every arch whose xarch-<arch> exists in emulator_dir gets it as its
 * emulator, so that loading the module is all it takes.  A missing file
 * is not an error; an unusable one is reported and skipped.
 */
static void __init xarch_autoconfigure(void)
{
	unsigned int i;
	char *path;
	int ret;

	if (!emulator_dir || emulator_dir[0] != '/') {
		pr_warn("emulator_dir must be an absolute path, not configuring emulators\n");
		return;
	}

	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path)
		return;

	for (i = 0; i < xarch_nr_arches; i++) {
		struct xarch_arch *arch = &xarch_arches[i];

		if (snprintf(path, PATH_MAX, "%s/xarch-%s", emulator_dir,
			     arch->name) >= PATH_MAX)
			continue;
		ret = xarch_set_emulator(arch, path);
		if (!ret)
			pr_info("%s: emulator %s\n", arch->name, path);
		else if (ret != -ENOENT)
			pr_warn("%s: cannot use %s: error %d\n",
				arch->name, path, ret);
	}
	kfree(path);
}

static int __init xarch_init(void)
{
	int ret;

	ret = xarch_sysfs_init();
	if (ret)
		return ret;

	xarch_autoconfigure();
	/*
	 * At the head of the handler list, ahead of binfmt_misc (which also
	 * inserts itself there) when it was loaded first: the soft dependency
	 * below makes modprobe load it first.  So when both match a program
	 * (qemu-user-static's entries), binfmt_xarch runs it if it has an
	 * enabled emulator for the arch; otherwise it returns -ENOEXEC early
	 * and binfmt_misc, then binfmt_elf, still get it.
	 */
	insert_binfmt(&xarch_format);
	return 0;
}

static void __exit xarch_exit(void)
{
	/* No new execs reach us; running ones hold a module reference. */
	unregister_binfmt(&xarch_format);
	/* Running foreign programs become writable, as after any exit. */
	xarch_guard_release_all();
	/* Waits for sysfs readers and writers to finish. */
	xarch_sysfs_exit();
	xarch_config_release();
}

module_init(xarch_init);
module_exit(xarch_exit);

MODULE_DESCRIPTION("Run foreign-architecture ELF programs under an emulator");
MODULE_AUTHOR("xarch developers");
MODULE_LICENSE("GPL");
MODULE_SOFTDEP("pre: binfmt_misc");
