// SPDX-License-Identifier: GPL-2.0-only
/* t_spawn — 4 threads each posix_spawn (real vfork) and wait for 30 guest children; the
 * parent keeps its signal handlers (the children reset theirs). */
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
	if (argc > 1) return 4;
	prog = argv[0];
	signal(SIGUSR1, h);
	pthread_t t[4]; long bad = 0;
	for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, w, NULL);
	for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); bad += (long)r; }
	raise(SIGUSR1);
	printf("bad=%ld handler_kept=%d\n", bad, hits == 1);
	return 0;
}
