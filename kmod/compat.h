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

#endif /* XARCH_COMPAT_H */
