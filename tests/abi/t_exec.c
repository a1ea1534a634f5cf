// SPDX-License-Identifier: GPL-2.0-only
/* t_exec — processes: fork/wait4, vfork+exec, posix_spawn, execve of guest programs and
 * scripts (the emulator must follow them), exit statuses.
 *   t_exec echo ARGS...         print argv (argv[0] included) and exit 3
 *   t_exec run|vfork|spawn PROG ARGS...   start PROG that way, print its exit status
 *   t_exec exec PROG ARGS...    execv directly
 */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "echo")) {
		for (int i = 0; i < argc; i++)
			printf("%sargv[%d]=%s", i ? " " : "", i, argv[i]);
		printf("\n");
		return 3;
	}
	if (argc < 3)
		return 2;
	fflush(stdout);
	if (!strcmp(argv[1], "exec")) {
		execv(argv[2], argv + 2);
		perror("execv");
		return 126;
	}
	pid_t pid;
	if (!strcmp(argv[1], "spawn")) {
		int e = posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ);
		if (e) {
			printf("spawn error %d\n", e);
			return 1;
		}
	} else {
		pid = !strcmp(argv[1], "vfork") ? vfork() : fork();
		if (pid == 0) {
			execv(argv[2], argv + 2);
			_exit(127);
		}
	}
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return 1;
	printf("status=%d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return 0;
}
