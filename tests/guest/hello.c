// SPDX-License-Identifier: GPL-2.0-only
/*
 * hello — the demo guest: says hello, shows its argv and what machine it believes it runs on.
 * Built for AArch64 and armhf, static and dynamic (tests/guest/Makefile).
 */
#include <stdio.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;

	if (uname(&u) != 0) {
		perror("uname");
		return 2;
	}
	printf("hello from %s (argv[0]=%s", u.machine, argc > 0 ? argv[0] : "(none)");
	for (int i = 1; i < argc; i++)
		printf(", argv[%d]=%s", i, argv[i]);
	printf(")\n");
	return argc > 1 && argv[1][0] == 'x' ? 42 : 0;
}
