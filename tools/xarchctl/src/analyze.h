/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: what would happen if FILE were executed (shared by inspect and doctor). */
#ifndef XARCHCTL_ANALYZE_H
#define XARCHCTL_ANALYZE_H

#include <stdbool.h>

#include "elfinfo.h"
#include "sysfs.h"


struct xc_lib {
	const char *name;
	char *resolved;		/* NULL: not found */
};

struct xc_report {
	const char *file;
	enum xc_elf_status st;
	char err[320];
	struct xc_elf e;

	bool module_loaded;
	enum xc_tri global_enabled;

	/* module configuration for the file's arch (only when e.arch) */
	const char *emu_source;	/* "module", "unset", "unreadable", "module-not-loaded" */
	char *emulator;
	enum xc_tri emu_set, emu_exists, emu_executable, arch_enabled, credentials;

	/* sysroot that applies to the caller's mount namespace */
	const char *sysroot_source;	/* "namespace", "arch", "default", "none", "unreadable", "module-not-loaded" */
	char *sysroot;

	/* interpreter and libraries, looked up in the sysroot (then "/", as the emulator falls back) */
	char *interp_resolved;
	bool interp_in_sysroot;
	struct xc_lib *libs;
	size_t nlibs;

	/* the emulator `xarchctl run` would use */
	char *standalone_emu;

	/* the file itself */
	bool file_executable;
	bool noexec_mount;
};

void xc_analyze(const char *file, struct xc_report *r);
void xc_report_free(struct xc_report *r);
/* Directory next to the running xarchctl (malloc'd) or NULL. */
char *xc_self_dir(void);
/* Find xarch-<arch> for stand-alone use: $XARCH_EMULATOR_DIR, next to xarchctl, /usr/lib/xarch. */
char *xc_find_standalone_emulator(const char *arch, bool *exists);
/* The sysroot applying to the caller for ARCH (for run and inspect); *source as in struct xc_report. */
char *xc_current_sysroot(const char *arch, const char **source);
/* Find a file on the guest's root: sysroot+path, else path itself. NULL if neither exists. */
char *xc_guest_lookup(const char *sysroot, const char *path, bool *in_sysroot);

/* JSON members describing one report / the module (cmd_inspect.c); used by inspect and doctor. */
void xc_json_report(const struct xc_report *r);
void xc_json_module(const struct xc_report *r);

#endif
