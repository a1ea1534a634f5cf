/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xlat.h — guest <-> host translation of flags and structures whose ABI differs between
 * arm64 and x86_64. Everything else is passed through unchanged.
 */
#ifndef XARCH_XLAT_H
#define XARCH_XLAT_H

#include <stdint.h>
#include <sys/stat.h>
#include "linux_abi.h"

int xlat_open_flags_to_host(uint64_t gflags);
uint64_t xlat_open_flags_to_guest(int hflags);
void xlat_stat_to_guest(const struct stat *h, struct gabi_stat *g);
int xlat_prot_to_host(uint64_t gprot);

#endif /* XARCH_XLAT_H */
