// SPDX-License-Identifier: GPL-2.0-only
/* t_basic — argv, environment, uname, auxv, identity: output compared with qemu-aarch64. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct utsname u;
	if (uname(&u))
		return 2;
	printf("machine=%s\n", u.machine);
	printf("argc=%d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	printf("env XARCH_T=%s\n", getenv("XARCH_T") ? getenv("XARCH_T") : "(unset)");
	printf("pagesz=%lu\n", getauxval(AT_PAGESZ));
	printf("hwcap_fp=%lu asimd=%lu\n", getauxval(AT_HWCAP) & 1, (getauxval(AT_HWCAP) >> 1) & 1);
	printf("platform=%s\n", (char *)getauxval(AT_PLATFORM));
	printf("random_nonnull=%d\n", getauxval(AT_RANDOM) != 0);
	printf("secure=%lu\n", getauxval(AT_SECURE));
	printf("uid_match=%d\n", getauxval(AT_UID) == (unsigned long)getuid());
	printf("execfn_is_argv0=%d\n", strcmp((char *)getauxval(AT_EXECFN), argv[0]) == 0);
	printf("pid_pos=%d ppid_pos=%d\n", getpid() > 0, getppid() > 0);
	char cwd[4096];
	printf("getcwd_ok=%d\n", getcwd(cwd, sizeof(cwd)) != NULL);
	/* pthread_getattr_np on the main thread reads /proc/self/maps for the [stack] */
	pthread_attr_t at;
	void *sa = NULL;
	size_t ss = 0;
	int local;
	if (!pthread_getattr_np(pthread_self(), &at))
		pthread_attr_getstack(&at, &sa, &ss);
	printf("main_stack_ok=%d\n", (char *)&local >= (char *)sa && (char *)&local < (char *)sa + ss);
	void *p = malloc(1 << 20), *q = malloc(100);
	memset(p, 1, 1 << 20);
	printf("malloc_ok=%d\n", p && q);
	free(p);
	free(q);
	return argc > 1 && !strcmp(argv[1], "exit7") ? 7 : 0;
}
