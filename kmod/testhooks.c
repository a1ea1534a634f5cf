// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_xarch test hooks, built only by `make kmods` into the test variant
 * of the module (XARCH_TEST=1), never into the one that is installed.
 *
 * While test_emu_get_delay_ms is not 0, every emulator lookup waits that
 * long between reading an arch's emulator pointer and taking its reference;
 * test_emu_get_delays counts the waits begun and test_emu_get_waiting reads
 * 1 during one, so a selftest can land an emulator replacement inside each
 * window, every time.
 */
#include <linux/compiler.h>
#include <linux/delay.h>
#include <linux/moduleparam.h>

#include "xarch.h"

static unsigned int test_emu_get_delay_ms;
module_param(test_emu_get_delay_ms, uint, 0600);
MODULE_PARM_DESC(test_emu_get_delay_ms,
		 "Test builds: delay emulator lookups by this many ms");

static int test_emu_get_delays;
module_param(test_emu_get_delays, int, 0444);
MODULE_PARM_DESC(test_emu_get_delays,
		 "Test builds: delayed lookups begun so far");

static int test_emu_get_waiting;
module_param(test_emu_get_waiting, int, 0444);
MODULE_PARM_DESC(test_emu_get_waiting,
		 "Test builds: 1 while a lookup is being delayed");

/**
 * xarch_test_delay_emu_get() - the delay, for as long as it is set
 *
 * Called under rcu_read_lock(): busy-waits (mdelay) rather than sleeping.
 * Meant for one exec at a time.
 */
void xarch_test_delay_emu_get(void)
{
	unsigned int ms = READ_ONCE(test_emu_get_delay_ms);

	if (!ms)
		return;
	WRITE_ONCE(test_emu_get_delays, READ_ONCE(test_emu_get_delays) + 1);
	WRITE_ONCE(test_emu_get_waiting, 1);
	mdelay(ms);
	WRITE_ONCE(test_emu_get_waiting, 0);
}
