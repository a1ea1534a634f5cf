// SPDX-License-Identifier: GPL-2.0-only
/*
 * measure REPORT-FD PROG ARGS… — run PROG, then write "<seconds> <peak RSS KiB> <status>\n" to the
 * file descriptor REPORT-FD. A small native process of its own, so the peak RSS that the kernel
 * reports for the child is the child's, not that of a large parent it was forked from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, fd;
	pid_t pid;
	FILE *rep;

	if (argc < 3) {
		fprintf(stderr, "usage: measure REPORT-FD PROG ARGS...\n");
		return 127;
	}
	fd = atoi(argv[1]);
	rep = fdopen(fd, "w");
	if (!rep) {
		perror("measure: report fd");
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 127;
	}
	if (pid == 0) {
		close(fd);
		execvp(argv[2], argv + 2);
		perror("measure: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("measure: wait4");
		return 127;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	fprintf(rep, "%.9f %ld %d\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		ru.ru_maxrss, status);
	fclose(rep);
	return status;
}
