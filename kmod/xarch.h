/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * binfmt_xarch: shared definitions.
 */
#ifndef XARCH_H
#define XARCH_H

#include <linux/atomic.h>
#include <linux/kobject.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/types.h>

/* Longest sysroot path, in bytes, without the terminating NUL. */
#define XARCH_SYSROOT_MAX	128
/*
 * Most per-mount-namespace sysroot entries, each one (namespace, arch or
 * every arch) pair: a namespace with an entry for two arches uses two.
 * Their listing must fit in one page: 24 lines of at most
 * "mnt:[4294967295] loongarch64 <128 bytes>\n" (158 bytes) do.
 */
#define XARCH_NS_MAX		24

/**
 * struct xarch_sysroot - a sysroot set for every arch or for one
 * @rcu:  deferred freeing, exec reads it under RCU
 * @path: absolute path
 */
struct xarch_sysroot {
	struct rcu_head rcu;
	char path[];
};

/**
 * struct xarch_emu - an emulator opened at configuration time
 * @ref:  one reference for the arch table, one per exec using it
 * @file: the emulator, from open_exec(); writes to it are denied
 * @rcu:  deferred freeing, readers look it up under RCU
 * @path: the path it was configured with, passed as argv[0]
 */
struct xarch_emu {
	refcount_t ref;
	struct file *file;
	struct rcu_head rcu;
	char path[];
};

/* Why a matched binary is not run; each is logged once per configuration. */
enum xarch_why {
	XARCH_WHY_DISABLED,
	XARCH_WHY_ARCH_DISABLED,
	XARCH_WHY_NO_EMULATOR,
	XARCH_WHY_EMULATOR_ITSELF,
	XARCH_WHY_NESTED,
	XARCH_WHY_PATH_INACCESSIBLE,
	XARCH_WHY_NR,
	XARCH_WHY_NONE = XARCH_WHY_NR,
};

/**
 * struct xarch_arch - one foreign architecture
 * @name:     arch name, used for the sysfs directory and xarch-<name>
 * @machine:  ELF e_machine
 * @class:    ELFCLASS32 or ELFCLASS64
 * @data:     ELFDATA2LSB or ELFDATA2MSB
 * @enabled:  dispatch allowed (read locklessly)
 * @creds:    credentials come from the guest binary (read locklessly)
 * @emu:      configured emulator or NULL, RCU-protected
 * @sysroot:  this arch's sysroot, wins over the default; NULL when unset
 * @execs:    successful dispatches
 * @failures: matched binaries that could not be dispatched
 * @warned:   bit per enum xarch_why already logged since the last change
 * @kobj:     the sysfs directory
 */
struct xarch_arch {
	const char *name;
	u16 machine;
	u8 class;
	u8 data;
	bool enabled;
	bool creds;
	struct xarch_emu __rcu *emu;
	struct xarch_sysroot __rcu *sysroot;
	atomic64_t execs;
	atomic64_t failures;
	unsigned long warned;
	struct kobject *kobj;
};

extern struct xarch_arch xarch_arches[];
extern const unsigned int xarch_nr_arches;
extern bool xarch_enabled;

/* config.c */
struct xarch_emu *xarch_emu_get(struct xarch_arch *arch);
void xarch_emu_put(struct xarch_emu *emu);
int xarch_set_emulator(struct xarch_arch *arch, const char *path);
ssize_t xarch_show_emulator(struct xarch_arch *arch, char *buf);
int xarch_set_default_sysroot(const char *path);
ssize_t xarch_show_default_sysroot(char *buf);
int xarch_set_arch_sysroot(struct xarch_arch *arch, const char *path);
ssize_t xarch_show_arch_sysroot(struct xarch_arch *arch, char *buf);
bool xarch_arch_has_sysroot(struct xarch_arch *arch);
int xarch_ns_sysroot_write(char *cmd);
ssize_t xarch_ns_sysroot_show(char *buf);
unsigned int xarch_ns_sysroot_count(void);
bool xarch_current_sysroot(const struct xarch_arch *arch, char *buf,
			   size_t size);
void xarch_config_release(void);

void xarch_config_changed(struct xarch_arch *arch);

/* guard.c */
struct linux_binprm;
void xarch_guard_running(struct linux_binprm *bprm);
void xarch_guard_release_all(void);

/* testhooks.c, only in test builds (XARCH_TEST=1) */
#ifdef XARCH_TEST_HOOKS
void xarch_test_delay_emu_get(void);
#else
static inline void xarch_test_delay_emu_get(void)
{
}
#endif

/* sysfs.c */
int xarch_sysfs_init(void);
void xarch_sysfs_exit(void);

#endif /* XARCH_H */
