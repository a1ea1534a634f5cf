// SPDX-License-Identifier: GPL-2.0-only
// musl threads: create/join/exit, mutex + condition variable, TLS, keys with destructors,
// once, barriers, rwlocks, detached threads and many threads. Deterministic output.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NPROD 4
#define NCONS 4
#define ITEMS 5000

static __thread int tls_counter = 7;
static __thread char tls_buf[64];
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int queue[16], qhead, qlen, produced_done;
static long consumed_sum, consumed_n;

static void *producer(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&m);
		while (qlen == 16)
			pthread_cond_wait(&not_full, &m);
		queue[(qhead + qlen++) % 16] = (int)(id * ITEMS + i);
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	produced_done++;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *consumer(void *arg)
{
	long mine = 0;
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&m);
		while (qlen == 0 && produced_done < NPROD)
			pthread_cond_wait(&not_empty, &m);
		if (qlen == 0) {
			pthread_mutex_unlock(&m);
			break;
		}
		int v = queue[qhead];
		qhead = (qhead + 1) % 16;
		qlen--;
		consumed_sum += v;
		consumed_n++;
		mine++;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&m);
	}
	return (void *)mine;
}

static void *tls_worker(void *arg)
{
	long id = (long)arg;
	tls_counter += (int)id;
	snprintf(tls_buf, sizeof tls_buf, "thread-%ld", id);
	usleep(1000);
	int ok = tls_counter == 7 + id && strcmp(tls_buf, "thread-") > 0 && atol(tls_buf + 7) == id;
	if (id == 3)
		pthread_exit((void *)(long)(ok ? 300 : -1));
	return (void *)(long)(ok ? id * 100 : -1);
}

static pthread_key_t key;
static int destructed;
static void key_dtor(void *p)
{
	pthread_mutex_lock(&m);
	destructed += (int)(long)p;
	pthread_mutex_unlock(&m);
}
static void *key_worker(void *arg)
{
	pthread_setspecific(key, arg);
	return pthread_getspecific(key);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }

static pthread_barrier_t bar;
static int phase_count[3];
static void *bar_worker(void *arg)
{
	(void)arg;
	for (int p = 0; p < 3; p++) {
		pthread_mutex_lock(&m);
		phase_count[p]++;
		pthread_mutex_unlock(&m);
		pthread_barrier_wait(&bar);
		pthread_once(&once, once_fn);
	}
	return NULL;
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long shared_val;
static void *rw_worker(void *arg)
{
	long id = (long)arg, seen = 0;
	for (int i = 0; i < 2000; i++) {
		if (i % 10 == (int)id % 10) {
			pthread_rwlock_wrlock(&rw);
			shared_val++;
			pthread_rwlock_unlock(&rw);
		} else {
			pthread_rwlock_rdlock(&rw);
			seen += shared_val >= 0;
			pthread_rwlock_unlock(&rw);
		}
	}
	return (void *)seen;
}

static int detached_done;
static void *detached(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	detached_done++;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *tiny(void *arg) { return (void *)((long)arg * 2); }

int main(void)
{
	pthread_t p[NPROD], c[NCONS], t[8];
	long total = 0;

	for (long i = 0; i < NPROD; i++)
		pthread_create(&p[i], NULL, producer, (void *)i);
	for (long i = 0; i < NCONS; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (int i = 0; i < NPROD; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < NCONS; i++) {
		void *r;
		pthread_join(c[i], &r);
		total += (long)r;
	}
	long n = (long)NPROD * ITEMS;
	printf("queue: consumed %ld (by threads %ld) sum %ld want %ld\n", consumed_n, total, consumed_sum, n * (n - 1) / 2);

	for (long i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, tls_worker, (void *)i);
	printf("tls:");
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		printf(" %ld", (long)r);
	}
	printf(" main=%d\n", tls_counter);

	pthread_key_create(&key, key_dtor);
	for (long i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, key_worker, (void *)(i + 1));
	long ksum = 0;
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		ksum += (long)r;
	}
	printf("keys: got %ld destructors %d\n", ksum, destructed);

	pthread_barrier_init(&bar, NULL, 6);
	for (int i = 0; i < 6; i++)
		pthread_create(&t[i], NULL, bar_worker, NULL);
	for (int i = 0; i < 6; i++)
		pthread_join(t[i], NULL);
	printf("barrier: %d %d %d once=%d\n", phase_count[0], phase_count[1], phase_count[2], once_runs);

	for (long i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, rw_worker, (void *)i);
	long seen = 0;
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		seen += (long)r;
	}
	printf("rwlock: writes %ld reads %ld\n", shared_val, seen);

	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 * 1024);
	for (int i = 0; i < 20; i++) {
		pthread_t d;
		if (pthread_create(&d, &a, detached, NULL))
			printf("detached create failed\n");
	}
	pthread_mutex_lock(&m);
	while (detached_done < 20)
		pthread_cond_wait(&not_empty, &m);
	pthread_mutex_unlock(&m);
	printf("detached: %d\n", detached_done);

	/* many threads: 100 alive at once, then 1000 created and joined one after another */
	pthread_t many[100];
	long msum = 0;
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_JOINABLE);
	for (long i = 0; i < 100; i++)
		pthread_create(&many[i], &a, tiny, (void *)i);
	for (int i = 0; i < 100; i++) {
		void *r;
		pthread_join(many[i], &r);
		msum += (long)r;
	}
	for (long i = 0; i < 1000; i++) {
		pthread_t x;
		void *r;
		pthread_create(&x, &a, tiny, (void *)i);
		pthread_join(x, &r);
		msum += (long)r;
	}
	printf("many: %ld\n", msum);
	return 0;
}
