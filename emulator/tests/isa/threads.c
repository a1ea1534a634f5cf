// SPDX-License-Identifier: GPL-2.0-only
/* Exclusives and LSE atomics under contention from several guest threads (shared decoded code). */
#include <pthread.h>
#include "isa.h"

#define THREADS 4
#define ITERS 50000

static uint64_t llsc_counter, lse_counter, cas_counter, locked_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		uint64_t v, st;
		__asm__ volatile("1: ldaxr %0, [%2]\n add %0, %0, #1\n stlxr %w1, %0, [%2]\n cbnz %w1, 1b"
				 : "=&r"(v), "=&r"(st) : "r"(&llsc_counter) : "memory");
		__asm__ volatile("ldaddal %1, %0, [%2]" : "=r"(v) : "r"(1ull), "r"(&lse_counter) : "memory");
		uint64_t old = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED), exp;
		do {
			exp = old;
			__asm__ volatile("casal %0, %2, [%1]" : "+r"(old) : "r"(&cas_counter), "r"(exp + 1) : "memory");
		} while (old != exp);
		if (i % 16 == 0) {
			pthread_mutex_lock(&lock);
			locked_counter++;
			pthread_mutex_unlock(&lock);
		}
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	CHECK("ldaxr/stlxr counter", llsc_counter, THREADS * ITERS);
	CHECK("ldaddal counter", lse_counter, THREADS * ITERS);
	CHECK("casal counter", cas_counter, THREADS * ITERS);
	CHECK("mutex counter", locked_counter, THREADS * ((ITERS + 15) / 16));
	DONE();
}
