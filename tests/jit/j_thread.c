// SPDX-License-Identifier: GPL-2.0-only
/*
 * j_thread.c — hot loops in several threads at once (built twice: -march=armv8-a, so the
 * atomics are LDXR/STXR loops, and -march=armv8.1-a, so they are LSE LDADD/CAS/SWP).
 *   atomics: 6 threads x 100000 fetch-add, CAS-loop increments, exchange-spinlock-protected
 *            two-word updates, and mutex-protected increments; every total exact.
 *   code:    one thread rewrites `movz w0,#k; ret` in a shared RWX page 200 times under a
 *            write lock (with __builtin___clear_cache); 4 threads call it under the read
 *            lock (after an ISB) and must get the k of the current version, every time.
 */
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>
#include "jt.h"

#define NT 6
#define ITERS 100000

static uint64_t fadd, cas, pair[2], mutexed;
static int spin;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int pair_bad;

static void *atomics(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		uint64_t old;
		__atomic_fetch_add(&fadd, 1, __ATOMIC_RELAXED);
		old = __atomic_load_n(&cas, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&cas, &old, old + 3, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
			;
		if ((i & 7) == 0) {
			while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
				;
			if (pair[0] != pair[1])
				pair_bad++;
			pair[0]++;
			pair[1]++;
			__atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
		}
		if ((i & 15) == 0) {
			pthread_mutex_lock(&mu);
			mutexed++;
			pthread_mutex_unlock(&mu);
		}
	}
	return NULL;
}

static pthread_rwlock_t rw; /* writer-preferring, or the readers starve the writer */
static uint32_t *code;
static int version;
static volatile int writer_done;

typedef int (*fn_t)(void);

static void *writer(void *arg)
{
	(void)arg;
	for (int v = 1; v <= 200; v++) {
		pthread_rwlock_wrlock(&rw);
		code[0] = a64_movz_w(0, (unsigned)v * 311);
		code[1] = A64_RET;
		__builtin___clear_cache((char *)code, (char *)(code + 2));
		version = v * 311;
		pthread_rwlock_unlock(&rw);
		for (int i = 0; i < 20; i++)
			sched_yield();
	}
	writer_done = 1;
	return NULL;
}

struct rstat {
	long calls, bad, changes;
	int want, got, last;
};

static void *reader(void *arg)
{
	struct rstat *s = arg;
	while (!writer_done || s->calls < 20000) {
		int r, want;
		pthread_rwlock_rdlock(&rw);
		__asm__ volatile("isb" ::: "memory");
		want = version;
		if (want != s->last) {
			s->changes++;
			s->last = want;
		}
		for (int i = 0; i < 50; i++) {
			r = ((fn_t)code)();
			s->calls++;
			if (r != want && !s->bad++) {
				s->want = want;
				s->got = r;
			}
		}
		pthread_rwlock_unlock(&rw);
		sched_yield();
	}
	return NULL;
}

int main(void)
{
	pthread_t t[NT], w;
	struct rstat st[4];
	long calls = 0, bad = 0, changes = 0;
	int want = 0, got = 0;

	for (int i = 0; i < NT; i++)
		pthread_create(&t[i], NULL, atomics, NULL);
	for (int i = 0; i < NT; i++)
		pthread_join(t[i], NULL);
	printf("fadd=%llu cas=%llu pair=%llu,%llu mutexed=%llu\n", (unsigned long long)fadd,
	       (unsigned long long)cas, (unsigned long long)pair[0], (unsigned long long)pair[1],
	       (unsigned long long)mutexed);
	CHECK("atomics: fetch-add, CAS loop, exchange spinlock and mutex totals from 6 threads",
	      fadd == NT * ITERS && cas == 3ull * NT * ITERS && pair[0] == NT * ITERS / 8 &&
		      pair[1] == pair[0] && mutexed == NT * ITERS / 16 && pair_bad == 0,
	      "pair_bad %d", pair_bad);

	pthread_rwlockattr_t ra;
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&rw, &ra);
	code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	code[0] = a64_movz_w(0, 0);
	code[1] = A64_RET;
	__builtin___clear_cache((char *)code, (char *)(code + 2));
	memset(st, 0, sizeof(st));
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, reader, &st[i]);
	pthread_create(&w, NULL, writer, NULL);
	pthread_join(w, NULL);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		calls += st[i].calls;
		changes += st[i].changes;
		if (st[i].bad && !bad) {
			want = st[i].want;
			got = st[i].got;
		}
		bad += st[i].bad;
	}
	fprintf(stderr, "code: %ld calls, %ld version changes seen by the readers\n", calls, changes);
	CHECK("code: 4 threads call a page 1 thread rewrites 200 times; every call sees the current version",
	      bad == 0 && calls >= 80000 && version == 200 * 311, "%ld of %ld calls wrong, first want %d got %d",
	      bad, calls, want, got);
	CHECK("code: the readers saw the code change under them (>= 10 version changes)", changes >= 10,
	      "%ld changes", changes);
	return jt_exit();
}
