/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: what the inspector learns from an ELF file (read with libelf). */
#ifndef XARCHCTL_ELFINFO_H
#define XARCHCTL_ELFINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

enum xc_elf_status {
	XC_ELF_OK = 0,
	XC_ELF_NOT_ELF,		/* no ELF magic (or shorter than the magic) */
	XC_ELF_MALFORMED,	/* ELF magic, but broken/truncated/hostile */
	XC_ELF_IOERR,		/* could not open/read */
};

#define XC_ELF_MAX_NEEDED 1024

struct xc_elf {
	int elfclass;		/* 32 or 64 */
	bool big_endian;
	uint16_t machine;
	uint16_t type;		/* ET_* */
	uint64_t entry;
	const struct xc_arch *arch;	/* NULL: no xarch arch for this machine/class/data */
	bool native;		/* the host kernel runs it itself */
	char *interp;		/* PT_INTERP, NULL when none */
	bool has_dynamic;
	bool pie_flag;		/* DF_1_PIE */
	char *soname;
	char **needed;
	size_t nneeded;
	char *runpath;		/* DT_RUNPATH, else DT_RPATH; NULL when none */
	const char *linkage;	/* static, static-pie, dynamic, dynamic-pie, shared-library, not-executable */
	const char *kernel_refuses;	/* why binfmt_xarch will not match this header, NULL if it would */
};

/* Parse len bytes at buf (modified in place by libelf: pass a private copy). */
enum xc_elf_status xc_elf_parse_mem(void *buf, size_t len, struct xc_elf *out, char *err, size_t errlen);
/* Open, map and parse path. */
enum xc_elf_status xc_elf_parse_file(const char *path, struct xc_elf *out, char *err, size_t errlen);
void xc_elf_free(struct xc_elf *e);
const char *xc_elf_type_name(uint16_t type);
bool xc_elf_runnable_type(uint16_t type);

#endif
