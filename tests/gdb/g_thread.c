// SPDX-License-Identifier: GPL-2.0-only
/*
 * g_thread.c — threads under the debugger: two workers alive together with main; worker 1 reaches
 * worker_bp() first, worker 2 only once main has joined worker 1 (a semaphore), so the hits come
 * in a known order, with three threads at the first and two at the second.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_barrier_t bar;
static sem_t go2;
volatile int hits;

__attribute__((noinline)) void worker_bp(int id)
{
	hits += id;
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	pthread_barrier_wait(&bar);
	if (id == 2)
		while (sem_wait(&go2))
			;
	worker_bp(id);
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	pthread_barrier_init(&bar, NULL, 3);
	sem_init(&go2, 0, 0);
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, (void *)(i + 1));
	pthread_barrier_wait(&bar);
	pthread_join(t[0], NULL);
	sem_post(&go2);
	pthread_join(t[1], NULL);
	printf("hits=%d\n", hits);
	return 0;
}
