/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Differences between the kernels binfmt_xarch is built for.
 *
 * Each XARCH_HAVE_* symbol is defined by a feature probe in kmod/Kbuild that
 * inspects the headers of the kernel being built against.
 */
#ifndef XARCH_COMPAT_H
#define XARCH_COMPAT_H

#include <linux/fs.h>
#include <linux/ns_common.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/sysfs.h>

/*
 * Executables and interpreters have writes to them denied while in use.
 * Newer kernels (and some stable series) wrap the i_writecount dance in
 * exe_file_{deny,allow}_write_access() so that files with pre-content
 * watches are exempt; exec.c then pairs with those, so we must as well.
 *
 * The module also relies on open_exec() denying writes to the file it
 * returns (undone with xarch_allow_write() when the emulator is dropped),
 * as it does on every kernel supported; 6.13 alone did not.
 */
#ifdef XARCH_HAVE_EXE_FILE_DENY_WRITE_ACCESS
static inline int xarch_deny_write(struct file *file)
{
	return exe_file_deny_write_access(file);
}

static inline void xarch_allow_write(struct file *file)
{
	exe_file_allow_write_access(file);
}
#else
static inline int xarch_deny_write(struct file *file)
{
	return deny_write_access(file);
}

static inline void xarch_allow_write(struct file *file)
{
	allow_write_access(file);
}
#endif

/*
 * From 6.13 on, the read and write callbacks of a bin_attribute are handed a
 * const attribute, and attribute groups list const bin_attributes (first as
 * bin_attrs_new, then as bin_attrs itself).  The two changed in different
 * releases, so each has a probe of its own.
 */
#ifdef XARCH_HAVE_CONST_BIN_ATTR_CALLBACKS
#define XARCH_BIN_ATTR_CB_CONST const
#else
#define XARCH_BIN_ATTR_CB_CONST
#endif

#ifdef XARCH_HAVE_CONST_BIN_ATTRS
#define XARCH_BIN_ATTRS_CONST const
#else
#define XARCH_BIN_ATTRS_CONST
#endif

/**
 * xarch_ns_is_mnt() - is a namespace a mount namespace
 * @ns: the namespace an nsfs inode stands for
 *
 * The type of a namespace moved from its proc_ns_operations (->type) into
 * struct ns_common itself (->ns_type) in 6.18.
 *
 * Return: true when @ns is a mount namespace.
 */
static inline bool xarch_ns_is_mnt(const struct ns_common *ns)
{
#ifdef XARCH_HAVE_NS_COMMON_TYPE
	return ns->ns_type == CLONE_NEWNS;
#else
	return ns->ops && ns->ops->type == CLONE_NEWNS;
#endif
}

#endif /* XARCH_COMPAT_H */
