/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: access to the module's sysfs interface. */
#ifndef XARCHCTL_SYSFS_H
#define XARCHCTL_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

/* tri-state for values only known when the module is loaded and readable */
enum xc_tri { XC_UNKNOWN = -1, XC_NO = 0, XC_YES = 1 };

enum xc_sysfs_key {
	SF_ENABLED,		/* global switch: 0/1 */
	SF_STATUS,		/* summary text */
	SF_SYSROOT,		/* default sysroot, empty when none */
	SF_NS_SYSROOTS,		/* per-namespace sysroots: listing on read, commands on write */
	SF_ARCH_DIR,		/* per-arch directory */
	SF_ARCH_EMULATOR,
	SF_ARCH_ENABLED,
	SF_ARCH_CREDENTIALS,
	SF_ARCH_EXECS,
	SF_ARCH_FAILURES,
	SF_ARCH_SYSROOT,	/* per-arch sysroot, empty when none (modules since issue #13) */
	SF_NKEYS
};

/* Base directory: $XARCH_SYSFS (testing only) or /sys/kernel/binfmt_xarch. */
const char *xc_sysfs_base(void);
char *xc_sysfs_path(enum xc_sysfs_key key, const char *arch);	/* malloc'd */
bool xc_module_loaded(void);
char *xc_sysfs_read(enum xc_sysfs_key key, const char *arch, int *err);
/*
 * Format of a namespace-sysroot add / delete command written to SF_NS_SYSROOTS. ARCH NULL: the entry for
 * every arch (add), every entry of the namespace (delete); "*" (delete): only the entry for every arch.
 */
char *xc_ns_add_cmd(const char *nsfile, const char *arch, const char *dir);
char *xc_ns_del_cmd(const char *nsfile, const char *arch);
char *xc_ns_del_id_cmd(unsigned long long ino, const char *arch);

/* An emulator value that means "none configured". */
bool xc_sysfs_unset(const char *val);

/* One entry of the namespace sysroot listing. */
struct xc_ns_entry {
	unsigned long long ino;	/* mount namespace inode, 0 if not shown */
	char *arch;		/* the arch the entry is for, NULL: every arch */
	char *sysroot;
	char *line;		/* the raw line */
};
size_t xc_ns_list(struct xc_ns_entry **out, int *err);
void xc_ns_list_free(struct xc_ns_entry *l, size_t n);
unsigned long long xc_self_mntns_ino(void);
/* JSON "default" and "namespaces" members (cmd_sysroot.c), for status and sysroot list. */
void xc_json_sysroots(const char *def, const struct xc_ns_entry *ns, size_t n, unsigned long long self);

/*
 * A configuration change of several writes. Each write first saves the old value; when a write fails, the
 * earlier writes are rolled back in reverse order, so a failed command leaves the old configuration.
 */
struct xc_txn {
	size_t n;
	struct {
		char *path;
		char *old;
	} w[64];
};
/* Returns an exit code (XC_OK on success) after printing one error line naming the file and cause. */
int xc_txn_write(struct xc_txn *t, enum xc_sysfs_key key, const char *arch, const char *val, bool save_old);
void xc_txn_rollback(struct xc_txn *t);
void xc_txn_free(struct xc_txn *t);

/* Print the "module not loaded" error line and return XC_NOMODULE. */
int xc_err_nomodule(void);
/* Check that ARCH is known and that the loaded module provides it; prints the error. */
int xc_check_arch(const char *arch);

/* From the world-readable status file: is an emulator set for arch (even when <arch>/emulator is root-only). */
enum xc_tri xc_status_emulator_set(const char *arch);

#endif
