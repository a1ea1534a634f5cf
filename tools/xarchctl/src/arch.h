/* SPDX-License-Identifier: GPL-2.0-only */
/* xarchctl: the machine -> arch table (mirrors the module's). */
#ifndef XARCHCTL_ARCH_H
#define XARCHCTL_ARCH_H

#include <stdbool.h>
#include <stdint.h>

struct xc_arch {
	const char *name;	/* arch name used by the module and the emulator (xarch-<name>) */
	uint16_t machine;	/* e_machine */
	uint8_t elfclass;	/* ELFCLASS32 / ELFCLASS64 */
	uint8_t data;		/* ELFDATA2LSB / ELFDATA2MSB */
	const char *triplet;	/* Debian multiarch triplet, for library search and hints */
	const char *cross_pkg;	/* Debian package with a sysroot for it, or NULL */
};

extern const struct xc_arch xc_arches[];
extern const unsigned int xc_narches;

const struct xc_arch *xc_arch_by_name(const char *name);
const struct xc_arch *xc_arch_match(uint16_t machine, uint8_t elfclass, uint8_t data);
bool xc_machine_is_native(uint16_t machine, uint8_t elfclass);
const char *xc_machine_name(uint16_t machine);	/* human name, "unknown" if not known */
const char *xc_arch_list(void);			/* "aarch64, arm, ..." */

#endif
