// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch test hooks, built only by `make kmods` into the test variant
 * of the module (XARCH_TEST=1), never into the one that is installed.
 *
 * test_emu_get_delay_ms makes the next emulator lookup wait that long
 * between reading an arch's emulator pointer and taking its reference,
 * with test_emu_get_waiting reading 1 meanwhile, so a selftest can land an
 * emulator replacement inside that window every time.
 */
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/moduleparam.h>

#include "xarch.h"

static unsigned int test_emu_get_delay_ms;
module_param(test_emu_get_delay_ms, uint, 0600);
MODULE_PARM_DESC(test_emu_get_delay_ms,
		 "Test builds: delay the next emulator lookup by this many ms");

static int test_emu_get_waiting;
module_param(test_emu_get_waiting, int, 0444);
MODULE_PARM_DESC(test_emu_get_waiting,
		 "Test builds: 1 while a lookup is being delayed");

/**
 * xarch_test_delay_emu_get() - the delay, once per setting of the parameter
 *
 * Called under rcu_read_lock(): busy-waits (mdelay) rather than sleeping.
 */
void xarch_test_delay_emu_get(void)
{
	unsigned int ms = READ_ONCE(test_emu_get_delay_ms);

	if (!ms)
		return;
	WRITE_ONCE(test_emu_get_delay_ms, 0);
	WRITE_ONCE(test_emu_get_waiting, 1);
	mdelay(ms);
	WRITE_ONCE(test_emu_get_waiting, 0);
}
