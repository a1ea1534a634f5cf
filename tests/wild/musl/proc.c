// SPDX-License-Identifier: GPL-2.0-only
// Processes under musl: fork and wait statuses, pipes, posix_spawn (musl spawns with
// clone(CLONE_VM|CLONE_VFORK) on a stack of its own) with file actions and attributes, vfork +
// execve of this program with an environment, a failing exec, fifty children at once.
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int child_main(char **argv)
{
	int code = atoi(argv[2]);
	const char *e = getenv("XTEST");
	sigset_t m;
	sigprocmask(SIG_BLOCK, NULL, &m);
	struct sigaction sa;
	sigaction(SIGUSR1, NULL, &sa);
	printf("child %d env=%s usr2-blocked=%d usr1-default=%d\n", code, e ? e : "-", sigismember(&m, SIGUSR2),
	       sa.sa_handler == SIG_DFL);
	return code;
}

static void ignore(int s) { (void)s; }

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "child"))
		return child_main(argv);
	setvbuf(stdout, NULL, _IONBF, 0);

	int fds[2], status;
	pipe(fds);
	pid_t p = fork();
	if (p == 0) {
		close(fds[0]);
		dprintf(fds[1], "hello from the child, parent matches=%d", getppid() > 1);
		_exit(7);
	}
	close(fds[1]);
	char buf[256] = "";
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	waitpid(p, &status, 0);
	printf("fork: '%.*s' exited=%d code=%d\n", (int)n, buf, WIFEXITED(status), WEXITSTATUS(status));

	p = fork();
	if (p == 0) {
		pause();
		_exit(0);
	}
	kill(p, SIGTERM);
	waitpid(p, &status, 0);
	printf("killed child: signaled=%d sig=%d\n", WIFSIGNALED(status), WTERMSIG(status));

	/* posix_spawn with stdout redirected into a pipe, a signal blocked, a handler reset */
	struct sigaction sa = { .sa_handler = ignore };
	sigaction(SIGUSR1, &sa, NULL);
	pipe(fds);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	posix_spawnattr_setsigmask(&at, &s);
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	posix_spawnattr_setsigdefault(&at, &s);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	char *cargv[] = { argv[0], "child", "5", NULL };
	setenv("XTEST", "spawned", 1);
	int rc = posix_spawn(&p, argv[0], &fa, &at, cargv, environ);
	close(fds[1]);
	memset(buf, 0, sizeof buf);
	n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	waitpid(p, &status, 0);
	printf("posix_spawn: rc=%d output='%.*s' code=%d\n", rc, (int)(n > 0 ? n - 1 : 0), buf, WEXITSTATUS(status));
	char *bad[] = { "/nonexistent/prog", NULL };
	rc = posix_spawn(&p, bad[0], NULL, NULL, bad, environ);
	if (rc == 0)
		waitpid(p, &status, 0);
	printf("posix_spawn missing: %s\n", rc == ENOENT ? "ENOENT" : strerror(rc));

	char *eargv[] = { argv[0], "child", "9", NULL };
	char *envp[] = { "XTEST=from-execve", NULL };
	p = vfork();
	if (p == 0) {
		execve(argv[0], eargv, envp);
		_exit(126);
	}
	waitpid(p, &status, 0);
	printf("vfork+execve: code=%d\n", WEXITSTATUS(status));
	p = vfork();
	if (p == 0) {
		execve("/nonexistent/prog", eargv, envp);
		_exit(errno == ENOENT ? 127 : 126);
	}
	waitpid(p, &status, 0);
	printf("failed execve: code=%d\n", WEXITSTATUS(status));

	pid_t kids[50];
	for (int i = 0; i < 50; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			usleep((unsigned)(50 - i) * 200);
			_exit(i);
		}
	}
	int sum = 0, reaped = 0;
	for (;;) {
		pid_t w = wait(&status);
		if (w < 0)
			break;
		reaped++;
		sum += WEXITSTATUS(status);
	}
	printf("50 children: reaped=%d sum=%d then %s\n", reaped, sum, errno == ECHILD ? "ECHILD" : strerror(errno));
	return 0;
}
