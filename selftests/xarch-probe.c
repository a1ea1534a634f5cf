// SPDX-License-Identifier: GPL-2.0-only
/*
 * xarch-probe: a native stand-in emulator for the selftests.
 *
 * Set as an arch's emulator, it prints what the kernel handed it, one
 * "key=value" per line: its argv, AT_EXECFD (and what can be read through
 * it), AT_FLAGS, AT_SECURE, its credentials and its mount namespace.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

static long aux(unsigned long type)
{
	unsigned long v;

	errno = 0;
	v = getauxval(type);
	if (errno == ENOENT)
		return -1;
	return (long)v;
}

int main(int argc, char **argv)
{
	unsigned char head[20];
	char ns[64];
	struct stat st;
	long execfd;
	ssize_t n, i;
	int flags;

	printf("XARCH-PROBE\n");
	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv%zd=%s\n", i, argv[i]);

	execfd = aux(AT_EXECFD);
	printf("execfd=%ld\n", execfd);
	if (execfd >= 0) {
		flags = fcntl((int)execfd, F_GETFD);
		printf("execfd_cloexec=%d\n", flags < 0 ? -1 : !!(flags & FD_CLOEXEC));
		if (fstat((int)execfd, &st) == 0)
			printf("guest_size=%lld\n", (long long)st.st_size);
		n = pread((int)execfd, head, sizeof(head), 0);
		printf("guest_head=");
		for (i = 0; i < n; i++)
			printf("%02x", head[i]);
		printf("\n");
		close((int)execfd);
	}
	printf("at_flags=%ld\n", aux(AT_FLAGS));
	printf("at_secure=%ld\n", aux(AT_SECURE));
	printf("uid=%d\neuid=%d\ngid=%d\negid=%d\n",
	       (int)getuid(), (int)geteuid(), (int)getgid(), (int)getegid());
	n = readlink("/proc/self/ns/mnt", ns, sizeof(ns) - 1);
	if (n < 0)
		n = 0;
	ns[n] = '\0';
	printf("mntns=%s\n", ns);
	printf("XARCH-PROBE-END\n");
	return 0;
}
