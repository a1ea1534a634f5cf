// SPDX-License-Identifier: GPL-2.0-only
/* threads: pthreads, TLS, mutex/condvar, many threads; the kuser helpers called directly */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include "common.h"

typedef int (*kuser_cmpxchg_t)(int oldval, int newval, volatile int *ptr);
typedef int (*kuser_cmpxchg64_t)(const int64_t *oldval, const int64_t *newval, volatile int64_t *ptr);
typedef void *(*kuser_get_tls_t)(void);
typedef void (*kuser_dmb_t)(void);
#define kuser_cmpxchg ((kuser_cmpxchg_t)0xffff0fc0)
#define kuser_cmpxchg64 ((kuser_cmpxchg64_t)0xffff0f60)
#define kuser_get_tls ((kuser_get_tls_t)0xffff0fe0)
#define kuser_dmb ((kuser_dmb_t)0xffff0fa0)

static __thread int tls_var = 5;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int counter, turn;
static volatile int kcount;
static volatile int64_t kcount64;

#define NT 40
#define ITER 2000

static void *worker(void *arg)
{
	int id = (int)(intptr_t)arg;
	tls_var = id;
	for (int i = 0; i < ITER; i++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
		int o;
		do
			o = kcount;
		while (kuser_cmpxchg(o, o + 1, &kcount));
		int64_t o64, n64;
		do {
			o64 = kcount64;
			n64 = o64 + 0x100000001ll;
		} while (kuser_cmpxchg64(&o64, &n64, &kcount64));
	}
	kuser_dmb();
	/* a relay through a condition variable: thread id waits for its turn */
	pthread_mutex_lock(&mu);
	while (turn != id)
		pthread_cond_wait(&cv, &mu);
	turn++;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	return (void *)(intptr_t)(tls_var == id && kuser_get_tls() == __builtin_thread_pointer());
}

int main(void)
{
	pthread_t th[NT];
	printf("kuser version %d\n", *(volatile int *)0xffff0ffc);
	CHECK("__kuser_get_tls is the thread pointer", kuser_get_tls() == __builtin_thread_pointer());
	volatile int v = 3;
	int r1 = kuser_cmpxchg(3, 4, &v), r2 = kuser_cmpxchg(3, 5, &v);
	CHECK("__kuser_cmpxchg", r1 == 0 && r2 != 0 && v == 4);
	volatile int64_t w = 1ll << 40;
	int64_t o = 1ll << 40, n = 7, bad = 9;
	int s1 = kuser_cmpxchg64(&o, &n, &w), s2 = kuser_cmpxchg64(&o, &bad, &w);
	CHECK("__kuser_cmpxchg64", s1 == 0 && s2 != 0 && w == 7);
	for (int i = 0; i < NT; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i))
			return 1;
	int good = 0;
	for (int i = 0; i < NT; i++) {
		void *rv;
		pthread_join(th[i], &rv);
		good += rv == (void *)1;
	}
	printf("counter %d kcount %d kcount64 %llx\n", counter, kcount, (unsigned long long)kcount64);
	CHECK("every thread saw its own TLS and thread pointer", good == NT);
	CHECK("main TLS untouched", tls_var == 5);
	CHECK("mutex counter", counter == NT * ITER);
	CHECK("kuser cmpxchg counters", kcount == NT * ITER && kcount64 == (int64_t)NT * ITER * 0x100000001ll);
	return 0;
}
