// SPDX-License-Identifier: GPL-2.0-only
/*
 * arm.c — the 32-bit arm EABI system call numbering as one table of rows (syscalls-arm.h), with
 * the ARM-private calls (0x0f0000 + n) as a second range whose rows the guest provides: they
 * read and write its CPU (TPIDRURO, decoded code).
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include "abi32.h"
#include "syscall.h"

static const struct syscall_row rows[] = {
#define SC(nr, name, fn, host, fmt, fl) [nr] = { #name, fn, host, fmt, fl },
#include "syscalls-arm.h"
#undef SC
};
#define SC(nr, name, fn, host, fmt, fl) SC_ROW_FITS(name, fmt)
#include "syscalls-arm.h"
#undef SC

/* guest/arm/guest.c: breakpoint, cacheflush, usr26, usr32, set_tls, get_tls (indexed by n) */
extern const struct syscall_row arm_private_rows[7];

const struct syscall_table syscalls_arm = {
	rows, sizeof(rows) / sizeof(rows[0]), arm_private_rows, 0x0f0000, 7,
};
