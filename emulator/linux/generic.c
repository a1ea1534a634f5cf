// SPDX-License-Identifier: GPL-2.0-only
/*
 * generic.c — the asm-generic system call numbering (include/uapi/asm-generic/unistd.h) that
 * arm64 and riscv64 share, as one table of rows (syscalls-generic.h). A guest names it in its
 * struct guest (guest.syscalls); a guest with its own numbering (32-bit arm) has its own table
 * here beside it, with the same row format and the same handlers where the ABI agrees.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include "syscall.h"

static const struct syscall_row rows[] = {
#define SC(nr, name, fn, host, fmt, fl) [nr] = { #name, fn, host, fmt, fl },
#include "syscalls-generic.h"
#undef SC
};
#define SC(nr, name, fn, host, fmt, fl) SC_ROW_FITS(name, fmt)
#include "syscalls-generic.h"
#undef SC
const struct syscall_table syscalls_generic = { rows, sizeof(rows) / sizeof(rows[0]), NULL, 0, 0 };
