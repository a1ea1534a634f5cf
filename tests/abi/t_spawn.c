// SPDX-License-Identifier: GPL-2.0-only
/* t_spawn — 4 threads each posix_spawn (real vfork) and wait for 30 guest children; the
 * parent keeps its signal handlers (the children reset theirs). A child spawned with
 * POSIX_SPAWN_SETSIGMASK starts with that blocked set (the mask survives execve). */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <signal.h>
#include <sys/wait.h>
extern char **environ;
static volatile int hits;
static void h(int s) { (void)s; hits++; }
static char *prog;
static void *w(void *a) {
	(void)a; int bad = 0;
	for (int i = 0; i < 30; i++) {
		pid_t p; char *av[] = { prog, "child", NULL };
		if (posix_spawn(&p, prog, NULL, NULL, av, environ)) { bad++; continue; }
		int st; waitpid(p, &st, 0); if (!WIFEXITED(st) || WEXITSTATUS(st) != 4) bad++;
	}
	return (void *)(long)bad;
}
int main(int argc, char **argv) {
	if (argc > 1) {	/* child: exit 4, or 5 when SIGUSR2 alone is blocked */
		sigset_t m; sigprocmask(SIG_BLOCK, NULL, &m);
		return 4 + (sigismember(&m, SIGUSR2) && !sigismember(&m, SIGUSR1));
	}
	prog = argv[0];
	posix_spawnattr_t at; sigset_t m; pid_t p; int st = 0; char *av[] = { prog, "child", NULL };
	posix_spawnattr_init(&at); sigemptyset(&m); sigaddset(&m, SIGUSR2);
	posix_spawnattr_setsigmask(&at, &m); posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	if (posix_spawn(&p, prog, NULL, &at, av, environ) == 0) waitpid(p, &st, 0);
	printf("spawn_sigmask=%d\n", WEXITSTATUS(st) == 5);
	signal(SIGUSR1, h);
	pthread_t t[4]; long bad = 0;
	for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, w, NULL);
	for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); bad += (long)r; }
	raise(SIGUSR1);
	printf("bad=%ld handler_kept=%d\n", bad, hits == 1);
	return 0;
}
