// SPDX-License-Identifier: GPL-2.0-only
/* g_env.c — what the debugged program sees of XARCH_GDB (nothing: it is the emulator's). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	const char *e = getenv("XARCH_GDB");
	printf("XARCH_GDB=%s\n", e ? e : "(unset)");
	return 0;
}
