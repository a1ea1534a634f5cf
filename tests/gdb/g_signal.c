// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_signal.c — signals under the debugger: SIGUSR1 to a handler (GDB reports it, then passes it
 * on or discards it as told), a SIGSEGV the program catches and recovers from, and the count of
 * what its handlers saw as the exit status.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile int usr1, segv;
static sigjmp_buf env;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void on_segv(int sig)
{
	(void)sig;
	segv++;
	siglongjmp(env, 1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	raise(SIGUSR1);
	if (!sigsetjmp(env, 1))
		*(volatile int *)16 = 1;
	printf("usr1=%d segv=%d\n", usr1, segv);
	return usr1 * 10 + segv;
}
