// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run last: after every other binfmt_xarch selftest (the stress and
 * unload tests included), the kernel log must show no oops, warning,
 * refcount or list corruption report, and the module must be loaded.
 */
#include "kselftest_harness.h"
#include "xarch_util.h"

static const char *const bad_words[] = {
	"BUG:", "WARNING:", "Oops", "general protection fault",
	"refcount_t:", "list_add corruption", "list_del corruption",
	"UBSAN", "KASAN", "kernel BUG", "blocked for more than",
	"detected stall", "rcu: INFO", "Call Trace",
};

TEST(kernel_log_is_clean)
{
	char *log = xdmesg();
	size_t i;

	ASSERT_NE(NULL, log);
	ASSERT_NE(NULL, strstr(log, "binfmt_xarch")) TH_LOG("module never logged?");
	for (i = 0; i < sizeof(bad_words) / sizeof(bad_words[0]); i++) {
		char *hit = strstr(log, bad_words[i]);

		EXPECT_EQ(NULL, hit) TH_LOG("kernel log: %.300s", hit);
	}
	free(log);
}

TEST(module_still_loaded)
{
	EXPECT_EQ(0, access(XSYSFS "/status", R_OK));
}

TEST_HARNESS_MAIN
