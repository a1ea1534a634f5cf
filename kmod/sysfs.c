// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch sysfs interface, /sys/kernel/binfmt_xarch/.
 * Documented in docs/ABI/sysfs-kernel-binfmt_xarch.
 *
 * Every write needs CAP_SYS_ADMIN in the initial user namespace, both in
 * whoever opened the file and in whoever writes to it, so neither an
 * unprivileged user nor a container (even with /sys mounted writable) can
 * change the host's configuration, nor hand a privileged process a
 * descriptor to do it for them.  Files holding paths are 0600.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "compat.h"
#include "xarch.h"

static struct kobject *xarch_kobj;

static struct xarch_arch *xarch_kobj_arch(struct kobject *kobj)
{
	unsigned int i;

	for (i = 0; i < xarch_nr_arches; i++)
		if (xarch_arches[i].kobj == kobj)
			return &xarch_arches[i];
	return NULL;
}

/**
 * xarch_store_prepare() - common checks for every write
 * @buf:   the written bytes (NUL-terminated by sysfs)
 * @count: their number
 *
 * Return: a copy of @buf without its one trailing newline, or an ERR_PTR():
 * -EPERM without CAP_SYS_ADMIN, -EINVAL for embedded NULs.
 */
static char *xarch_store_prepare(const char *buf, size_t count)
{
	char *copy;

	if (!capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	if (strnlen(buf, count) != count)
		return ERR_PTR(-EINVAL);
	copy = kmemdup_nul(buf, count, GFP_KERNEL);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	if (count && copy[count - 1] == '\n')
		copy[count - 1] = '\0';
	return copy;
}

/*
 * kstrtobool() looks at the first characters only ("yes please" is true);
 * a setting must be exactly one of these words.
 */
static const char * const xarch_false_words[] = { "0", "n", "no", "off" };
static const char * const xarch_true_words[] = { "1", "y", "yes", "on" };

static int xarch_parse_bool(const char *s, bool *val)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(xarch_true_words); i++) {
		if (!strcasecmp(s, xarch_true_words[i])) {
			*val = true;
			return 0;
		}
		if (!strcasecmp(s, xarch_false_words[i])) {
			*val = false;
			return 0;
		}
	}
	return -EINVAL;
}

static ssize_t xarch_store_bool(bool *val, const char *buf, size_t count)
{
	char *copy = xarch_store_prepare(buf, count);
	bool v;
	int ret;

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	ret = xarch_parse_bool(copy, &v);
	kfree(copy);
	if (ret)
		return ret;
	WRITE_ONCE(*val, v);
	return count;
}

/**
 * struct xarch_text_attr - a writable file
 * @bin:   the sysfs file
 * @show:  prints the setting into a page, as a kobj_attribute's show does
 * @store: takes one whole write, as a kobj_attribute's store does
 *
 * Writable files are binary attributes because only their handlers are
 * given the open file, whose credentials (the opener's) must be checked
 * too.  They hold text all the same: a read returns what @show prints, and
 * each write at offset 0 is one complete setting.
 */
struct xarch_text_attr {
	struct bin_attribute bin;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count);
};

static ssize_t xarch_text_read(struct file *file, struct kobject *kobj,
			       XARCH_BIN_ATTR_CB_CONST struct bin_attribute *bin,
			       char *buf, loff_t off, size_t count)
{
	const struct xarch_text_attr *a =
		container_of(bin, struct xarch_text_attr, bin);
	char *page = (char *)get_zeroed_page(GFP_KERNEL);
	ssize_t len;

	if (!page)
		return -ENOMEM;
	len = a->show(kobj, NULL, page);
	if (len >= 0)
		len = memory_read_from_buffer(buf, count, &off, page, len);
	free_page((unsigned long)page);
	return len;
}

/**
 * xarch_text_write() - one write to a writable file
 * @file:  the open file
 * @kobj:  its directory
 * @bin:   the attribute
 * @buf:   the bytes written
 * @off:   file offset; only 0 (one setting per write) is accepted
 * @count: number of bytes
 *
 * Return: @count, or -EPERM when the file was opened without
 * CAP_SYS_ADMIN in the initial user namespace, -EINVAL at a non-zero
 * offset, or the error of the setting (which checks the writer).
 */
static ssize_t xarch_text_write(struct file *file, struct kobject *kobj,
				XARCH_BIN_ATTR_CB_CONST struct bin_attribute *bin,
				char *buf, loff_t off, size_t count)
{
	const struct xarch_text_attr *a =
		container_of(bin, struct xarch_text_attr, bin);

	if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (off)
		return -EINVAL;
	return a->store(kobj, NULL, buf, count);
}

#define XARCH_TEXT_ATTR(_var, _name, _mode, _show, _store)		\
	static struct xarch_text_attr _var = {				\
		.bin = {						\
			.attr = { .name = _name, .mode = _mode },	\
			.read = xarch_text_read,			\
			.write = xarch_text_write,			\
		},							\
		.show = _show,						\
		.store = _store,					\
	}

/* Global files. */

static ssize_t enabled_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(xarch_enabled));
}

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	ssize_t ret = xarch_store_bool(&xarch_enabled, buf, count);

	if (ret > 0)
		xarch_config_changed(NULL);
	return ret;
}

static ssize_t default_sysroot_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	return xarch_show_default_sysroot(buf);
}

static ssize_t default_sysroot_store(struct kobject *kobj,
				     struct kobj_attribute *attr,
				     const char *buf, size_t count)
{
	char *copy = xarch_store_prepare(buf, count);
	int ret;

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	ret = xarch_set_default_sysroot(copy);
	kfree(copy);
	return ret ? ret : count;
}

static ssize_t ns_sysroots_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return xarch_ns_sysroot_show(buf);
}

static ssize_t ns_sysroots_store(struct kobject *kobj,
				 struct kobj_attribute *attr,
				 const char *buf, size_t count)
{
	char *copy = xarch_store_prepare(buf, count);
	int ret;

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	ret = xarch_ns_sysroot_write(copy);
	kfree(copy);
	return ret ? ret : count;
}

static ssize_t status_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	struct xarch_emu *emu;
	ssize_t len;
	unsigned int i;

	len = sysfs_emit(buf, "enabled %d\nns_sysroots %u\n",
			 READ_ONCE(xarch_enabled), xarch_ns_sysroot_count());
	for (i = 0; i < xarch_nr_arches; i++) {
		struct xarch_arch *arch = &xarch_arches[i];

		emu = xarch_emu_get(arch);
		len += sysfs_emit_at(buf, len,
				     "%s emulator=%d enabled=%d credentials=%d execs=%lld failures=%lld sysroot=%d\n",
				     arch->name, !!emu, READ_ONCE(arch->enabled),
				     READ_ONCE(arch->creds),
				     (long long)atomic64_read(&arch->execs),
				     (long long)atomic64_read(&arch->failures),
				     xarch_arch_has_sysroot(arch));
		if (emu)
			xarch_emu_put(emu);
	}
	return len;
}

XARCH_TEXT_ATTR(xarch_attr_enabled, "enabled", 0644, enabled_show,
		enabled_store);
XARCH_TEXT_ATTR(xarch_attr_default_sysroot, "default_sysroot", 0600,
		default_sysroot_show, default_sysroot_store);
XARCH_TEXT_ATTR(xarch_attr_ns_sysroots, "ns_sysroots", 0600,
		ns_sysroots_show, ns_sysroots_store);
static struct kobj_attribute xarch_attr_status = __ATTR_RO(status);

static struct attribute *xarch_global_attrs[] = {
	&xarch_attr_status.attr,
	NULL,
};

static XARCH_BIN_ATTRS_CONST struct bin_attribute *xarch_global_bin_attrs[] = {
	&xarch_attr_enabled.bin,
	&xarch_attr_default_sysroot.bin,
	&xarch_attr_ns_sysroots.bin,
	NULL,
};

static const struct attribute_group xarch_global_group = {
	.attrs = xarch_global_attrs,
	.bin_attrs = xarch_global_bin_attrs,
};

/* Per-arch files, in /sys/kernel/binfmt_xarch/<arch>/. */

static ssize_t emulator_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return xarch_show_emulator(xarch_kobj_arch(kobj), buf);
}

static ssize_t emulator_store(struct kobject *kobj, struct kobj_attribute *attr,
			      const char *buf, size_t count)
{
	char *copy = xarch_store_prepare(buf, count);
	int ret;

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	ret = xarch_set_emulator(xarch_kobj_arch(kobj), copy);
	kfree(copy);
	return ret ? ret : count;
}

static ssize_t arch_sysroot_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return xarch_show_arch_sysroot(xarch_kobj_arch(kobj), buf);
}

static ssize_t arch_sysroot_store(struct kobject *kobj,
				  struct kobj_attribute *attr,
				  const char *buf, size_t count)
{
	char *copy = xarch_store_prepare(buf, count);
	int ret;

	if (IS_ERR(copy))
		return PTR_ERR(copy);
	ret = xarch_set_arch_sysroot(xarch_kobj_arch(kobj), copy);
	kfree(copy);
	return ret ? ret : count;
}

static ssize_t arch_enabled_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(xarch_kobj_arch(kobj)->enabled));
}

static ssize_t arch_enabled_store(struct kobject *kobj,
				  struct kobj_attribute *attr,
				  const char *buf, size_t count)
{
	struct xarch_arch *arch = xarch_kobj_arch(kobj);
	ssize_t ret = xarch_store_bool(&arch->enabled, buf, count);

	if (ret > 0)
		xarch_config_changed(arch);
	return ret;
}

static ssize_t credentials_show(struct kobject *kobj,
				struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(xarch_kobj_arch(kobj)->creds));
}

static ssize_t credentials_store(struct kobject *kobj,
				 struct kobj_attribute *attr,
				 const char *buf, size_t count)
{
	return xarch_store_bool(&xarch_kobj_arch(kobj)->creds, buf, count);
}

static ssize_t execs_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&xarch_kobj_arch(kobj)->execs));
}

static ssize_t failures_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&xarch_kobj_arch(kobj)->failures));
}

XARCH_TEXT_ATTR(xarch_attr_emulator, "emulator", 0600, emulator_show,
		emulator_store);
XARCH_TEXT_ATTR(xarch_attr_arch_sysroot, "sysroot", 0600, arch_sysroot_show,
		arch_sysroot_store);
XARCH_TEXT_ATTR(xarch_attr_arch_enabled, "enabled", 0644, arch_enabled_show,
		arch_enabled_store);
XARCH_TEXT_ATTR(xarch_attr_credentials, "credentials", 0644,
		credentials_show, credentials_store);
static struct kobj_attribute xarch_attr_execs = __ATTR_RO(execs);
static struct kobj_attribute xarch_attr_failures = __ATTR_RO(failures);

static struct attribute *xarch_arch_attrs[] = {
	&xarch_attr_execs.attr,
	&xarch_attr_failures.attr,
	NULL,
};

static XARCH_BIN_ATTRS_CONST struct bin_attribute *xarch_arch_bin_attrs[] = {
	&xarch_attr_emulator.bin,
	&xarch_attr_arch_sysroot.bin,
	&xarch_attr_arch_enabled.bin,
	&xarch_attr_credentials.bin,
	NULL,
};

static const struct attribute_group xarch_arch_group = {
	.attrs = xarch_arch_attrs,
	.bin_attrs = xarch_arch_bin_attrs,
};

/**
 * xarch_sysfs_init() - create /sys/kernel/binfmt_xarch and its arch dirs
 *
 * Return: 0 or a negative errno, with nothing left behind on error.
 */
int xarch_sysfs_init(void)
{
	unsigned int i;
	int ret;

	xarch_kobj = kobject_create_and_add("binfmt_xarch", kernel_kobj);
	if (!xarch_kobj)
		return -ENOMEM;

	for (i = 0; i < xarch_nr_arches; i++) {
		struct xarch_arch *arch = &xarch_arches[i];

		arch->kobj = kobject_create_and_add(arch->name, xarch_kobj);
		if (!arch->kobj) {
			ret = -ENOMEM;
			goto remove_arch_dirs;
		}
		ret = sysfs_create_group(arch->kobj, &xarch_arch_group);
		if (ret) {
			kobject_put(arch->kobj);
			arch->kobj = NULL;
			goto remove_arch_dirs;
		}
	}

	ret = sysfs_create_group(xarch_kobj, &xarch_global_group);
	if (ret)
		goto remove_arch_dirs;
	return 0;

remove_arch_dirs:
	xarch_sysfs_exit();
	return ret;
}

/**
 * xarch_sysfs_exit() - remove the sysfs tree
 *
 * Waits for running show and store calls to return.
 */
void xarch_sysfs_exit(void)
{
	unsigned int i;

	for (i = 0; i < xarch_nr_arches; i++) {
		kobject_put(xarch_arches[i].kobj);
		xarch_arches[i].kobj = NULL;
	}
	kobject_put(xarch_kobj);
	xarch_kobj = NULL;
}
