// SPDX-License-Identifier: GPL-2.0-only
/*
 * ids — a guest for the security selftests: prints its real and effective ids and argv[0], one
 * "key=value" a line, so a test can tell whether a set-uid foreign program ran with its owner's
 * privileges. Built static and dynamic (tests/guest/Makefile).
 */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("IDS\nuid=%d\neuid=%d\ngid=%d\negid=%d\nat_secure=%lu\nargv0=%s\n", (int)getuid(),
	       (int)geteuid(), (int)getgid(), (int)getegid(), getauxval(AT_SECURE),
	       argc > 0 ? argv[0] : "");
	return 0;
}
