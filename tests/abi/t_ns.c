// SPDX-License-Identifier: GPL-2.0-only
/* t_ns — clone(CLONE_NEWUTS): the child gets its own UTS namespace (qemu-user says EINVAL). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void)
{
	long pid = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	if (pid == 0) {
		struct utsname u;
		sethostname("xarch-ns", 8);
		uname(&u);
		printf("child nodename=%s\n", u.nodename);
		fflush(stdout);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	struct utsname u;
	uname(&u);
	printf("parent nodename_unchanged=%d\n", strcmp(u.nodename, "xarch-ns") != 0);
	return 0;
}
