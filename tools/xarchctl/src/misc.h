/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: binfmt_misc entries that compete with binfmt_xarch for the same programs. */
#ifndef XARCHCTL_MISC_H
#define XARCHCTL_MISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* One entry of binfmt_misc (a file under its mount point other than status and register). */
struct xc_misc {
	char *name;
	bool enabled;
	char *interpreter;
	char *flags;		/* "POCF", "" */
	bool is_magic;		/* a magic entry (else an extension entry, which never matches by content) */
	unsigned offset;
	size_t len;		/* bytes of magic and mask */
	uint8_t magic[128];
	uint8_t mask[128];
};

/* The directory binfmt_misc is read from: $XARCH_BINFMT_MISC (testing only) or /proc/sys/fs/binfmt_misc. */
const char *xc_misc_dir(void);
/*
 * The entries, sorted by name; *mounted false (and 0 returned) when binfmt_misc is not mounted there.
 * Unreadable entries are left out and counted in *unreadable.
 */
size_t xc_misc_list(struct xc_misc **out, bool *mounted, size_t *unreadable);
void xc_misc_list_free(struct xc_misc *l, size_t n);
/* Would entry m take an executable (ET_EXEC or ET_DYN) of arch a by its content? */
bool xc_misc_matches(const struct xc_misc *m, const struct xc_arch *a);

/* Who ran a probe program of an arch (xc_misc_probe). */
enum xc_runner {
	XC_RUN_UNKNOWN,		/* could not be tried (no probe program for the arch, no writable exec dir) */
	XC_RUN_XARCH,		/* binfmt_xarch took it (its exec counter moved) */
	XC_RUN_OTHER,		/* it ran, and binfmt_xarch did not take it: binfmt_misc did */
	XC_RUN_NONE,		/* nothing runs it: execve failed (*err holds why) */
};
/*
 * Run a minimal program of arch a (it exits 0 at once) and see which handler took it, by binfmt_xarch's
 * exec counter for a before and after. Only aarch64 and arm have a probe program.
 */
enum xc_runner xc_misc_probe(const struct xc_arch *a, int *err);
const char *xc_runner_name(enum xc_runner r);

#endif
