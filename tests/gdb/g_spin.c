// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_spin.c — a thread that never stops on its own: a spinner counting until told to stop. With
 * scheduler-locking, stepping main must leave the count alone (the spinner stays stopped); GDB's
 * interrupt must stop a program busy in a loop without system calls.
 */
#include <pthread.h>
#include <stdio.h>

volatile unsigned long spins;
volatile int stop;

static void *spinner(void *arg)
{
	(void)arg;
	while (!stop)
		spins++;
	return NULL;
}

__attribute__((noinline)) void stop_here(void)
{
	stop = stop;
}

int main(int argc, char **argv)
{
	(void)argv;
	pthread_t t;
	pthread_create(&t, NULL, spinner, NULL);
	while (spins < 100000)
		;
	if (argc > 1)		/* the interrupt test: spin here until GDB sets stop */
		while (!stop)
			;
	stop_here();
	pthread_join(t, NULL);
	printf("stopped\n");
	return 0;
}
