// SPDX-License-Identifier: GPL-2.0-only
/* t_thread — 8 threads: mutexes, condvars, atomics, TLS, exit and join, detached threads. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define N 8
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter, turn;
static atomic_long acount;
static __thread long tls = 5;
static atomic_int tids_distinct[N];

static void *worker(void *arg)
{
	long id = (long)arg;
	tls += id;
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
		atomic_fetch_add(&acount, 1);
	}
	/* round-robin handoff through a condvar */
	pthread_mutex_lock(&mu);
	while (turn != id)
		pthread_cond_wait(&cv, &mu);
	turn++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	atomic_store(&tids_distinct[id], (int)syscall(SYS_gettid) != getpid());
	if (tls != 5 + id)
		return (void *)-1;
	pthread_exit((void *)(id * 3));
}

static void *late_exit(void *a)
{
	(void)a;
	usleep(100000);
	printf("late thread exits the process\n");
	exit(5);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {	/* main thread leaves with pthread_exit; the process lives on */
		pthread_t t;
		pthread_create(&t, NULL, late_exit, NULL);
		pthread_exit(NULL);
	}
	pthread_t th[N];
	for (long i = 0; i < N; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)i))
			return 1;
	long sum = 0;
	for (int i = 0; i < N; i++) {
		void *r;
		pthread_join(th[i], &r);
		sum += (long)r;
	}
	int distinct = 1;
	for (int i = 0; i < N; i++)
		distinct &= atomic_load(&tids_distinct[i]);
	printf("counter=%ld atomic=%ld turn=%ld retsum=%ld tls_main=%ld tids=%d\n", counter, (long)acount, turn, sum,
	       tls, distinct);
	int ok = counter == (long)N * ITERS && acount == (long)N * ITERS && sum == 84 && distinct;
	/* many short-lived threads */
	for (int round = 0; round < 50; round++) {
		pthread_t t;
		pthread_create(&t, NULL, worker, (void *)(long)turn);
		pthread_join(t, NULL);
	}
	printf("after_churn turn=%ld\n", turn);
	return ok && turn == N + 50 ? 0 : 1;
}
